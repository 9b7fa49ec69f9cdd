import { go0, type GradRule } from '../types'

// dA = sumTo(dY / B, A), dB = −sumTo(dY·Y / B, B)
export const Div: GradRule = {
  op: 'Div',
  grad(c) {
    const dy = go0(c)
    const { g } = c
    if (c.needs(0)) c.GI(0, c.sumTo(g.div(dy, c.I(1)), c.I(0).shape))
    if (c.needs(1)) c.GI(1, g.neg(c.sumTo(g.div(g.mul(dy, c.O(0)), c.I(1)), c.I(1).shape)))
  },
}
