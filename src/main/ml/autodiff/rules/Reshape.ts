import { go0, type GradRule } from '../types'

// dX = Reshape(dY, shape(X))
export const Reshape: GradRule = {
  op: 'Reshape',
  grad(c) {
    if (!c.needs(0)) return
    const x = c.I(0)
    const dy = go0(c)
    const { g } = c
    const out = g.node('Reshape', [dy, g.shapeOf(x)], {}, [{ dtype: dy.dtype, shape: x.shape }])[0]!
    c.GI(0, out)
  },
}
