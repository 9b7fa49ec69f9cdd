import { go0, type GradRule } from '../types'

// dX = Reshape(dY, shape(X))
export const Unsqueeze: GradRule = {
  op: 'Unsqueeze',
  grad(c) {
    if (!c.needs(0)) return
    const x = c.I(0)
    const dy = go0(c)
    const { g } = c
    c.GI(0, g.node('Reshape', [dy, g.shapeOf(x)], {}, [{ dtype: dy.dtype, shape: x.shape }])[0]!)
  },
}
