import { go0, intAttr, type GradRule } from '../types'

// dX = dY − exp(Y)·Σ_axis dY
export const LogSoftmax: GradRule = {
  op: 'LogSoftmax',
  grad(c) {
    if (!c.needs(0)) return
    const { g } = c
    const dy = go0(c)
    const axis = intAttr(c, 'axis', -1)
    c.GI(0, g.sub(dy, g.mul(g.exp(c.O(0)), g.reduceSum(dy, [axis], true))))
  },
}
