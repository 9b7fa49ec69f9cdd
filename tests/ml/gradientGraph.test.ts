import { describe, expect, it } from 'vitest'
import { backward } from '../../src/main/ml/autodiff/backward'
import { Graph } from '../../src/main/ml/graph/graph'
import { encodeModel } from '../../src/main/ml/graph/serialize'
import { BERT_DEFAULTS, bertTokenClassifier, type BertConfig } from '../../src/main/ml/models/bert'
import { featureShape, initParams } from '../../src/main/ml/models/types'
import { ADAMW_DEFAULTS } from '../../src/main/ml/optim/adamw'
import { globalNorm } from '../../src/main/ml/optim/clip'
import { createSession, ortTensor } from '../../src/main/ml/ort'
import { Rng } from '../../src/main/ml/rng'
import {
  buildGradientGraph,
  GRAD_IDS_OUT,
  GRAD_OUT,
  GRAD_ROWS_OUT,
} from '../../src/main/ml/train/gradientGraph'
import { emitLoss, type TrainGraphOptions } from '../../src/main/ml/train/trainGraph'

const config: BertConfig = {
  ...BERT_DEFAULTS,
  vocab_size: 30,
  hidden_size: 8,
  num_hidden_layers: 1,
  num_attention_heads: 2,
  intermediate_size: 16,
  max_position_embeddings: 12,
  hidden_dropout_prob: 0,
  attention_probs_dropout_prob: 0,
}
const B = 2
const S = 5
const options: TrainGraphOptions = { batch: B, seq: S, k: 1, adamw: ADAMW_DEFAULTS, maxGradNorm: 1, seed: 1 }

/** The same loss differentiated with respect to every parameter as a dense tensor. */
function denseGradientGraph(arch: ReturnType<typeof bertTokenClassifier>): Uint8Array {
  const g = new Graph('float32')
  const params = arch.params.map((s) => g.input(s.name, 'float32', s.shape))
  const zero = g.scalar(0, 'int64')
  const features = new Map(
    arch.features.map((f) => [f.name, g.gather(g.input(f.name, f.dtype, featureShape(f, 1, B, S)), zero)]),
  )
  const labels = g.gather(g.input('labels', 'int64', [1, B, S]), zero)
  const grads = backward(g, emitLoss(g, arch, params, features, labels, options.seed), params)
  arch.params.forEach((s, i) => g.output(grads[i]!, GRAD_OUT(s.name)))
  g.output(g.unsqueeze(globalNorm(g, grads), [0]), 'grad_norm')
  return encodeModel(g)
}

describe('gradient graph of a split step', () => {
  it('gives embedding tables their gradient as summed rows that match the dense gradient', async () => {
    const arch = bertTokenClassifier(config, 3)
    const params = initParams(arch, new Rng(3))
    // Token 7 appears three times and 4 twice: their rows must add up.
    const ids = [7, 4, 7, 2, 7, 9, 4, 1, 3, 0]
    const feeds = {
      ...Object.fromEntries(
        arch.params.map((s) => [s.name, ortTensor('float32', params.get(s.name)!, s.shape)]),
      ),
      input_ids: ortTensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, B, S]),
      attention_mask: ortTensor('int64', new BigInt64Array(B * S).fill(1n), [1, B, S]),
      labels: ortTensor('int64', BigInt64Array.from([0, 1, 2, 1, 0, 2, 2, 1, -100, 0].map(BigInt)), [
        1,
        B,
        S,
      ]),
    }
    const split = buildGradientGraph(arch, options)
    expect(split.rowParams).toContain('bert.embeddings.word_embeddings.weight')
    const rowsOut = await (await createSession(split.model)).session.run(feeds)
    const denseOut = await (await createSession(denseGradientGraph(arch))).session.run(feeds)

    const norm = (denseOut.grad_norm!.data as Float32Array)[0]!
    expect((rowsOut.grad_norm!.data as Float32Array)[0]!).toBeCloseTo(norm, 5)
    for (const s of arch.params) {
      const dense = denseOut[GRAD_OUT(s.name)]!.data as Float32Array
      if (!split.rowParams.has(s.name)) {
        const got = rowsOut[GRAD_OUT(s.name)]!.data as Float32Array
        got.forEach((x, i) => expect(x).toBeCloseTo(dense[i]!, 6))
        continue
      }
      const width = s.shape[1]!
      const touched = Array.from(rowsOut[GRAD_IDS_OUT(s.name)]!.data as BigInt64Array, Number)
      const rows = rowsOut[GRAD_ROWS_OUT(s.name)]!.data as Float32Array
      expect(touched).toEqual([...new Set(touched)].sort((a, b) => a - b))
      for (let r = 0; r < s.shape[0]!; r++) {
        const at = touched.indexOf(r)
        for (let j = 0; j < width; j++) {
          const want = dense[r * width + j]!
          if (at < 0) expect(want).toBe(0)
          else expect(rows[at * width + j]!).toBeCloseTo(want, 6)
        }
      }
    }
    const word = Array.from(
      rowsOut[GRAD_IDS_OUT('bert.embeddings.word_embeddings.weight')]!.data as BigInt64Array,
    )
    expect(word.map(Number)).toEqual([0, 1, 2, 3, 4, 7, 9])
  })
})
