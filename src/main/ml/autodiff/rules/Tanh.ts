import { go0, type GradRule } from '../types'

// dX = dY·(1 − Y²)
export const Tanh: GradRule = {
  op: 'Tanh',
  grad(c) {
    if (!c.needs(0)) return
    const { g } = c
    const y = c.O(0)
    c.GI(0, g.mul(go0(c), g.sub(g.scalar(1, y.dtype), g.mul(y, y))))
  },
}
