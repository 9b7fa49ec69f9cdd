import { go0, intAttr, type GradRule } from '../types'

// dX = invstd·(ĝ − mean(ĝ) − x̂·mean(ĝ·x̂)) with ĝ = dY·γ, x̂ = (X − mean)·invstd; dγ = Σ dY·x̂; dβ = Σ dY
export const LayerNormalization: GradRule = {
  op: 'LayerNormalization',
  grad(c) {
    if (intAttr(c, 'axis', -1) !== -1) throw new Error('The LayerNormalization rule supports axis -1 only.')
    if (c.node.outputs.length < 3)
      throw new Error('LayerNormalization needs its Mean and InvStdDev outputs for the gradient.')
    const { g } = c
    const x = c.I(0)
    const dy = go0(c)
    const mean = c.O(1)
    const invstd = c.O(2)
    const xhat = g.mul(g.sub(x, mean), invstd)
    if (c.needs(0)) {
      const gh = g.mul(dy, c.I(1))
      const m1 = g.reduceMean(gh, [-1], true)
      const m2 = g.reduceMean(g.mul(gh, xhat), [-1], true)
      c.GI(0, g.mul(invstd, g.sub(g.sub(gh, m1), g.mul(xhat, m2))))
    }
    if (c.needs(1)) c.GI(1, c.sumTo(g.mul(dy, xhat), c.I(1).shape))
    if (c.needs(2)) c.GI(2, c.sumTo(dy, c.I(2).shape))
  },
}
