import { go0, type GradRule } from '../types'

// dX = dY·mask / (1 − ratio)
export const Dropout: GradRule = {
  op: 'Dropout',
  grad(c) {
    if (!c.needs(0)) return
    const { g } = c
    const x = c.I(0)
    const ratioValue = c.I(1).producer?.attrs.value
    if (!ratioValue || ratioValue.kind !== 'tensor')
      throw new Error('Dropout gradient needs a constant ratio.')
    const ratio = Number(ratioValue.value.data[0])
    const scale = g.scalar(1 / (1 - ratio), x.dtype)
    c.GI(0, g.mul(g.mul(go0(c), g.cast(c.O(1), x.dtype)), scale))
  },
}
