import { go0, type GradRule } from '../types'

// dX = Transpose(dY, perm⁻¹)
export const Transpose: GradRule = {
  op: 'Transpose',
  grad(c) {
    if (!c.needs(0)) return
    const a = c.attr('perm')
    const rank = c.I(0).shape.length
    const perm = a && a.kind === 'ints' ? a.value : Array.from({ length: rank }, (_, i) => rank - 1 - i)
    const inv = new Array<number>(rank)
    perm.forEach((p, i) => (inv[p] = i))
    c.GI(0, c.g.transpose(go0(c), inv))
  },
}
