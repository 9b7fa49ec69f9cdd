/**
 * Parity of our ONNX BERT with an independent PyTorch reference (scripts/make-bert-fixture.py):
 * the tiny random checkpoint is imported through the Hugging Face importer and its logits must
 * match the reference's within 1e-4 (max abs), padded rows included.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadHfCheckpoint } from '../../src/main/hf/checkpoint'
import { buildInferenceGraph } from '../../src/main/ml/infer/inferGraph'
import { bertTokenClassifier } from '../../src/main/ml/models/bert'
import { createSession, ortTensor } from '../../src/main/ml/ort'

const FIXTURE = join(__dirname, '../fixtures/tiny-bert')

interface Expected {
  input_ids: number[][]
  attention_mask: number[][]
  logits: number[][][]
}

describe('BERT forward parity with the PyTorch reference', () => {
  it('matches the reference logits within 1e-4', async () => {
    const ck = loadHfCheckpoint(FIXTURE)
    expect(ck.classifier?.labels).toEqual(['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'B-ORG', 'I-ORG'])
    const arch = bertTokenClassifier(ck.config, ck.classifier!.labels.length)
    const params = new Map(ck.encoder)
    params.set('classifier.weight', ck.classifier!.weight)
    params.set('classifier.bias', ck.classifier!.bias)
    const { session } = await createSession(buildInferenceGraph(arch, params))
    const exp = JSON.parse(readFileSync(join(FIXTURE, 'expected.json'), 'utf8')) as Expected
    const B = exp.input_ids.length
    const S = exp.input_ids[0]!.length
    const big = (rows: number[][]) => BigInt64Array.from(rows.flat(), (v) => BigInt(v))
    const out = await session.run({
      input_ids: ortTensor('int64', big(exp.input_ids), [B, S]),
      attention_mask: ortTensor('int64', big(exp.attention_mask), [B, S]),
    })
    await session.release()
    const got = out.logits!.data as Float32Array
    const want = exp.logits.flat(2)
    expect(out.logits!.dims).toEqual([B, S, 7])
    let maxAbs = 0
    want.forEach((w, i) => (maxAbs = Math.max(maxAbs, Math.abs(w - got[i]!))))
    // The reference logits are large (random weights), so 1e-4 is a real bound, not a trivial one.
    expect(Math.max(...want.map(Math.abs))).toBeGreaterThan(1)
    expect(maxAbs).toBeLessThan(1e-4)
  })
})
