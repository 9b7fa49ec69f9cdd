/**
 * Global-norm gradient clipping as torch.nn.utils.clip_grad_norm_: every gradient is scaled by
 * min(1, maxNorm / (‖g‖₂ + 1e-6)), where ‖g‖₂ is the norm of all gradients together.
 */
import type { Graph, Tensor } from '../graph/graph'

export function clipGlobalNorm(
  g: Graph,
  grads: Tensor[],
  maxNorm: number,
): { grads: Tensor[]; norm: Tensor } {
  let sq = g.sumAll(g.mul(grads[0]!, grads[0]!))
  for (let i = 1; i < grads.length; i++) sq = g.add(sq, g.sumAll(g.mul(grads[i]!, grads[i]!)))
  const norm = g.sqrt(sq)
  if (!(maxNorm > 0) || !Number.isFinite(maxNorm)) return { grads, norm }
  const coef = g.min(g.scalar(1), g.div(g.scalar(maxNorm), g.add(norm, g.scalar(1e-6))))
  return { grads: grads.map((t) => g.mul(t, coef)), norm }
}
