/**
 * Experiment harness for the CNN tagger before the training loop knows it (docs/adr/0009): the
 * same batching, training graph, schedule and dev selection as trainTokenClassifier, with the
 * architecture and featurizer given directly. Usage (repo root):
 *   nice -n 10 npx jiti scripts/experiments/runCnn.ts '{"corpus":"conll","minutes":20,"model":{...}}'
 * Appends its JSON result (with the `uptime` load) to scripts/experiments/results.jsonl.
 */
import { execSync } from 'node:child_process'
import { appendFileSync } from 'node:fs'
import { join } from 'node:path'
import { AffixFeaturizer, type AffixFeaturesOptions } from '../../src/main/ml/data/affixFeatures'
import { encodeSentence, type TaggedSentence } from '../../src/main/ml/data/types'
import { Tagger } from '../../src/main/ml/infer/tagger'
import { chunks, entityMetrics } from '../../src/main/ml/metrics'
import { CNN_DEFAULTS, cnnTokenClassifier, type CnnTaggerConfig } from '../../src/main/ml/models/cnnTagger'
import { initParams, type Params, type TokenClassifierArch } from '../../src/main/ml/models/types'
import { ADAMW_DEFAULTS } from '../../src/main/ml/optim/adamw'
import { Rng } from '../../src/main/ml/rng'
import {
  bucketLengths,
  epochRuns,
  groupByBucket,
  stackRun,
  stepsPerEpoch,
} from '../../src/main/ml/train/batching'
import { TrainStepper, zeroState } from '../../src/main/ml/train/stepper'
import { loadCorpus } from './data'

interface Spec {
  name?: string
  corpus: string
  model?: Partial<Omit<CnnTaggerConfig, 'vocabSizes'>>
  features?: Partial<AffixFeaturesOptions>
  epochs?: number
  batchSize?: number
  lr?: number
  maxLen?: number
  seed?: number
  k?: number
  patience?: number
  warmupRatio?: number
  weightDecay?: number
  minutes?: number
  /**
   * Stop after this much process CPU time (training + dev evaluation). On a shared machine the
   * wall clock measures the neighbours; CPU minutes ÷ 2 is the wall time on an idle 2-core one
   * at best.
   */
  cpuMinutes?: number
  trainLimit?: number
}

const load = () =>
  execSync('uptime')
    .toString()
    .trim()
    .replace(/.*load average: /, '')

async function score(
  arch: TokenClassifierArch,
  params: Params,
  f: AffixFeaturizer,
  labels: string[],
  data: TaggedSentence[],
  maxLen: number,
) {
  const tagger = await Tagger.fromParams(arch, params, f, labels, maxLen)
  const t0 = performance.now()
  const out = await tagger.tagSentences(data.map((s) => s.words))
  const sec = (performance.now() - t0) / 1000
  await tagger.release()
  const m = entityMetrics(
    data.map((s) => s.tags.map((t) => (t < 0 ? 'O' : labels[t]!))),
    out.map((r) => r.tags),
  )
  // Recall of gold entities with an out-of-vocabulary word vs. all in-vocabulary: the OOV cliff.
  const known = new Set(f.vocabs.word_ids)
  const rec = { oov: [0, 0], iv: [0, 0] }
  data.forEach((s, i) => {
    const gold = s.tags.map((t) => (t < 0 ? 'O' : labels[t]!))
    const pred = new Set(chunks(out[i]!.tags).map((c) => `${c.type} ${c.start} ${c.end}`))
    for (const c of chunks(gold)) {
      const oov = s.words.slice(c.start, c.end).some((w) => !known.has(w.toLowerCase()))
      const r = oov ? rec.oov : rec.iv
      r[1]!++
      if (pred.has(`${c.type} ${c.start} ${c.end}`)) r[0]!++
    }
  })
  return {
    m,
    tokensPerSec: data.reduce((a, s) => a + s.words.length, 0) / sec,
    recallOov: rec.oov[0]! / Math.max(1, rec.oov[1]!),
    recallIv: rec.iv[0]! / Math.max(1, rec.iv[1]!),
    oovEntities: rec.oov[1]!,
  }
}

