/**
 * Checkpoints as safetensors. best.safetensors holds only the parameters under their model names
 * (for BERT exactly Hugging Face's). last.safetensors adds the Adam moments (optimizer.m.* and
 * optimizer.v.*) and, in the metadata, the step, epoch position, RNG state and early-stopping
 * bookkeeping, so a crashed or cancelled run resumes where the last save left it (end of an epoch,
 * or mid-epoch every few minutes and on cancel).
 */
import { existsSync } from 'node:fs'
import { readSafetensors, writeSafetensors, type SafeTensor } from '../safetensors'
import type { Params, TokenClassifierArch } from '../models/types'
import type { OptimizerState } from './stepper'

export interface ResumeInfo {
  /** The epoch the state belongs to. */
  epoch: number
  /** Runs of that epoch already trained; `complete` once its dev evaluation is done too. */
  runsDone: number
  complete: boolean
  /** RNG state before the epoch's runs were drawn (they are redrawn on resume). */
  rngEpochStart: number
  /** Partial training-loss sum and count of the epoch. */
  lossSum: number
  lossN: number
  bestF1: number
  bestEpoch: number
  badEpochs: number
  history: string
}

function tensors(arch: TokenClassifierArch, p: Params, prefix = ''): [string, SafeTensor][] {
  return arch.params.map((s) => [
    `${prefix}${s.name}`,
    { dtype: 'F32', shape: s.shape, data: p.get(s.name)! },
  ])
}

export function saveParams(
  path: string,
  arch: TokenClassifierArch,
  params: Params,
  metadata: Record<string, string> = {},
): void {
  writeSafetensors(path, new Map(tensors(arch, params)), metadata)
}

export function saveTrainingState(
  path: string,
  arch: TokenClassifierArch,
  s: OptimizerState,
  info: ResumeInfo,
): void {
  const all = new Map([
    ...tensors(arch, s.params),
    ...tensors(arch, s.m, 'optimizer.m.'),
    ...tensors(arch, s.v, 'optimizer.v.'),
  ])
  writeSafetensors(path, all, {
    format: 'ner-studio-checkpoint',
    step: String(s.step),
    epoch: String(info.epoch),
    runsDone: String(info.runsDone),
    complete: String(info.complete),
    rngEpochStart: String(info.rngEpochStart),
    lossSum: String(info.lossSum),
    lossN: String(info.lossN),
    bestF1: String(info.bestF1),
    bestEpoch: String(info.bestEpoch),
    badEpochs: String(info.badEpochs),
    history: info.history,
  })
}

function take(arch: TokenClassifierArch, t: Map<string, SafeTensor>, prefix: string, path: string): Params {
  const out: Params = new Map()
  for (const s of arch.params) {
    // Hugging Face BertModel checkpoints store the encoder without the "bert." prefix.
    const x =
      t.get(`${prefix}${s.name}`) ?? (prefix === '' ? t.get(s.name.replace(/^bert\./, '')) : undefined)
    if (!x) throw new Error(`${path} has no tensor ${prefix}${s.name}.`)
    const n = s.shape.reduce((a, b) => a * b, 1)
    if (x.data.length !== n || x.dtype !== 'F32') {
      throw new Error(
        `${path}: tensor ${prefix}${s.name} has shape [${x.shape}] ${x.dtype}; the model needs [${s.shape}] F32.`,
      )
    }
    out.set(s.name, x.data as Float32Array)
  }
  return out
}

export function loadParams(path: string, arch: TokenClassifierArch): Params {
  return take(arch, readSafetensors(path).tensors, '', path)
}

export function loadTrainingState(
  path: string,
  arch: TokenClassifierArch,
): { state: OptimizerState; info: ResumeInfo } | null {
  if (!existsSync(path)) return null
  const { tensors: t, metadata: m } = readSafetensors(path)
  if (m.format !== 'ner-studio-checkpoint')
    throw new Error(`${path} is not a NER Studio training checkpoint.`)
  return {
    state: {
      params: take(arch, t, '', path),
      m: take(arch, t, 'optimizer.m.', path),
      v: take(arch, t, 'optimizer.v.', path),
      step: Number(m.step),
    },
    info: {
      epoch: Number(m.epoch),
      runsDone: Number(m.runsDone),
      complete: m.complete === 'true',
      rngEpochStart: Number(m.rngEpochStart),
      lossSum: Number(m.lossSum),
      lossN: Number(m.lossN),
      bestF1: Number(m.bestF1),
      bestEpoch: Number(m.bestEpoch),
      badEpochs: Number(m.badEpochs),
      history: m.history ?? '[]',
    },
  }
}
