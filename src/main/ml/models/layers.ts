/**
 * Building blocks shared by the architectures. Where ONNX Runtime lacks a float64 kernel (Erf,
 * LayerNormalization with statistics) the float64 variant is lowered to ops that have one; the
 * float64 graphs exist only for finite-difference gradient checks (see docs/adr/0004).
 */
import type { Graph, Tensor } from '../graph/graph'

/** y = x·Wᵀ + b with a PyTorch-layout weight [out, in]. */
export function linear(g: Graph, x: Tensor, weight: Tensor, bias: Tensor | null): Tensor {
  const y = g.matMul(x, g.transpose(weight, [1, 0]))
  return bias ? g.add(y, bias) : y
}

/** LayerNorm over the last axis, written out in primitives (float64-safe). */
export function primitiveLayerNorm(g: Graph, x: Tensor, gamma: Tensor, beta: Tensor, eps: number): Tensor {
  const mean = g.reduceMean(x, [-1], true)
  const d = g.sub(x, mean)
  const variance = g.reduceMean(g.mul(d, d), [-1], true)
  const inv = g.div(g.scalar(1), g.sqrt(g.add(variance, g.scalar(eps))))
  return g.add(g.mul(g.mul(d, inv), gamma), beta)
}

export function layerNorm(g: Graph, x: Tensor, gamma: Tensor, beta: Tensor, eps: number): Tensor {
  if (g.floatType === 'float64') return primitiveLayerNorm(g, x, gamma, beta, eps)
  return g.layerNormalization(x, gamma, beta, eps, true)
}

/**
 * GELU. float32: the exact erf form BERT uses, 0.5·x·(1 + erf(x/√2)). float64 (gradient checks
 * only): the tanh approximation, because ORT has no float64 Erf kernel.
 */
export function gelu(g: Graph, x: Tensor): Tensor {
  const half = g.mul(x, g.scalar(0.5))
  if (g.floatType === 'float64') {
    const inner = g.mul(
      g.add(x, g.mul(g.mul(g.mul(x, x), x), g.scalar(0.044715))),
      g.scalar(Math.sqrt(2 / Math.PI)),
    )
    return g.mul(half, g.add(g.scalar(1), g.tanh(inner)))
  }
  return g.mul(half, g.add(g.scalar(1), g.erf(g.mul(x, g.scalar(Math.SQRT1_2)))))
}

/** Dropout only when training with a positive rate; inference graphs never contain it. */
export function dropout(g: Graph, x: Tensor, p: number, seed: number): Tensor {
  if (p <= 0) return x
  return g.dropout(x, p, seed)[0]
}
