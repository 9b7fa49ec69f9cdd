import { describe, expect, it } from 'vitest'
import { Graph } from '../../src/main/ml/graph/graph'
import { encodeModel } from '../../src/main/ml/graph/serialize'
import { onnx } from '../../src/main/ml/onnx/generated/onnx'
import { createSession, ortTensor } from '../../src/main/ml/ort'

function build(): Graph {
  const g = new Graph('float32')
  const x = g.input('x', 'float32', ['batch', 3])
  const w = g.input('w', 'float32', [3, 2])
  const y = g.add(g.matMul(x, w), g.floats([10, 20], [2]))
  g.output(g.softmax(y), 'probs')
  g.output(y, 'logits')
  return g
}

describe('graph builder', () => {
  it('tracks shapes, names outputs in place and is deterministic', () => {
    const g = build()
    expect(g.outputs.map((t) => [t.name, t.shape])).toEqual([
      ['probs', ['batch', 2]],
      ['logits', ['batch', 2]],
    ])
    expect(g.nodes.some((n) => n.opType === 'Identity')).toBe(false)
    expect(Buffer.from(encodeModel(build())).equals(Buffer.from(encodeModel(g)))).toBe(true)
    const decoded = onnx.ModelProto.decode(encodeModel(g))
    expect(decoded.opsetImport[0]?.version).toBeTruthy()
    expect(decoded.graph?.output?.map((o) => o.name)).toEqual(['probs', 'logits'])
  })

  it('runs in ONNX Runtime with a dynamic batch', async () => {
    const { session } = await createSession(encodeModel(build()))
    const x = Float32Array.from([1, 2, 3, -1, 0, 1])
    const w = Float32Array.from([1, 0, 0, 1, 1, -1])
    const out = await session.run({ x: ortTensor('float32', x, [2, 3]), w: ortTensor('float32', w, [3, 2]) })
    const logits = out.logits!.data as Float32Array
    // Row 0: [1+3+10, 2-3+20]; row 1: [-1+1+10, 0-1+20].
    expect(Array.from(logits)).toEqual([14, 19, 10, 19])
    const p = out.probs!.data as Float32Array
    expect(p[0]! + p[1]!).toBeCloseTo(1, 6)
    expect(p[1]! / p[0]!).toBeCloseTo(Math.exp(5), 1)
  })
})
