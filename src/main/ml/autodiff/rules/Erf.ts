import { go0, type GradRule } from '../types'

// dX = dY·(2/√π)·exp(−X²)
export const Erf: GradRule = {
  op: 'Erf',
  grad(c) {
    if (!c.needs(0)) return
    const { g } = c
    const x = c.I(0)
    const e = g.exp(g.neg(g.mul(x, x)))
    c.GI(0, g.mul(go0(c), g.mul(e, g.scalar(2 / Math.sqrt(Math.PI), x.dtype))))
  },
}
