/**
 * trainTokenClassifier: the training loop the app calls (from a worker process; session.run
 * blocks its thread). Epochs of length-bucketed batches, K optimizer steps per session.run,
 * progress events with tokens/s and ETA, strict entity-level dev F1 after each epoch, early
 * stopping, best model kept (best.safetensors + model.onnx + model.json) and the full training
 * state saved after every epoch (last.safetensors) so `resume: true` continues after a crash.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { UserError } from '../../../shared/api/errors'
import { encodeSentence, type Featurizer, type TaggedSentence } from '../data/types'
import { AffixFeaturizer, type AffixFeaturesOptions } from '../data/affixFeatures'
import { WordFeaturizer } from '../data/wordFeatures'
import { WordPieceFeaturizer } from '../data/wordpiece'
import { buildInferenceGraph } from '../infer/inferGraph'
import { archFromDescription, type ArchDescription, type ModelDescriptionJSON } from '../infer/modelFiles'
import { Tagger } from '../infer/tagger'
import { entityMetrics, type EntityMetrics } from '../metrics'
import type { BertConfig } from '../models/bert'
import { CNN_DEFAULTS, type CnnTaggerConfig } from '../models/cnnTagger'
import { SCRATCH_DEFAULTS, type ScratchConfig } from '../models/scratch'
import { initParams, type Params, type TokenClassifierArch } from '../models/types'
import { ADAMW_DEFAULTS } from '../optim/adamw'
import type { Device } from '../ort'
import { detectDevice } from '../../runtime/device'
import { Rng } from '../rng'
import { bucketLengths, epochRuns, groupByBucket, stackRun, stepsPerEpoch } from './batching'
import { loadParams, loadTrainingState, saveParams, saveTrainingState } from './checkpoint'
import { defaultStepsPerRun, TrainStepper, zeroState, type OptimizerState } from './stepper'
import { warmStart } from './warmStart'

export type ArchitectureOptions =
  | {
      kind: 'bert'
      config: BertConfig
      /** WordPiece vocabulary (vocab.txt lines). */
      vocab: string[]
      lowercase: boolean
      /** Pretrained weights (Hugging Face model.safetensors of a BertForTokenClassification or BertModel). */
      initFrom?: string
    }
  | {
      kind: 'scratch'
      config?: Partial<Omit<ScratchConfig, 'vocabSizes'>>
      minCount?: number
      /** A previous model's folder to start from (retraining as labels accumulate). */
      warmStartFrom?: string
    }
  | {
      /** The default from-scratch model (docs/adr/0009): affix/bigram features, dilated CNN. */
      kind: 'cnn'
      config?: Partial<Omit<CnnTaggerConfig, 'vocabSizes'>>
      features?: Partial<AffixFeaturesOptions>
      /** A previous model's folder to start from (retraining as labels accumulate). */
      warmStartFrom?: string
    }

export interface TrainOptions {
  architecture: ArchitectureOptions
  /** Tag names (BIO); a sentence's tag ids index this list. */
  labels: string[]
  train: TaggedSentence[]
  dev: TaggedSentence[]
  epochs: number
  batchSize: number
  lr: number
  /** Fraction of all steps spent warming up (default 0.1). */
  warmupRatio?: number
  weightDecay?: number
  maxGradNorm?: number
  /** Longest piece sequence; longer sentences are cut (their tail is predicted O). */
  maxLen: number
  seed: number
  device?: Device
  /** Optimizer steps per session.run (default: `defaultStepsPerRun`). */
  k?: number
  outDir: string
  /** Epochs without dev F1 improvement before stopping (default 3). */
  patience?: number
  /** Continue from outDir/last.safetensors when it exists. */
  resume?: boolean
  /** Also save last.safetensors mid-epoch at most this often (seconds; default 300). */
  checkpointEverySec?: number
}

export interface ProgressEvent {
  epoch: number
  step: number
  totalSteps: number
  /** Mean loss of the last run's steps. */
  loss: number
  tokensPerSec: number
  etaSec: number
}

export interface EpochEvent {
  epoch: number
  step: number
  trainLoss: number
  dev: EntityMetrics
  improved: boolean
  seconds: number
}

export interface TrainCallbacks {
  onProgress?: (e: ProgressEvent) => void
  onEpoch?: (e: EpochEvent) => void
  signal?: AbortSignal
}

