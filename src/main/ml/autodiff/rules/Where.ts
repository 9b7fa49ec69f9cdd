import { go0, type GradRule } from '../types'

// dA = sumTo(Where(C, dY, 0), A), dB = sumTo(Where(C, 0, dY), B)   (the condition gets no gradient)
export const Where: GradRule = {
  op: 'Where',
  grad(c) {
    const { g } = c
    const dy = go0(c)
    const zero = g.scalar(0, dy.dtype)
    if (c.needs(1)) c.GI(1, c.sumTo(g.where(c.I(0), dy, zero), c.I(1).shape))
    if (c.needs(2)) c.GI(2, c.sumTo(g.where(c.I(0), zero, dy), c.I(2).shape))
  },
}
