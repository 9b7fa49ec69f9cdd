/**
 * Learning-rate schedule: linear warmup then linear decay to zero, as Hugging Face's
 * get_linear_schedule_with_warmup. `step` is the 0-based index of the optimizer step about to run.
 * The graph version computes the same inside the training graph, so K steps in one Loop each get
 * their own rate.
 */
import type { Graph, Tensor } from '../graph/graph'

export function lrAt(step: number, peak: number, warmup: number, total: number): number {
  // 1) warmup: rise linearly from 0
  if (step < warmup) return (peak * step) / Math.max(1, warmup)
  // 2) after the last step: zero
  if (step >= total) return 0
  // 3) decay linearly to 0 at `total`
  return (peak * (total - step)) / Math.max(1, total - warmup)
}

/** Graph form of lrAt; all arguments are float scalars. */
export function lrGraph(g: Graph, step: Tensor, peak: Tensor, warmup: Tensor, total: Tensor): Tensor {
  const one = g.scalar(1)
  const warm = g.div(step, g.max(one, warmup))
  const decay = g.max(g.scalar(0), g.div(g.sub(total, step), g.max(one, g.sub(total, warmup))))
  const inWarmup = g.node('Less', [step, warmup], {}, [{ dtype: 'bool', shape: [] }])[0]!
  return g.mul(peak, g.where(inWarmup, warm, decay))
}
