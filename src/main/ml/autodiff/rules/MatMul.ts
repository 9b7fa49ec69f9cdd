import type { Graph, Tensor } from '../../graph/graph'
import { go0, type GradRule } from '../types'

function swapLast(g: Graph, t: Tensor): Tensor {
  const r = t.shape.length
  const perm = Array.from({ length: r }, (_, i) => i)
  perm[r - 2] = r - 1
  perm[r - 1] = r - 2
  return g.transpose(t, perm)
}

// dA = sumTo(dY · Bᵀ, A), dB = sumTo(Aᵀ · dY, B)
export const MatMul: GradRule = {
  op: 'MatMul',
  grad(c) {
    const dy = go0(c)
    const { g } = c
    const a = c.I(0)
    const b = c.I(1)
    if (c.needs(0)) c.GI(0, c.sumTo(g.matMul(dy, swapLast(g, b)), a.shape))
    if (!c.needs(1)) return
    if (b.shape.length === 2 && a.shape.length > 2) {
      // A shared weight: fold the batch axes into rows so dB is one GEMM, not a batched product plus a sum.
      const k = a.shape.at(-1)!
      const n = dy.shape.at(-1)!
      if (typeof k !== 'number' || typeof n !== 'number')
        throw new Error('MatMul weight dims must be static.')
      c.GI(1, g.gemm(g.reshape(a, [-1, k]), g.reshape(dy, [-1, n]), null, true, false))
    } else {
      c.GI(1, c.sumTo(g.matMul(swapLast(g, a), dy), b.shape))
    }
  },
}
