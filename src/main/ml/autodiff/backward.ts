/**
 * Reverse-mode differentiation over a builder Graph: walks the forward nodes backwards, asks each
 * op's gradient rule (rules/<Op>.ts) for the input gradients, and sums gradients that reach the
 * same tensor. Only nodes between the wanted inputs and the loss get backward nodes.
 */
import type { Graph, Node, Tensor } from '../graph/graph'
import { RULES } from './registry'
import { sumTo } from './sumTo'
import type { GradContext } from './types'

/** Ops whose outputs are integers, booleans or shapes: gradients never flow through them. */
export const NON_DIFFERENTIABLE = new Set([
  'Constant',
  'ConstantOfShape',
  'Shape',
  'Range',
  'Equal',
  'Not',
  'Cast',
  'Less',
  'Greater',
  'ArgMax',
])

/**
 * Builds the gradient of scalar `loss` with respect to each tensor in `wrt`. Tensors the loss does
 * not depend on get zeros (static shapes only).
 */
export function backward(g: Graph, loss: Tensor, wrt: Tensor[]): Tensor[] {
  const forward: Node[] = [...g.nodes]
  const requires = new Set<Tensor>(wrt)
  for (const n of forward) {
    if (NON_DIFFERENTIABLE.has(n.opType)) continue
    if (n.inputs.some((t) => t !== null && requires.has(t))) for (const o of n.outputs) requires.add(o)
  }
  if (!requires.has(loss)) throw new Error('The loss does not depend on any parameter.')

  const pending = new Map<Tensor, Tensor[]>()
  pending.set(loss, [g.scalar(1, loss.dtype)])
  const total = (t: Tensor): Tensor | undefined => {
    const list = pending.get(t)
    if (!list || list.length === 0) return undefined
    let sum = list[0]!
    for (let i = 1; i < list.length; i++) sum = g.add(sum, list[i]!)
    pending.set(t, [sum])
    return sum
  }

  for (let k = forward.length - 1; k >= 0; k--) {
    const node = forward[k]!
    if (!node.outputs.some((o) => pending.has(o))) continue
    if (!node.inputs.some((t) => t !== null && requires.has(t))) continue
    const rule = RULES.get(node.opType)
    if (!rule) throw new Error(`No gradient rule for op ${node.opType} (node ${node.name}).`)
    const ctx: GradContext = {
      g,
      node,
      I: (i) => {
        const t = node.inputs[i]
        if (!t) throw new Error(`${node.opType} input ${i} is missing.`)
        return t
      },
      O: (i) => node.outputs[i]!,
      GO: (i) => total(node.outputs[i]!),
      needs: (i) => {
        const t = node.inputs[i]
        return t !== null && t !== undefined && requires.has(t)
      },
      GI: (i, grad) => {
        const t = node.inputs[i]!
        if (!requires.has(t)) return
        const list = pending.get(t) ?? []
        list.push(grad)
        pending.set(t, list)
      },
      attr: (name) => node.attrs[name],
      sumTo: (grad, shape) => sumTo(g, grad, shape),
    }
    g.scope('grad', () => rule.grad(ctx))
  }

  return wrt.map((t) => total(t) ?? g.zeros(t.shape as number[], t.dtype))
}
