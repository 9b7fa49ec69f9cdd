/**
 * AdamW (Loshchilov & Hutter, "Decoupled Weight Decay Regularization", arXiv 1711.05101) written
 * out in graph ops, step for step as torch.optim.AdamW (amsgrad=False):
 *   p ← p·(1 − lr·λ)                        (decoupled decay; skipped for biases and LayerNorm)
 *   m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g²
 *   p ← p − lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)
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
  stepSize: Tensor
  sqrtBc2: Tensor
  decayFactor: Tensor
}

export function adamwScalars(g: Graph, c: AdamWConfig, lr: Tensor, t: Tensor): AdamWScalars {
  const one = g.scalar(1)
  const bc1 = g.sub(one, g.pow(g.scalar(c.beta1), t))
  const bc2 = g.sub(one, g.pow(g.scalar(c.beta2), t))
  return {
    lr,
    stepSize: g.div(lr, bc1),
    sqrtBc2: g.sqrt(bc2),
    decayFactor: g.sub(one, g.mul(lr, g.scalar(c.weightDecay))),
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
  const m2 = g.add(g.mul(m, g.scalar(c.beta1)), g.mul(grad, g.scalar(1 - c.beta1)))
  const v2 = g.add(g.mul(v, g.scalar(c.beta2)), g.mul(g.mul(grad, grad), g.scalar(1 - c.beta2)))
  const denom = g.add(g.div(g.sqrt(v2), s.sqrtBc2), g.scalar(c.eps))
  const p2 = g.sub(decayed, g.mul(s.stepSize, g.div(m2, denom)))
  return { p: p2, m: m2, v: v2 }
}
