/**
 * The gradient-rule vocabulary (after ONNX Runtime's gradient_builder): a rule sees its node's
 * inputs I(i), outputs O(i) and the upstream gradients GO(i), and produces input gradients GI(i),
 * only for the inputs that need one (`needs(i)`).
 */
import type { Attr, Graph, Node, Tensor } from '../graph/graph'
import type { Dim } from '../graph/shape'

export interface GradContext {
  readonly g: Graph
  readonly node: Node
  I(i: number): Tensor
  O(i: number): Tensor
  /** Upstream gradient of output i; undefined when nothing downstream depends on that output. */
  GO(i: number): Tensor | undefined
  /** Whether input i needs a gradient; rules do no work for the others. */
  needs(i: number): boolean
  /** Records the gradient of input i (it must have the input's shape). */
  GI(i: number, grad: Tensor): void
  attr(name: string): Attr | undefined
  /** Sums a broadcast gradient back down to `shape` (undoes NumPy broadcasting). */
  sumTo(grad: Tensor, shape: readonly Dim[]): Tensor
}

export interface GradRule {
  readonly op: string
  grad(ctx: GradContext): void
}

export function intAttr(ctx: GradContext, name: string, fallback: number): number {
  const a = ctx.attr(name)
  return a && a.kind === 'int' ? a.value : fallback
}

export function floatAttr(ctx: GradContext, name: string, fallback: number): number {
  const a = ctx.attr(name)
  return a && a.kind === 'float' ? a.value : fallback
}

/** GO(0), which every rule here with one differentiable output requires. */
export function go0(ctx: GradContext): Tensor {
  const g = ctx.GO(0)
  if (!g) throw new Error(`${ctx.node.opType} rule called without an output gradient.`)
  return g
}
