import { go0, intAttr, floatAttr, type GradRule } from '../types'

// dA = dY · op(B)ᵀ (transposed back if transA), dB = op(A)ᵀ · dY (transposed back if transB), dC = sumTo(dY, C)
export const Gemm: GradRule = {
  op: 'Gemm',
  grad(c) {
    if (floatAttr(c, 'alpha', 1) !== 1 || floatAttr(c, 'beta', 1) !== 1) {
      throw new Error('The Gemm gradient rule supports alpha = beta = 1 only.')
    }
    const tA = intAttr(c, 'transA', 0) === 1
    const tB = intAttr(c, 'transB', 0) === 1
    const dy = go0(c)
    const { g } = c
    const a = c.I(0)
    const b = c.I(1)
    if (c.needs(0)) c.GI(0, tA ? g.gemm(b, dy, null, tB, true) : g.gemm(dy, b, null, false, !tB))
    if (c.needs(1)) c.GI(1, tB ? g.gemm(dy, a, null, true, tA) : g.gemm(a, dy, null, !tA, false))
    if (c.node.inputs.length > 2 && c.needs(2)) c.GI(2, c.sumTo(dy, c.I(2).shape))
  },
}
