/**
 * Every gradient rule against central finite differences in float64. Ops without float64 kernels
 * in ONNX Runtime (Erf, LayerNormalization with statistics) are differentiated in float32 and
 * compared with float64 differences of an equivalent reference; Dropout's random mask is checked
 * through the exact linear map it applies (see docs/adr/0004).
 */
import { describe, expect, it } from 'vitest'
import { backward } from '../../src/main/ml/autodiff/backward'
import { RULE_LIST } from '../../src/main/ml/autodiff/registry'
import { Graph, type Tensor } from '../../src/main/ml/graph/graph'
import { encodeModel } from '../../src/main/ml/graph/serialize'
import { primitiveLayerNorm } from '../../src/main/ml/models/layers'
import { createSession, ortTensor } from '../../src/main/ml/ort'
import { gradcheck, type CheckOptions } from './helpers/gradcheck'

const idx = (g: Graph, data: number[], dims: number[]): Tensor => g.int64s(data, dims)

/** erf via its Maclaurin series: accurate to ~1e-15 for |x| <= 3, enough for the differences. */
function erf(x: number): number {
  let term = x
  let sum = x
  for (let n = 1; n < 80; n++) {
    term *= (-x * x) / n
    sum += term / (2 * n + 1)
  }
  return (2 / Math.sqrt(Math.PI)) * sum
}

const cases: Record<string, CheckOptions[]> = {
  Add: [{ inputs: [{ shape: [2, 3, 4] }, { shape: [3, 1] }], build: (g, [a, b]) => g.add(a!, b!) }],
  Sub: [{ inputs: [{ shape: [1, 3] }, { shape: [2, 3] }], build: (g, [a, b]) => g.sub(a!, b!) }],
  Mul: [{ inputs: [{ shape: [2, 3, 4] }, { shape: [4] }], build: (g, [a, b]) => g.mul(a!, b!) }],
  Div: [
    { inputs: [{ shape: [2, 3] }, { shape: [3], range: [0.5, 2] }], build: (g, [a, b]) => g.div(a!, b!) },
  ],
  Neg: [{ inputs: [{ shape: [2, 3] }], build: (g, [a]) => g.neg(a!) }],
  Identity: [
    {
      inputs: [{ shape: [3] }],
      build: (g, [a]) => g.node('Identity', [a!], {}, [{ dtype: a!.dtype, shape: a!.shape }])[0]!,
    },
  ],
  Sqrt: [{ inputs: [{ shape: [2, 3], range: [0.3, 2] }], build: (g, [a]) => g.sqrt(a!) }],
  Exp: [{ inputs: [{ shape: [2, 3] }], build: (g, [a]) => g.exp(a!) }],
  Tanh: [{ inputs: [{ shape: [2, 3] }], build: (g, [a]) => g.tanh(a!) }],
  Erf: [
    {
      dtype: 'float32',
      inputs: [{ shape: [2, 5], range: [-2, 2] }],
      build: (g, [a]) => g.erf(a!),
      referenceLoss: ([x], w) => x!.reduce((s, v, i) => s + erf(v) * w[i]!, 0),
    },
  ],
  MatMul: [
    { inputs: [{ shape: [3, 4] }, { shape: [4, 2] }], build: (g, [a, b]) => g.matMul(a!, b!) },
    { inputs: [{ shape: [2, 3, 4] }, { shape: [4, 5] }], build: (g, [a, b]) => g.matMul(a!, b!) },
    { inputs: [{ shape: [2, 2, 3, 4] }, { shape: [2, 2, 4, 3] }], build: (g, [a, b]) => g.matMul(a!, b!) },
    { inputs: [{ shape: [2, 3, 4] }, { shape: [1, 4, 2] }], build: (g, [a, b]) => g.matMul(a!, b!) },
  ],
  Gemm: [
    {
      inputs: [{ shape: [3, 4] }, { shape: [4, 2] }, { shape: [2] }],
      build: (g, [a, b, c]) => g.gemm(a!, b!, c!),
    },
    {
      inputs: [{ shape: [4, 3] }, { shape: [2, 4] }, { shape: [3, 1] }],
      build: (g, [a, b, c]) => g.gemm(a!, b!, c!, true, true),
    },
    {
      inputs: [{ shape: [4, 3] }, { shape: [4, 2] }],
      build: (g, [a, b]) => g.gemm(a!, b!, null, true, false),
    },
    {
      inputs: [{ shape: [3, 4] }, { shape: [2, 4] }],
      build: (g, [a, b]) => g.gemm(a!, b!, null, false, true),
    },
  ],
  Transpose: [{ inputs: [{ shape: [2, 3, 4] }], build: (g, [a]) => g.transpose(a!, [2, 0, 1]) }],
  Reshape: [{ inputs: [{ shape: [2, 3, 4] }], build: (g, [a]) => g.reshape(a!, [0, -1, 2]) }],
  Squeeze: [{ inputs: [{ shape: [2, 1, 3] }], build: (g, [a]) => g.squeeze(a!, [1]) }],
  Unsqueeze: [{ inputs: [{ shape: [2, 3] }], build: (g, [a]) => g.unsqueeze(a!, [0, 2]) }],
  Gather: [
    { inputs: [{ shape: [5, 3] }], build: (g, [a]) => g.gather(a!, idx(g, [0, 4, 4, 1, 0, 0], [2, 3])) },
    { inputs: [{ shape: [4, 3] }], build: (g, [a]) => g.gather(a!, g.scalar(2, 'int64')) },
  ],
  Softmax: [{ inputs: [{ shape: [2, 3, 4] }], build: (g, [a]) => g.softmax(a!, -1) }],
  LogSoftmax: [{ inputs: [{ shape: [2, 3, 4] }], build: (g, [a]) => g.logSoftmax(a!, -1) }],
  ReduceSum: [
    { inputs: [{ shape: [2, 3, 4] }], build: (g, [a]) => g.reduceSum(a!, [0, 2], false) },
    { inputs: [{ shape: [2, 3, 4] }], build: (g, [a]) => g.reduceSum(a!, [-1], true) },
  ],
  ReduceMean: [
    { inputs: [{ shape: [2, 3, 4] }], build: (g, [a]) => g.reduceMean(a!, [1], false) },
    { inputs: [{ shape: [2, 3, 4] }], build: (g, [a]) => g.reduceMean(a!, [-1], true) },
  ],
  LayerNormalization: [
    {
      dtype: 'float32',
      inputs: [{ shape: [2, 3, 6] }, { shape: [6], range: [0.5, 1.5] }, { shape: [6] }],
      build: (g, [x, s, b]) => g.layerNormalization(x!, s!, b!, 1e-5, true),
      reference: (g, [x, s, b]) => primitiveLayerNorm(g, x!, s!, b!, 1e-5),
    },
  ],
  Where: [
    {
      inputs: [{ shape: [2, 3] }, { shape: [3] }],
      build: (g, [a, b]) =>
        g.where(g.constant({ dtype: 'bool', dims: [2, 3], data: [1, 0, 1, 0, 0, 1] }), a!, b!),
    },
  ],
  Concat: [{ inputs: [{ shape: [2, 3] }, { shape: [2, 2] }], build: (g, [a, b]) => g.concat([a!, b!], 1) }],
}

