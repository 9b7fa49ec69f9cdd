/**
 * The gradient half of a training step split in two (see stepper.ts): forward, loss and gradients,
 * without the optimizer.
 *
 * Inputs:  <param>, then the features and `labels` as the training graph with K = 1 ([1, B, S]).
 * Outputs: grad.<param> for most parameters. An embedding table that only one Gather (axis 0)
 *          reads gets its gradient as rows instead: grad_ids.<param> [u] (the distinct rows the
 *          batch touched, ascending) and grad_rows.<param> [u, width] (their summed gradients;
 *          every other row's gradient is zero). A batch touches a few hundred of BERT's 30,522
 *          word rows, and the dense form is a 94 MB tensor to fill, copy out and read back on
 *          every step. Then loss [1] and grad_norm [1], the global norm of all gradients before
 *          clipping.
 */
import { backward } from '../autodiff/backward'
import { Graph, type Node, type Tensor } from '../graph/graph'
import { encodeModel } from '../graph/serialize'
import { featureShape, type TokenClassifierArch } from '../models/types'
import { globalNorm } from '../optim/clip'
import { emitLoss, type TrainGraphOptions } from './trainGraph'

export const GRAD_OUT = (name: string): string => `grad.${name}`
export const GRAD_IDS_OUT = (name: string): string => `grad_ids.${name}`
export const GRAD_ROWS_OUT = (name: string): string => `grad_rows.${name}`

export interface GradientGraph {
  model: Uint8Array
  /** Parameters whose gradient comes as rows (grad_ids / grad_rows). */
  rowParams: Set<string>
}

/** Each 2-D parameter whose only reader is a Gather along axis 0, with that Gather. */
function tablesReadByGather(g: Graph, params: Tensor[]): Map<Tensor, Node> {
  const readers = new Map<Tensor, Node[]>(params.map((p) => [p, []]))
  for (const n of g.nodes) for (const t of n.inputs) if (t && readers.has(t)) readers.get(t)!.push(n)
  const tables = new Map<Tensor, Node>()
  for (const [p, nodes] of readers) {
    const n = nodes[0]
    const axis = n?.attrs.axis
    const axisZero = axis === undefined || (axis.kind === 'int' && axis.value === 0)
    if (
      nodes.length === 1 &&
      n!.opType === 'Gather' &&
      n!.inputs[0] === p &&
      axisZero &&
      p.shape.length === 2
    )
      tables.set(p, n!)
  }
  return tables
}

export function buildGradientGraph(arch: TokenClassifierArch, o: TrainGraphOptions): GradientGraph {
  const g = new Graph('float32')
  const { batch: B, seq: S } = o
  const params = arch.params.map((s) => g.input(s.name, 'float32', s.shape))
  const zero = g.scalar(0, 'int64')
  const features = new Map(
    arch.features.map((f) => [f.name, g.gather(g.input(f.name, f.dtype, featureShape(f, 1, B, S)), zero)]),
  )
  const labels = g.gather(g.input('labels', 'int64', [1, B, S]), zero)
  const loss = emitLoss(g, arch, params, features, labels, o.seed)
  const tables = tablesReadByGather(g, params)
  // For a table, differentiate with respect to the rows it gave out rather than the table itself.
  const grads = backward(
    g,
    loss,
    params.map((p) => tables.get(p)?.outputs[0] ?? p),
  )
  const rowParams = new Set<string>()
  const normParts: Tensor[] = []
  g.scope('rows', () =>
    arch.params.forEach((spec, i) => {
      const gather = tables.get(params[i]!)
      if (!gather) {
        normParts.push(grads[i]!)
        g.output(grads[i]!, GRAD_OUT(spec.name))
        return
      }
      const width = spec.shape[1]!
      const { values, inverse } = g.unique(g.reshape(gather.inputs[1]!, [-1]))
      const rows = g.reshape(grads[i]!, [-1, width])
      const count = values.shape[0]!
      const zeros = g.zerosOfShape(g.concat([g.shapeOf(values), g.int64s([width])], 0), [count, width])
      // Rows read more than once in the batch add up, as their dense gradient would.
      const summed = g.scatterNDAdd(zeros, g.unsqueeze(inverse, [-1]), rows)
      normParts.push(summed)
      g.output(values, GRAD_IDS_OUT(spec.name))
      g.output(summed, GRAD_ROWS_OUT(spec.name))
      rowParams.add(spec.name)
    }),
  )
  g.output(g.unsqueeze(loss, [0]), 'loss')
  g.output(g.unsqueeze(globalNorm(g, normParts), [0]), 'grad_norm')
  return { model: encodeModel(g, `${arch.kind}-gradients`), rowParams }
}
