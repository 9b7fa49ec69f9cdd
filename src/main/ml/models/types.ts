/**
 * What every architecture provides to training and inference: its parameters (names, shapes,
 * initialisation, whether weight decay applies), its input features, and one forward function
 * from features to logits that builds both the training and the inference graph.
 */
import type { DType, Graph, Tensor } from '../graph/graph'
import type { Dim } from '../graph/shape'
import type { Rng } from '../rng'

export interface ParamSpec {
  name: string
  shape: number[]
  init: 'normal' | 'zeros' | 'ones'
  /** Standard deviation for 'normal'. */
  std?: number
  /** AdamW weight decay applies (false for biases and LayerNorm parameters). */
  decay: boolean
}

export interface FeatureSpec {
  name: string
  dtype: DType
  /**
   * Values per position, e.g. characters per word for a character-aware model: the input is then
   * [batch, seq, width] instead of [batch, seq].
   */
  width?: number
}

/** The input shape of a feature after the given leading dims ([K, B, S] or [B, S]). */
export function featureShape(f: FeatureSpec, ...lead: Dim[]): Dim[] {
  return f.width === undefined ? lead : [...lead, f.width]
}

export interface ForwardOptions {
  /** Training graphs contain dropout; inference graphs never do. */
  train: boolean
  /** Distinct seed for each dropout node. */
  nextSeed: () => number
}

export interface TokenClassifierArch {
  readonly kind: string
  readonly numLabels: number
  readonly params: readonly ParamSpec[]
  /** Per-position int64 inputs (see FeatureSpec.width); always includes attention_mask (1 = real token). */
  readonly features: readonly FeatureSpec[]
  /** Builds logits [batch, seq, numLabels]. */
  forward(g: Graph, p: ReadonlyMap<string, Tensor>, x: ReadonlyMap<string, Tensor>, o: ForwardOptions): Tensor
}

export type Params = Map<string, Float32Array>

export function initParams(arch: TokenClassifierArch, rng: Rng): Params {
  const out: Params = new Map()
  for (const s of arch.params) {
    const n = s.shape.reduce((a, b) => a * b, 1)
    const a = new Float32Array(n)
    if (s.init === 'ones') a.fill(1)
    else if (s.init === 'normal') for (let i = 0; i < n; i++) a[i] = rng.normal() * (s.std ?? 0.02)
    out.set(s.name, a)
  }
  return out
}

export function featureInputs(
  g: Graph,
  arch: TokenClassifierArch,
  batch: Dim,
  seq: Dim,
): Map<string, Tensor> {
  return new Map(arch.features.map((f) => [f.name, g.input(f.name, f.dtype, featureShape(f, batch, seq))]))
}
