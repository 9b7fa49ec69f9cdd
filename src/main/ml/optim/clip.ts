/**
 * Global-norm gradient clipping as torch.nn.utils.clip_grad_norm_: every gradient is scaled by
 * min(1, maxNorm / (‖g‖₂ + 1e-6)), where ‖g‖₂ is the norm of all gradients together.
 */
import type { Graph, Tensor } from '../graph/graph'

/** ‖g‖₂ over all gradients together. */
export function globalNorm(g: Graph, grads: Tensor[]): Tensor {
  let sq = g.sumSquares(grads[0]!)
  for (let i = 1; i < grads.length; i++) sq = g.add(sq, g.sumSquares(grads[i]!))
  return g.sqrt(sq)
}

/** min(1, maxNorm / (norm + 1e-6)); 1 when clipping is off (maxNorm not a positive finite number). */
export function clipFactor(g: Graph, norm: Tensor, maxNorm: number): Tensor {
  if (!(maxNorm > 0) || !Number.isFinite(maxNorm)) return g.scalar(1)
  return g.min(g.scalar(1), g.div(g.scalar(maxNorm), g.add(norm, g.scalar(1e-6))))
}

/**
 * Returns the factor rather than scaled gradients: the optimizer folds it into its own
 * coefficients instead of spending a pass over every gradient on the multiplication.
 */
export function clipScale(g: Graph, grads: Tensor[], maxNorm: number): { scale: Tensor; norm: Tensor } {
  const norm = globalNorm(g, grads)
  return { scale: clipFactor(g, norm, maxNorm), norm }
}