export interface TrainResult {
  outDir: string
  bestEpoch: number
  bestF1: number
  history: EpochEvent[]
  stoppedEarly: boolean
  cancelled: boolean
  provider: 'cpu' | 'cuda'
  providerReason: string
  /** Session creation time of the training graphs (ms). */
  sessionCreateMs: number
}

function validate(o: TrainOptions): void {
  const check = (ok: boolean, msg: string) => {
    if (!ok) throw new UserError(msg)
  }
  check(o.labels.length >= 2, 'Training needs at least two tags (for example O and B-PER).')
  check(o.train.length > 0, 'There are no training sentences.')
  check(Number.isInteger(o.epochs) && o.epochs >= 1, `epochs must be a positive integer, not ${o.epochs}.`)
  check(
    Number.isInteger(o.batchSize) && o.batchSize >= 1,
    `batchSize must be a positive integer, not ${o.batchSize}.`,
  )
  check(o.lr > 0, `lr must be positive, not ${o.lr}.`)
  check(
    Number.isInteger(o.maxLen) && o.maxLen >= 4,
    `maxLen must be an integer of at least 4, not ${o.maxLen}.`,
  )
  for (const [name, set] of [
    ['train', o.train],
    ['dev', o.dev],
  ] as const) {
    set.forEach((s, i) => {
      check(
        s.words.length === s.tags.length,
        `${name} sentence ${i + 1} has ${s.words.length} words but ${s.tags.length} tags.`,
      )
      s.tags.forEach((t) =>
        check(
          Number.isInteger(t) && t >= -1 && t < o.labels.length,
          `${name} sentence ${i + 1} has tag id ${t}, outside the ${o.labels.length} labels.`,
        ),
      )
    })
  }
}

function setup(o: TrainOptions): {
  arch: TokenClassifierArch
  desc: ArchDescription
  featurizer: Featurizer
} {
  const a = o.architecture
  if (a.kind === 'bert') {
    const featurizer = new WordPieceFeaturizer({ vocab: a.vocab, lowercase: a.lowercase })
    if (a.vocab.length !== a.config.vocab_size) {
      throw new UserError(
        `The vocabulary has ${a.vocab.length} entries but config vocab_size is ${a.config.vocab_size}.`,
      )
    }
    if (o.maxLen > a.config.max_position_embeddings) {
      throw new UserError(
        `maxLen ${o.maxLen} exceeds the model's max_position_embeddings ${a.config.max_position_embeddings}.`,
      )
    }
    const desc: ArchDescription = { kind: 'bert', config: a.config }
    return { arch: archFromDescription(desc, o.labels.length), desc, featurizer }
  }
  if (a.kind === 'cnn') {
    const featurizer = AffixFeaturizer.fromCorpus(
      o.train.map((s) => s.words),
      a.features,
    )
    const config: CnnTaggerConfig = { ...CNN_DEFAULTS, ...a.config, vocabSizes: featurizer.vocabSizes() }
    const desc: ArchDescription = { kind: 'cnn', config }
    return { arch: archFromDescription(desc, o.labels.length), desc, featurizer }
  }
  const featurizer = WordFeaturizer.fromCorpus(
    o.train.map((s) => s.words),
    a.minCount ?? 2,
  )
  const vocabSizes = Object.fromEntries(
    featurizer.featureNames.filter((f) => f !== 'attention_mask').map((f) => [f, featurizer.vocabSize(f)]),
  )
  const config: ScratchConfig = {
    ...SCRATCH_DEFAULTS,
    ...a.config,
    maxPositions: Math.max(o.maxLen, a.config?.maxPositions ?? 0),
    vocabSizes,
  }
  const desc: ArchDescription = { kind: 'scratch', config }
  return { arch: archFromDescription(desc, o.labels.length), desc, featurizer }
}

function initialParams(o: TrainOptions, arch: TokenClassifierArch, rng: Rng, featurizer: Featurizer): Params {
  const params = initParams(arch, rng)
  const a = o.architecture
  if ((a.kind === 'scratch' || a.kind === 'cnn') && a.warmStartFrom)
    warmStart(params, arch, featurizer, o.labels, a.warmStartFrom)
  if (a.kind === 'bert' && a.initFrom) {
    // Pretrained encoder; the classifier stays freshly initialised when its labels differ.
    const pre = loadParams(a.initFrom, {
      ...arch,
      params: arch.params.filter((p) => !p.name.startsWith('classifier.')),
    })
    for (const [k, v] of pre) params.set(k, v)
  }
  return params
}

