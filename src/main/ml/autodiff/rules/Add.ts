import { go0, type GradRule } from '../types'

// dA = sumTo(dY, A), dB = sumTo(dY, B)
export const Add: GradRule = {
  op: 'Add',
  grad(c) {
    const dy = go0(c)
    if (c.needs(0)) c.GI(0, c.sumTo(dy, c.I(0).shape))
    if (c.needs(1)) c.GI(1, c.sumTo(dy, c.I(1).shape))
  },
}
