import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { WordPieceFeaturizer } from '../../src/main/ml/data/wordpiece'
import { Graph } from '../../src/main/ml/graph/graph'
import { encodeModel } from '../../src/main/ml/graph/serialize'
import { BERT_DEFAULTS, bertTokenClassifier, type BertConfig } from '../../src/main/ml/models/bert'
import { initParams } from '../../src/main/ml/models/types'
import { onnx } from '../../src/main/ml/onnx/generated/onnx'
import { ADAMW_DEFAULTS } from '../../src/main/ml/optim/adamw'
import { createSession } from '../../src/main/ml/ort'
import { Rng } from '../../src/main/ml/rng'
import { readSafetensors, writeSafetensors, type SafeTensor } from '../../src/main/ml/safetensors'
import { buildTrainGraph } from '../../src/main/ml/train/trainGraph'
import { trainTokenClassifier } from '../../src/main/ml/train/train'

const VOCAB = [
  '[PAD]',
  '[UNK]',
  '[CLS]',
  '[SEP]',
  'the',
  'cat',
  'sat',
  'on',
  'mat',
  'ann',
  '##a',
  'bob',
  'in',
  'paris',
  'rome',
  '.',
  'lon',
  '##don',
]
const config: BertConfig = {
  ...BERT_DEFAULTS,
  vocab_size: VOCAB.length,
  hidden_size: 16,
  num_hidden_layers: 1,
  num_attention_heads: 2,
  intermediate_size: 32,
  max_position_embeddings: 32,
  hidden_dropout_prob: 0,
  attention_probs_dropout_prob: 0,
}
const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

describe('WordPiece featurizer', () => {
  it('splits words greedily, frames with [CLS]/[SEP] and marks first pieces', () => {
    const f = new WordPieceFeaturizer({ vocab: VOCAB, lowercase: true })
    const e = f.encodeWords(['Anna', 'sat', 'in', 'London.', 'xyz'])
    const pieces = e.features.input_ids!.map((i) => VOCAB[i])
    expect(pieces).toEqual(['[CLS]', 'ann', '##a', 'sat', 'in', 'lon', '##don', '.', '[UNK]', '[SEP]'])
    expect(e.wordStart).toEqual([1, 3, 4, 5, 8])
  })
})

describe('BERT training path', () => {
  it('uses only ai.onnx ops at opset 18, in the Loop body too', () => {
    const arch = bertTokenClassifier({ ...config, hidden_dropout_prob: 0.1 }, 3)
    const m = onnx.ModelProto.decode(
      buildTrainGraph(arch, { batch: 2, seq: 8, k: 3, adamw: ADAMW_DEFAULTS, maxGradNorm: 1, seed: 1 }),
    )
    expect(m.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['', 18]])
    const nodes: onnx.INodeProto[] = [...(m.graph!.node as onnx.INodeProto[])]
    const loop = nodes.find((n) => n.opType === 'Loop')!
    const body = (loop.attribute as onnx.IAttributeProto[]).find((a) => a.name === 'body')!.g!
    nodes.push(...(body.node as onnx.INodeProto[]))
    expect(nodes.length).toBeGreaterThan(300)
    expect(nodes.filter((n) => n.domain && n.domain !== '')).toEqual([])
    expect(nodes.some((n) => n.opType === 'Dropout')).toBe(true)
  })

  // K = 2 trains with a Loop, K = 1 with the split step (embedding gradients as rows, in-place update).
  it.each([2, 1])(
    'fine-tunes from Hugging Face-named weights through trainTokenClassifier (K = %i)',
    async (k) => {
      const dir = mkdtempSync(join(tmpdir(), 'ner-bert-'))
      dirs.push(dir)
      // A "pretrained" checkpoint in Hugging Face BertModel layout (no "bert." prefix, no head) plus
      // an unrelated pooler tensor: the encoder loads, the classifier is new.
      const pre = bertTokenClassifier(config, 5)
      const preParams = initParams(pre, new Rng(3))
      const tensors = new Map<string, SafeTensor>(
        pre.params
          .filter((p) => p.name.startsWith('bert.'))
          .map((p) => [p.name.slice(5), { dtype: 'F32', shape: p.shape, data: preParams.get(p.name)! }]),
      )
      tensors.set('pooler.dense.bias', { dtype: 'F32', shape: [16], data: new Float32Array(16) })
      writeSafetensors(join(dir, 'pre.safetensors'), tensors, { format: 'pt' })
      const labels = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC']
      const sents = [
        { words: ['Anna', 'sat', 'in', 'Paris', '.'], tags: [1, 0, 0, 3, 0] },
        { words: ['Bob', 'sat', 'on', 'the', 'mat'], tags: [1, 0, 0, 0, 0] },
        { words: ['the', 'cat', 'in', 'Rome'], tags: [0, 0, 0, 3] },
        { words: ['Anna', 'Bob', 'in', 'London'], tags: [1, 2, 0, 3] },
      ]
      const r = await trainTokenClassifier({
        architecture: {
          kind: 'bert',
          config,
          vocab: VOCAB,
          lowercase: true,
          initFrom: join(dir, 'pre.safetensors'),
        },
        labels,
        train: [...sents, ...sents, ...sents, ...sents],
        dev: sents,
        epochs: 12,
        batchSize: 4,
        lr: 1e-2,
        warmupRatio: 0,
        maxLen: 16,
        seed: 3,
        k,
        outDir: join(dir, 'out'),
      })
      expect(r.bestF1).toBe(1)
      const best = readSafetensors(join(dir, 'out', 'best.safetensors'))
      expect(best.metadata.format).toBe('pt')
      expect(best.tensors.get('bert.encoder.layer.0.attention.self.query.weight')!.shape).toEqual([16, 16])
      expect(best.tensors.get('classifier.weight')!.shape).toEqual([5, 16])
      // [UNK] never occurs in the data, so its embedding row gets no gradient: it must be the loaded
      // row shrunk only by decoupled weight decay, the same factor for every element.
      const w0 = preParams.get('bert.embeddings.word_embeddings.weight')!.subarray(16, 32)
      const w1 = (best.tensors.get('bert.embeddings.word_embeddings.weight')!.data as Float32Array).subarray(
        16,
        32,
      )
      const ratio = w1[0]! / w0[0]!
      expect(ratio).toBeLessThan(1)
      expect(ratio).toBeGreaterThan(0.99)
      w1.forEach((x, i) => expect(x / w0[i]!).toBeCloseTo(ratio, 5))
    },
  )

  it('device auto falls back to the CPU with a reason when CUDA is unavailable', async () => {
    const g = new Graph()
    g.output(g.neg(g.input('x', 'float32', [2])), 'y')
    const s = await createSession(encodeModel(g), 'auto')
    expect(['cpu', 'cuda']).toContain(s.provider)
    if (s.provider === 'cpu') expect(s.reason).toMatch(/CUDA/)
    await s.session.release()
  })
})