describe('gradient rules against finite differences', () => {
  it('registers exactly one rule per op', () => {
    const ops = RULE_LIST.map((r) => r.op)
    expect(new Set(ops).size).toBe(ops.length)
  })

  it('has exactly one test table entry per registered rule', () => {
    const tested = new Set([...Object.keys(cases), 'Dropout'])
    expect(RULE_LIST.map((r) => r.op).sort()).toEqual([...tested].sort())
  })

  for (const [op, list] of Object.entries(cases)) {
    it(op, async () => {
      for (const c of list) {
        const r = await gradcheck(c)
        expect(r.failures).toEqual([])
        expect(r.checked).toBeGreaterThan(0)
      }
    })
  }

  it('Dropout: the gradient is the same masked, rescaled linear map as the forward', async () => {
    const g = new Graph('float64')
    const x = g.input('x', 'float64', [4, 50])
    const [y, mask] = g.dropout(x, 0.25, 7)
    const w = Array.from({ length: 200 }, (_, i) => Math.cos(i))
    const loss = g.sumAll(g.mul(y, g.floats(w, [4, 50])))
    const [dx] = backward(g, loss, [x])
    g.output(y, 'y')
    g.output(mask, 'mask')
    g.output(dx!, 'dx')
    const { session } = await createSession(encodeModel(g))
    const xv = Float64Array.from({ length: 200 }, (_, i) => 1 + (i % 7))
    const out = await session.run({ x: ortTensor('float64', xv, [4, 50]) })
    const yv = out.y!.data as Float64Array
    const m = out.mask!.data as Uint8Array
    const d = out.dx!.data as Float64Array
    let kept = 0
    for (let i = 0; i < 200; i++) {
      const k = m[i] ? 1 / 0.75 : 0
      kept += m[i] ? 1 : 0
      expect(yv[i]).toBeCloseTo(xv[i]! * k, 12)
      expect(d[i]).toBeCloseTo(w[i]! * k, 12)
    }
    expect(kept).toBeGreaterThan(100)
    expect(kept).toBeLessThan(200)
  })
})