async function main() {
  const spec = JSON.parse(process.argv[2] ?? '{}') as Spec
  const c = loadCorpus(spec.corpus)
  const train = spec.trainLimit ? c.train.slice(0, spec.trainLimit) : c.train
  const maxLen = spec.maxLen ?? 128
  const B = spec.batchSize ?? 16
  const K = spec.k ?? 4
  const epochs = spec.epochs ?? 20
  const loadStart = load()
  const t0 = performance.now()
  const cpu0 = process.cpuUsage()
  const deadline = spec.minutes ? t0 + spec.minutes * 60_000 : Infinity
  const f = AffixFeaturizer.fromCorpus(
    train.map((s) => s.words),
    spec.features,
  )
  const config: CnnTaggerConfig = { ...CNN_DEFAULTS, ...spec.model, vocabSizes: f.vocabSizes() }
  const arch = cnnTokenClassifier(config, c.labels.length)
  const rng = new Rng(spec.seed ?? 13)
  const state = zeroState(arch, initParams(arch, rng))
  const encoded = train.map((s) => encodeSentence(f, s.words, s.tags, maxLen))
  const groups = groupByBucket(encoded, bucketLengths(maxLen))
  const totalSteps = stepsPerEpoch(groups, B) * epochs
  const sched = {
    peakLr: spec.lr ?? 2e-3,
    warmupSteps: Math.round((spec.warmupRatio ?? 0.05) * totalSteps),
    totalSteps,
  }
  const steppers = new Map<number, TrainStepper>()
  let tokens = 0
  let trainMs = 0
  let best = { f1: -1, epoch: -1, params: state.params }
  const devF1: number[] = []
  let bad = 0
  let timeUp = false
  for (let epoch = 0; epoch < epochs && !timeUp; epoch++) {
    const e0 = performance.now()
    let lossSum = 0
    let n = 0
    for (const run of epochRuns(groups, B, K, rng)) {
      const used = process.cpuUsage(cpu0)
      if (performance.now() > deadline || (used.user + used.system) / 60e6 > (spec.cpuMinutes ?? Infinity)) {
        timeUp = true
        break
      }
      let s = steppers.get(run.seq)
      if (!s) {
        s = await TrainStepper.create(
          arch,
          {
            batch: B,
            k: K,
            seq: run.seq,
            adamw: { ...ADAMW_DEFAULTS, weightDecay: spec.weightDecay ?? ADAMW_DEFAULTS.weightDecay },
            maxGradNorm: 1,
            seed: spec.seed ?? 13,
          },
          'cpu',
        )
        steppers.set(run.seq, s)
      }
      const r0 = performance.now()
      const { stacked, tokens: tk } = stackRun(encoded, run, arch.features, B, K)
      const r = await s.run(state, stacked, sched, run.batches.length)
      trainMs += performance.now() - r0
      tokens += tk
      lossSum += r.losses.reduce((a, b) => a + b, 0)
      n += r.losses.length
    }
    const dev = await score(arch, state.params, f, c.labels, c.dev, maxLen)
    devF1.push(+dev.m.micro.f1.toFixed(4))
    if (dev.m.micro.f1 > best.f1) {
      best = { f1: dev.m.micro.f1, epoch, params: new Map(state.params) }
      bad = 0
    } else bad++
    console.log(
      `epoch ${epoch + 1} dev F1 ${dev.m.micro.f1.toFixed(4)} loss ${(lossSum / Math.max(1, n)).toFixed(4)} ` +
        `${((performance.now() - e0) / 1000).toFixed(0)} s (total ${((performance.now() - t0) / 60000).toFixed(1)} min, ` +
        `${(tokens / (trainMs / 1000)).toFixed(0)} tok/s, cpu ${(
          (process.cpuUsage(cpu0).user + process.cpuUsage(cpu0).system) /
          60e6
        ).toFixed(1)} min) load ${load()}`,
    )
    if (bad >= (spec.patience ?? 4)) break
  }
  for (const s of steppers.values()) await s.release()
  const trainMinutes = (performance.now() - t0) / 60000
  const cpu = process.cpuUsage(cpu0)
  const trainCpuMinutes = (cpu.user + cpu.system) / 60e6
  const test = await score(arch, best.params, f, c.labels, c.test, maxLen)
  const result = {
    name: spec.name ?? '',
    harness: 'runCnn',
    spec,
    date: new Date().toISOString(),
    loadStart,
    loadEnd: load(),
    trainSentences: train.length,
    trainMinutes: +trainMinutes.toFixed(2),
    trainCpuMinutes: +trainCpuMinutes.toFixed(2),
    trainTokensPerSec: Math.round(tokens / (trainMs / 1000)),
    inferTokensPerSec: Math.round(test.tokensPerSec),
    bestEpoch: best.epoch + 1,
    devF1,
    bestDevF1: +best.f1.toFixed(4),
    testF1: +test.m.micro.f1.toFixed(4),
    testRecallOovEntities: +test.recallOov.toFixed(4),
    testRecallIvEntities: +test.recallIv.toFixed(4),
    testOovEntities: test.oovEntities,
    testPerType: Object.fromEntries(Object.entries(test.m.perType).map(([k, v]) => [k, +v.f1.toFixed(4)])),
  }
  console.log(JSON.stringify(result))
  appendFileSync(join(__dirname, 'results.jsonl'), JSON.stringify(result) + '\n')
}

void main()
