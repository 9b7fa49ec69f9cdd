/**
 * int8 export: only standard ops (DynamicQuantizeLinear, MatMulInteger, int8 Gather), no float
 * copy of any linear or embedding weight left, a file a fraction of the float32 one, and logits
 * and spans close to the float32 model's.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportProjectModel } from '../../src/main/export/fromProject'
import { PackagePredictor } from '../../src/main/export/predictor'
import { onnx } from '../../src/main/ml/onnx/generated/onnx'
import { createSession, ortTensor } from '../../src/main/ml/ort'
import { trainedProject, type TrainedProject } from './helpers'

let p: TrainedProject
beforeAll(async () => {
  p = await trainedProject()
}, 120_000)
afterAll(() => p?.cleanup())

async function logits(model: Uint8Array, ids: number[]): Promise<Float32Array> {
  const { session } = await createSession(model)
  const S = ids.length
  const out = await session.run({
    input_ids: ortTensor('int64', BigInt64Array.from(ids, BigInt), [1, S]),
    attention_mask: ortTensor('int64', new BigInt64Array(S).fill(1n), [1, S]),
  })
  await session.release()
  return out.logits!.data as Float32Array
}

describe('int8 export', () => {
  it('quantizes every weight matrix with standard ops and stays close to float32', async () => {
    const fp = await exportProjectModel({ projectPath: p.path, version: 3, outDir: join(p.dir, 'fp32') })
    const q = await exportProjectModel({
      projectPath: p.path,
      version: 3,
      outDir: join(p.dir, 'int8'),
      quantize: 'int8',
    })
    expect(q.fp32Bytes).toBe(fp.onnxBytes)
    expect(q.onnxBytes).toBeLessThan(fp.onnxBytes)
    const qBytes = readFileSync(join(p.dir, 'int8', 'model.onnx'))
    const m = onnx.ModelProto.decode(qBytes)
    // Weights only: in a model this tiny, node and tensor names are half the file (bench/export.bench.ts
    // measures whole files at a realistic size).
    const weightBytes = (mp: onnx.IModelProto) =>
      mp.graph!.initializer!.reduce((s, t) => s + t.rawData!.length, 0)
    const fpModel = onnx.ModelProto.decode(readFileSync(join(p.dir, 'fp32', 'model.onnx')))
    expect(weightBytes(m) / weightBytes(fpModel)).toBeLessThan(0.35) // scales, biases and LayerNorms stay float32
    const ops = m.graph!.node!.map((n) => n.opType)
    expect(ops.filter((o) => o === 'MatMulInteger')).toHaveLength(2 * 6 + 1) // 6 linears per layer + classifier
    expect(ops).toContain('DynamicQuantizeLinear')
    expect(m.graph!.node!.every((n) => !n.domain)).toBe(true)
    const floats2d = m.graph!.initializer!.filter(
      (t) => t.dataType === 1 && t.dims!.length === 2 && !t.name!.endsWith('.scale'),
    )
    expect(floats2d.map((t) => t.name)).toEqual([])

    const ids = [2, 21, 22, 13, 15, 9, 30, 31, 5, 23, 26, 17, 18, 34, 3]
    const a = await logits(readFileSync(join(p.dir, 'fp32', 'model.onnx')), ids)
    const b = await logits(qBytes, ids)
    let maxAbs = 0
    let scale = 0
    a.forEach((v, i) => {
      maxAbs = Math.max(maxAbs, Math.abs(v - b[i]!))
      scale = Math.max(scale, Math.abs(v))
    })
    expect(maxAbs).toBeGreaterThan(0) // it really is another model
    expect(maxAbs / scale).toBeLessThan(0.05)

    const texts = ['Ann visited London with Bob Smith.', 'Mary lives in Rome and works at Google.']
    const pf = await PackagePredictor.load(join(p.dir, 'fp32'))
    const pq = await PackagePredictor.load(join(p.dir, 'int8'))
    for (const t of texts) {
      const x = (await pf.predict(t)).map((s) => [s.start, s.end, s.label])
      const y = (await pq.predict(t)).map((s) => [s.start, s.end, s.label])
      expect(y).toEqual(x)
    }
    // int8 activations are quantized per batch, so the package runs windows alone: a text's spans
    // and scores do not depend on the other texts of the file.
    const alone = await Promise.all(texts.map((t) => pq.predict(t)))
    expect(await pq.predictMany(texts)).toEqual(alone)
    await pf.release()
    await pq.release()
  }, 60_000)

  it('quantizes the from-scratch model too', async () => {
    const q = await exportProjectModel({
      projectPath: p.path,
      version: 1,
      outDir: join(p.dir, 's8'),
      quantize: 'int8',
    })
    expect(q.onnxBytes / q.fp32Bytes).toBeLessThan(0.5)
    const pred = await PackagePredictor.load(join(p.dir, 's8'))
    const spans = await pred.predict('Daniel Weiss said Bluefield University would expand its work in Osaka.')
    await pred.release()
    expect(spans.length).toBeGreaterThan(0)
  }, 60_000)
})
