import { go0, type GradRule } from '../types'

// dX = dY·Y
export const Exp: GradRule = {
  op: 'Exp',
  grad(c) {
    if (c.needs(0)) c.GI(0, c.g.mul(go0(c), c.O(0)))
  },
}
