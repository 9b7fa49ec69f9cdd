import { go0, type GradRule } from '../types'

// dX = dY
export const Identity: GradRule = {
  op: 'Identity',
  grad(c) {
    if (c.needs(0)) c.GI(0, go0(c))
  },
}
