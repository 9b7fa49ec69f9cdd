import { go0, intAttr, type GradRule } from '../types'

// dData = ScatterND_add(zeros(Data), unsqueeze(Indices, −1), dY)   (axis 0; indices get no gradient)
export const Gather: GradRule = {
  op: 'Gather',
  grad(c) {
    if (!c.needs(0)) return
    if (intAttr(c, 'axis', 0) !== 0) throw new Error('The Gather gradient rule supports axis 0 only.')
    const { g } = c
    const data = c.I(0)
    if (!data.shape.every((d) => typeof d === 'number'))
      throw new Error('Gather gradient needs a static data shape.')
    const zeros = g.zeros(data.shape as number[], data.dtype)
    c.GI(0, g.scatterNDAdd(zeros, g.unsqueeze(c.I(1), [-1]), go0(c)))
  },
}
