import { go0, intAttr, type GradRule } from '../types'

// dXᵢ = Slice(dY, offsetᵢ : offsetᵢ + sizeᵢ, axis)
export const Concat: GradRule = {
  op: 'Concat',
  grad(c) {
    const { g } = c
    const dy = go0(c)
    const rank = dy.shape.length
    const axis = (intAttr(c, 'axis', 0) + rank) % rank
    let offset = 0
    c.node.inputs.forEach((t, i) => {
      const size = t!.shape[axis]
      if (typeof size !== 'number') throw new Error('Concat gradient needs static sizes along the axis.')
      if (c.needs(i)) {
        const shape = [...dy.shape]
        shape[axis] = size
        const out = g.node(
          'Slice',
          [dy, g.int64s([offset]), g.int64s([offset + size]), g.int64s([axis])],
          {},
          [{ dtype: dy.dtype, shape }],
        )[0]!
        c.GI(i, out)
      }
      offset += size
    })
  },
}
