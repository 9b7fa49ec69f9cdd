import { describe, expect, it } from 'vitest'
import { Graph, type Tensor } from '../../src/main/ml/graph/graph'
import { encodeModel } from '../../src/main/ml/graph/serialize'
import { BERT_DEFAULTS, bertTokenClassifier, type BertConfig } from '../../src/main/ml/models/bert'
import { featureInputs, initParams } from '../../src/main/ml/models/types'
import { createSession, ortTensor } from '../../src/main/ml/ort'
import { Rng } from '../../src/main/ml/rng'
import { checkModelGradients } from './helpers/modelcheck'

const tiny: BertConfig = {
  ...BERT_DEFAULTS,
  vocab_size: 13,
  hidden_size: 8,
  num_hidden_layers: 2,
  num_attention_heads: 2,
  intermediate_size: 12,
  max_position_embeddings: 10,
  layer_norm_eps: 1e-5,
  hidden_dropout_prob: 0,
  attention_probs_dropout_prob: 0,
}

const big = (xs: number[]) => BigInt64Array.from(xs.map(BigInt))

describe('BERT token classifier', () => {
  it('names parameters after Hugging Face BertForTokenClassification', () => {
    const names = bertTokenClassifier(tiny, 3).params.map((p) => p.name)
    expect(names).toContain('bert.embeddings.word_embeddings.weight')
    expect(names).toContain('bert.encoder.layer.1.attention.self.query.weight')
    expect(names).toContain('bert.encoder.layer.0.output.LayerNorm.bias')
    expect(names.at(-2)).toBe('classifier.weight')
    expect(names).toHaveLength(5 + 16 * 2 + 2)
    const q = bertTokenClassifier(tiny, 3).params.find((p) => p.name.endsWith('intermediate.dense.weight'))
    expect(q?.shape).toEqual([12, 8]) // [out, in] as in torch.nn.Linear
  })

  it('whole-model gradients match float64 finite differences', async () => {
    const arch = bertTokenClassifier(tiny, 3)
    const ids = big([2, 5, 7, 1, 0, 3, 12, 4, 4, 9])
    const mask = big([1, 1, 1, 1, 0, 1, 1, 1, 1, 1])
    const labels = big([0, 2, -100, 1, -100, 1, 0, 2, 2, -100])
    const r = await checkModelGradients(arch, { input_ids: ids, attention_mask: mask }, labels, [2, 5])
    expect(r.failures).toEqual([])
    expect(r.tensors).toBe(arch.params.length)
    expect(r.opsOnGradientPath).toEqual(
      expect.arrayContaining(['Gather', 'MatMul', 'Softmax', 'LogSoftmax', 'Tanh', 'Transpose', 'Reshape']),
    )
  }, 60_000)

  it('inference graph: dynamic shapes, and padding does not change real tokens', async () => {
    const arch = bertTokenClassifier({ ...tiny, layer_norm_eps: 1e-12 }, 3)
    const params = initParams(arch, new Rng(5))
    const g = new Graph('float32')
    const p = new Map<string, Tensor>(
      arch.params.map((s) => [
        s.name,
        g.initializer(s.name, { dtype: 'float32', dims: s.shape, data: params.get(s.name)! }),
      ]),
    )
    const x = featureInputs(g, arch, 'batch', 'seq')
    g.output(arch.forward(g, p, x, { train: false, nextSeed: () => 0 }), 'logits')
    expect(g.nodes.some((n) => n.opType === 'Dropout')).toBe(false)
    const { session } = await createSession(encodeModel(g))
    const short = await session.run({
      input_ids: ortTensor('int64', big([3, 4, 5]), [1, 3]),
      attention_mask: ortTensor('int64', big([1, 1, 1]), [1, 3]),
    })
    const padded = await session.run({
      input_ids: ortTensor('int64', big([3, 4, 5, 0, 0, 7, 8, 9, 10, 11]), [2, 5]),
      attention_mask: ortTensor('int64', big([1, 1, 1, 0, 0, 1, 1, 1, 1, 1]), [2, 5]),
    })
    expect(padded.logits!.dims).toEqual([2, 5, 3])
    const a = short.logits!.data as Float32Array
    const b = padded.logits!.data as Float32Array
    for (let i = 0; i < 9; i++) expect(b[i]).toBeCloseTo(a[i]!, 5)
    expect(Math.abs(b[0]! - b[15]!)).toBeGreaterThan(0) // a different sentence gives other logits
  })
})
