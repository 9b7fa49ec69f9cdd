/**
 * Checkpoints as safetensors. best.safetensors holds only the parameters under their model names
 * (for BERT exactly Hugging Face's). last.safetensors adds the Adam moments (optimizer.m.* and
 * optimizer.v.*) and, in the metadata, the step, epoch, RNG state and early-stopping bookkeeping,
 * so a crashed run resumes where the last finished epoch left it.
 */
import { existsSync } from 'node:fs'
import { readSafetensors, writeSafetensors, type SafeTensor } from '../safetensors'
import type { Params, TokenClassifierArch } from '../models/types'
import type { OptimizerState } from './stepper'

export interface ResumeInfo {
  epoch: number
  rng: number
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
    rng: String(info.rng),
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
      rng: Number(m.rng),
      bestF1: Number(m.bestF1),
      bestEpoch: Number(m.bestEpoch),
      badEpochs: Number(m.badEpochs),
      history: m.history ?? '[]',
    },
  }
}