async function evaluate(
  arch: TokenClassifierArch,
  params: Params,
  featurizer: Featurizer,
  o: TrainOptions,
): Promise<EntityMetrics> {
  const tagger = await Tagger.fromParams(arch, params, featurizer, o.labels, o.maxLen)
  try {
    const out = await tagger.tagSentences(o.dev.map((s) => s.words))
    return entityMetrics(
      o.dev.map((s) => s.tags.map((t) => (t < 0 ? 'O' : o.labels[t]!))),
      out.map((r) => r.tags),
    )
  } finally {
    await tagger.release()
  }
}

/** The provider a run will most likely get, before any session exists (the K of its graphs depends on it). */
function expectedProvider(device: Device | undefined): 'cpu' | 'cuda' {
  if (device === undefined || device === 'cpu') return 'cpu'
  return device === 'cuda' ? 'cuda' : detectDevice().provider
}

export async function trainTokenClassifier(o: TrainOptions, cb: TrainCallbacks = {}): Promise<TrainResult> {
  validate(o)
  mkdirSync(o.outDir, { recursive: true })
  const { arch, desc, featurizer } = setup(o)
  const parameters = arch.params.reduce((n, p) => n + p.shape.reduce((a, b) => a * b, 1), 0)
  const K = Math.max(1, Math.floor(o.k ?? defaultStepsPerRun(parameters, expectedProvider(o.device))))
  const B = o.batchSize
  const patience = o.patience ?? 3
  const encoded = o.train.map((s) => encodeSentence(featurizer, s.words, s.tags, o.maxLen))
  const groups = groupByBucket(encoded, bucketLengths(o.maxLen))
  const perEpoch = stepsPerEpoch(groups, B)
  const totalSteps = perEpoch * o.epochs
  const sched = { peakLr: o.lr, warmupSteps: Math.round((o.warmupRatio ?? 0.1) * totalSteps), totalSteps }

  const rng = new Rng(o.seed)
  let state: OptimizerState
  let startEpoch = 0
  let bestF1 = -1
  let bestEpoch = -1
  let badEpochs = 0
  let history: EpochEvent[] = []
  const lastPath = join(o.outDir, 'last.safetensors')
  const resumed = o.resume ? loadTrainingState(lastPath, arch) : null
  let midEpoch: { runsDone: number; lossSum: number; lossN: number } | null = null
  if (resumed) {
    state = resumed.state
    // The epoch's runs are a function of the RNG state at its start, so they are regenerated.
    rng.state = resumed.info.rngEpochStart
    if (resumed.info.complete) {
      epochRuns(groups, B, K, rng)
      startEpoch = resumed.info.epoch + 1
    } else {
      startEpoch = resumed.info.epoch
      midEpoch = { runsDone: resumed.info.runsDone, lossSum: resumed.info.lossSum, lossN: resumed.info.lossN }
    }
    bestF1 = resumed.info.bestF1
    bestEpoch = resumed.info.bestEpoch
    badEpochs = resumed.info.badEpochs
    history = JSON.parse(resumed.info.history) as EpochEvent[]
  } else {
    state = zeroState(arch, initialParams(o, arch, rng, featurizer))
  }

  const description: ModelDescriptionJSON = {
    format: 'ner-studio-model',
    version: 1,
    architecture: desc,
    labels: o.labels,
    maxLen: o.maxLen,
    featurizer: featurizer.toJSON(),
  }
  const graphOptions = {
    batch: B,
    k: K,
    adamw: { ...ADAMW_DEFAULTS, weightDecay: o.weightDecay ?? ADAMW_DEFAULTS.weightDecay },
    maxGradNorm: o.maxGradNorm ?? 1,
    seed: o.seed,
  }
  const steppers = new Map<number, TrainStepper>()
  let provider: 'cpu' | 'cuda' = 'cpu'
  let providerReason = 'CPU was requested.'
  let sessionCreateMs = 0
  const stepperFor = async (seq: number) => {
    let s = steppers.get(seq)
    if (!s) {
      s = await TrainStepper.create(arch, { ...graphOptions, seq }, o.device ?? 'cpu')
      provider = s.provider
      providerReason = s.providerReason
      sessionCreateMs += s.createMs
      steppers.set(seq, s)
    }
    return s
  }

  let cancelled = false
  let stoppedEarly = false
  const t0 = performance.now()
  let tokensDone = 0
  let stepsThisSession = 0
  let evalMs = 0
  try {
    let lastSave = performance.now()
    for (let epoch = startEpoch; epoch < o.epochs; epoch++) {
      const e0 = performance.now()
      const rngEpochStart = rng.state
      const runs = epochRuns(groups, B, K, rng)
      let lossSum = midEpoch?.lossSum ?? 0
      let lossN = midEpoch?.lossN ?? 0
      const firstRun = midEpoch?.runsDone ?? 0
      midEpoch = null
      const save = (runsDone: number, complete: boolean) => {
        saveTrainingState(lastPath, arch, state, {
          epoch,
          runsDone,
          complete,
          rngEpochStart,
          lossSum,
          lossN,
          bestF1,
          bestEpoch,
          badEpochs,
          history: JSON.stringify(history),
        })
        lastSave = performance.now()
      }
      for (let ri = firstRun; ri < runs.length; ri++) {
        const run = runs[ri]!
        if (cb.signal?.aborted) {
          // Keep what this epoch has done so far; resume continues from here.
          if (ri > firstRun) save(ri, false)
          cancelled = true
          break
        }
        const stepper = await stepperFor(run.seq)
        const { stacked, tokens } = stackRun(encoded, run, arch.features, B, K)
        const r = await stepper.run(state, stacked, sched, run.batches.length)
        const loss = r.losses.reduce((a, b) => a + b, 0) / r.losses.length
        if (!Number.isFinite(loss))
          throw new UserError(
            `Training diverged at step ${state.step} (loss is ${loss}); try a lower learning rate.`,
          )
        lossSum += loss * r.losses.length
        lossN += r.losses.length
        tokensDone += tokens
        stepsThisSession += r.losses.length
        // Rate and ETA count training time only (not session creation or dev evaluation).
        const secs = (performance.now() - t0 - sessionCreateMs - evalMs) / 1000
        cb.onProgress?.({
          epoch,
          step: state.step,
          totalSteps,
          loss,
          tokensPerSec: tokensDone / secs,
          etaSec: (secs / stepsThisSession) * (totalSteps - state.step),
        })
        if (ri + 1 < runs.length && performance.now() - lastSave >= (o.checkpointEverySec ?? 300) * 1000)
          save(ri + 1, false)
      }
      if (cancelled) break
      const ev0 = performance.now()
      const dev = await evaluate(arch, state.params, featurizer, o)
      evalMs += performance.now() - ev0
      // Without dev sentences there is nothing to select on: the latest epoch is the best.
      const improved = o.dev.length === 0 || dev.micro.f1 > bestF1
      if (improved) {
        bestF1 = dev.micro.f1
        bestEpoch = epoch
        badEpochs = 0
        saveParams(join(o.outDir, 'best.safetensors'), arch, state.params, { format: 'pt' })
        writeFileSync(join(o.outDir, 'model.onnx'), buildInferenceGraph(arch, state.params))
        writeFileSync(join(o.outDir, 'model.json'), JSON.stringify(description))
      } else badEpochs++
      const ev: EpochEvent = {
        epoch,
        step: state.step,
        trainLoss: lossSum / Math.max(1, lossN),
        dev,
        improved,
        seconds: (performance.now() - e0) / 1000,
      }
      history.push(ev)
      save(runs.length, true)
      cb.onEpoch?.(ev)
      if (badEpochs >= patience && epoch + 1 < o.epochs) {
        stoppedEarly = true
        break
      }
    }
  } finally {
    for (const s of steppers.values()) await s.release()
  }
  if (!existsSync(join(o.outDir, 'model.json')) && !cancelled)
    writeFileSync(join(o.outDir, 'model.json'), JSON.stringify(description))
  return {
    outDir: o.outDir,
    bestEpoch,
    bestF1,
    history,
    stoppedEarly,
    cancelled,
    provider,
    providerReason,
    sessionCreateMs,
  }
}
