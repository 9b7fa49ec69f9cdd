import { go0, type GradRule } from '../types'

// dX = dY / (2·Y)
export const Sqrt: GradRule = {
  op: 'Sqrt',
  grad(c) {
    if (c.needs(0)) c.GI(0, c.g.div(go0(c), c.g.mul(c.O(0), c.g.scalar(2, c.O(0).dtype))))
  },
}
