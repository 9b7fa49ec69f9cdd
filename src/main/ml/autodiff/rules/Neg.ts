import { go0, type GradRule } from '../types'

// dX = −dY
export const Neg: GradRule = {
  op: 'Neg',
  grad(c) {
    if (c.needs(0)) c.GI(0, c.g.neg(go0(c)))
  },
}
