/**
 * Global-norm gradient clipping as torch.nn.utils.clip_grad_norm_: every gradient is scaled by
 * min(1, maxNorm / (‖g‖₂ + 1e-6)), where ‖g‖₂ is the norm of all gradients together.
 */
import type { Graph, Tensor } from '../graph/graph'

/**
 * Returns the factor rather than scaled gradients: the optimizer folds it into its own
 * coefficients instead of spending a pass over every gradient on the multiplication.
 */
export function clipScale(g: Graph, grads: Tensor[], maxNorm: number): { scale: Tensor; norm: Tensor } {
  let sq = g.sumSquares(grads[0]!)
  for (let i = 1; i < grads.length; i++) sq = g.add(sq, g.sumSquares(grads[i]!))
  const norm = g.sqrt(sq)
  if (!(maxNorm > 0) || !Number.isFinite(maxNorm)) return { scale: g.scalar(1), norm }
  return { scale: g.min(g.scalar(1), g.div(g.scalar(maxNorm), g.add(norm, g.scalar(1e-6)))), norm }
}
