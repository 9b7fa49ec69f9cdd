import { go0, intAttr, type GradRule } from '../types'

// dX = Y·(dY − Σ_axis dY·Y)
export const Softmax: GradRule = {
  op: 'Softmax',
  grad(c) {
    if (!c.needs(0)) return
    const { g } = c
    const y = c.O(0)
    const dy = go0(c)
    const axis = intAttr(c, 'axis', -1)
    c.GI(0, g.mul(y, g.sub(dy, g.reduceSum(g.mul(dy, y), [axis], true))))
  },
}
