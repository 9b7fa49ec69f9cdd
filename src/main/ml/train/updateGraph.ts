/**
 * The update half of a training step split in two (see stepper.ts): AdamW over one slice of one
 * parameter, with the same clip factor, schedule and arithmetic as the training graph's optimizer.
 * Sizes are dynamic, so one session updates every parameter of a model, a slice at a time.
 *
 * Inputs:  param, m, v (float32 [n]) and the gradient: either `grad` [n] (dense), or, for a
 *          table whose gradient came as rows, param, m, v as [r, width] with `grad_ids` [u]
 *          (ascending row numbers within the table), `grad_rows` [u, width] and `row0` (int64: the
 *          table row the slice starts at); every row not listed has a zero gradient. Then step
 *          (steps done so far), peak_lr, warmup_steps, total_steps, grad_norm (the global norm
 *          from the gradient graph) and weight_decay (λ for this parameter, 0 for biases and
 *          LayerNorm), all float32 scalars.
 * Outputs: new.param, new.m, new.v, shaped as param.
 */
import { Graph, type Tensor } from '../graph/graph'
import { encodeModel } from '../graph/serialize'
import { adamwScalars, adamwUpdate, type AdamWConfig } from '../optim/adamw'
import { clipFactor } from '../optim/clip'
import { lrGraph } from '../optim/schedule'

export type GradientForm = 'dense' | 'rows'

export function buildUpdateGraph(c: AdamWConfig, maxGradNorm: number, form: GradientForm): Uint8Array {
  const g = new Graph('float32')
  const shape = form === 'dense' ? ['n'] : ['r', 'width']
  const p = g.input('param', 'float32', shape)
  const m = g.input('m', 'float32', shape)
  const v = g.input('v', 'float32', shape)
  let grad: Tensor
  if (form === 'dense') grad = g.input('grad', 'float32', shape)
  else {
    const ids = g.sub(g.input('grad_ids', 'int64', ['u']), g.input('row0', 'int64', []))
    const rows = g.input('grad_rows', 'float32', ['u', 'width'])
    grad = g.scatterNDAdd(g.zerosOfShape(g.shapeOf(p), shape), g.unsqueeze(ids, [-1]), rows)
  }
  const scalar = (name: string) => g.input(name, 'float32', [])
  const step = scalar('step')
  const lr = lrGraph(g, step, scalar('peak_lr'), scalar('warmup_steps'), scalar('total_steps'))
  const scale = clipFactor(g, scalar('grad_norm'), maxGradNorm)
  const s = adamwScalars(g, c, lr, g.add(step, g.scalar(1)), scale, scalar('weight_decay'))
  const u = adamwUpdate(g, c, s, p, grad, m, v, c.weightDecay !== 0)
  g.output(u.p, 'new.param')
  g.output(u.m, 'new.m')
  g.output(u.v, 'new.v')
  return encodeModel(g, `adamw-update-${form}`)
}
