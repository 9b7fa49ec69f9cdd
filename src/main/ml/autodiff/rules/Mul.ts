import { go0, type GradRule } from '../types'

// dA = sumTo(dY·B, A), dB = sumTo(dY·A, B)
export const Mul: GradRule = {
  op: 'Mul',
  grad(c) {
    const dy = go0(c)
    if (c.needs(0)) c.GI(0, c.sumTo(c.g.mul(dy, c.I(1)), c.I(0).shape))
    if (c.needs(1)) c.GI(1, c.sumTo(c.g.mul(dy, c.I(0)), c.I(1).shape))
  },
}
