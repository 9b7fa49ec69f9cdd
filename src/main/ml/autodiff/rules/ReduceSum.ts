import { go0, intAttr, type GradRule } from '../types'

// dX = Expand(dY with reduced axes restored, shape(X))
export const ReduceSum: GradRule = {
  op: 'ReduceSum',
  grad(c) {
    if (!c.needs(0)) return
    const { g } = c
    const x = c.I(0)
    let dy = go0(c)
    if (intAttr(c, 'keepdims', 1) === 0) {
      const axesNode = c.I(1).producer
      const value = axesNode?.attrs.value
      if (!value || value.kind !== 'tensor') throw new Error('ReduceSum gradient needs constant axes.')
      dy = g.unsqueeze(dy, Array.from(value.value.data, Number))
    }
    c.GI(0, g.expand(dy, g.shapeOf(x), x.shape))
  },
}
