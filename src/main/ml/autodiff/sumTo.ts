/**
 * Undoes broadcasting in a gradient: sums over the leading axes the target lacks and over axes
 * where the target has size 1 (ReduceSum), so each input gets a gradient of its own shape.
 */
import type { Graph, Tensor } from '../graph/graph'
import type { Dim } from '../graph/shape'

export function sumTo(g: Graph, grad: Tensor, target: readonly Dim[]): Tensor {
  const lead = grad.shape.length - target.length
  if (lead < 0) throw new Error(`Cannot sum shape [${grad.shape.join(', ')}] to [${target.join(', ')}].`)
  const axes: number[] = []
  for (let i = 0; i < grad.shape.length; i++) {
    if (i < lead) axes.push(i)
    else if (target[i - lead] === 1 && grad.shape[i] !== 1) axes.push(i)
  }
  if (axes.length === 0) return grad
  const summed = g.reduceSum(grad, axes, true)
  if (lead === 0) return summed
  return g.squeeze(
    summed,
    Array.from({ length: lead }, (_, i) => i),
  )
}
