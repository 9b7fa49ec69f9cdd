import { numel } from '../../graph/shape'
import { go0, intAttr, type GradRule } from '../types'

// dX = Expand(dY with reduced axes restored, shape(X)) / n
export const ReduceMean: GradRule = {
  op: 'ReduceMean',
  grad(c) {
    if (!c.needs(0)) return
    const { g } = c
    const x = c.I(0)
    const value = c.I(1).producer?.attrs.value
    if (!value || value.kind !== 'tensor') throw new Error('ReduceMean gradient needs constant axes.')
    const axes = Array.from(value.value.data, Number)
    const n = numel(axes.map((a) => x.shape[a < 0 ? a + x.shape.length : a]!))
    let dy = go0(c)
    if (intAttr(c, 'keepdims', 1) === 0) dy = g.unsqueeze(dy, axes)
    c.GI(0, g.div(g.expand(dy, g.shapeOf(x), x.shape), g.scalar(n, x.dtype)))
  },
}
