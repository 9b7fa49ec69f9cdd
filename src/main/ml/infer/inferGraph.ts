/**
 * The inference graph of an architecture with its weights embedded: inputs are the model's int64
 * features [batch, seq] (dynamic; [batch, seq, width] for multi-valued ones), the output is `logits` [batch, seq, labels]. The same file is
 * the exported ONNX model.
 */
import { Graph, type Tensor } from '../graph/graph'
import { encodeModel } from '../graph/serialize'
import { featureInputs, type Params, type TokenClassifierArch } from '../models/types'

export function buildInferenceGraph(arch: TokenClassifierArch, params: Params): Uint8Array {
  const g = new Graph('float32')
  const p = new Map<string, Tensor>(
    arch.params.map((s) => {
      const data = params.get(s.name)
      if (!data) throw new Error(`Missing parameter ${s.name}.`)
      return [s.name, g.initializer(s.name, { dtype: 'float32', dims: s.shape, data })]
    }),
  )
  const x = featureInputs(g, arch, 'batch', 'seq')
  g.output(arch.forward(g, p, x, { train: false, nextSeed: () => 0 }), 'logits')
  return encodeModel(g, `${arch.kind}-inference`)
}
