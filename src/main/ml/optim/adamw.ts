/**
 * AdamW (Loshchilov & Hutter, "Decoupled Weight Decay Regularization", arXiv 1711.05101) written
 * out in graph ops, step for step as torch.optim.AdamW (amsgrad=False) on the clipped gradient c·g:
 *   p ← p·(1 − lr·λ)                        (decoupled decay; skipped for biases and LayerNorm)
 *   m ← β₁m + (1 − β₁)c·g,  v ← β₂v + (1 − β₂)c²·g²
 *   p ← p − lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)
 * Every full-size op is a pass over all parameters, and for a BERT-base-width model those passes
 * cost as much as the layers' matrix products, so scalars are folded before they meet a tensor:
 * the clip factor c into the moment coefficients, and √(1 − β₂ᵗ) into the step size and ε
 * (m / (√v/√b₂ + ε) = √b₂ · m / (√v + ε√b₂)); that leaves 13 passes per parameter instead of 15.
 */
import type { Graph, Tensor } from '../graph/graph'

export interface AdamWConfig {
  beta1: number
  beta2: number
  eps: number
  weightDecay: number
}

export const ADAMW_DEFAULTS: AdamWConfig = { beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 }

/** Per-step scalars shared by all parameters; `t` is the 1-based step number (float scalar). */
export interface AdamWScalars {
  lr: Tensor
  /** lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ) */
  stepSize: Tensor
  /** ε·√(1 − β₂ᵗ) */
  eps: Tensor
  /** 1 − lr·λ */
  decayFactor: Tensor
  /** (1 − β₁)·c and (1 − β₂)·c², with c the gradient's clip factor */
  mCoef: Tensor
  vCoef: Tensor
}

/**
 * `gradScale` multiplies every gradient (global-norm clipping); omit it for none. `weightDecay`
 * replaces c.weightDecay when the decay is only known at run time (one update graph serving
 * parameters with and without decay).
 */
export function adamwScalars(
  g: Graph,
  c: AdamWConfig,
  lr: Tensor,
  t: Tensor,
  gradScale: Tensor = g.scalar(1),
  weightDecay: Tensor = g.scalar(c.weightDecay),
): AdamWScalars {
  const one = g.scalar(1)
  const bc1 = g.sub(one, g.pow(g.scalar(c.beta1), t))
  const sqrtBc2 = g.sqrt(g.sub(one, g.pow(g.scalar(c.beta2), t)))
  return {
    lr,
    stepSize: g.div(g.mul(lr, sqrtBc2), bc1),
    eps: g.mul(g.scalar(c.eps), sqrtBc2),
    decayFactor: g.sub(one, g.mul(lr, weightDecay)),
    mCoef: g.mul(g.scalar(1 - c.beta1), gradScale),
    vCoef: g.mul(g.scalar(1 - c.beta2), g.mul(gradScale, gradScale)),
  }
}

export function adamwUpdate(
  g: Graph,
  c: AdamWConfig,
  s: AdamWScalars,
  p: Tensor,
  grad: Tensor,
  m: Tensor,
  v: Tensor,
  decay: boolean,
): { p: Tensor; m: Tensor; v: Tensor } {
  const decayed = decay && c.weightDecay !== 0 ? g.mul(p, s.decayFactor) : p
  const m2 = g.add(g.mul(m, g.scalar(c.beta1)), g.mul(grad, s.mCoef))
  const v2 = g.add(g.mul(v, g.scalar(c.beta2)), g.mul(g.mul(grad, grad), s.vCoef))
  const denom = g.add(g.sqrt(v2), s.eps)
  const p2 = g.sub(decayed, g.mul(g.div(m2, denom), s.stepSize))
  return { p: p2, m: m2, v: v2 }
}
