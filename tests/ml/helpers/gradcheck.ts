/**
 * Checks analytic gradients from the autodiff against central finite differences computed in
 * float64. The scalar under test is L = Σ Y·W for a fixed random W, so every output element
 * contributes with a different weight.
 */
import { backward } from '../../../src/main/ml/autodiff/backward'
import { Graph, type FloatType, type Tensor } from '../../../src/main/ml/graph/graph'
import { numel } from '../../../src/main/ml/graph/shape'
import { encodeModel } from '../../../src/main/ml/graph/serialize'
import type { ort } from '../../../src/main/ml/ort'
import { createSession, ortTensor } from '../../../src/main/ml/ort'
import { Rng } from '../../../src/main/ml/rng'

export type Build = (g: Graph, xs: Tensor[]) => Tensor

export interface InputSpec {
  shape: number[]
  /** Values are drawn uniformly from [lo, hi]; default [-1, 1]. */
  range?: [number, number]
}

export interface CheckOptions {
  inputs: InputSpec[]
  build: Build
  /** dtype of the analytic graph; float32 only for ops without float64 kernels. */
  dtype?: FloatType
  /** float64 forward used for the finite differences; defaults to `build`. */
  reference?: Build
  /** A JS float64 loss instead of an ORT reference graph (for ops with no float64 kernel at all). */
  referenceLoss?: (xs: Float64Array[], w: Float64Array) => number
  seed?: number
  h?: number
  atol?: number
  rtol?: number
  /** At most this many coordinates per input are perturbed. */
  maxCoords?: number
}

export interface CheckResult {
  checked: number
  failures: string[]
  maxAbsErr: number
}

function array(dtype: FloatType, values: Float64Array): Float32Array | Float64Array {
  return dtype === 'float32' ? Float32Array.from(values) : Float64Array.from(values)
}

function lossGraph(
  dtype: FloatType,
  specs: InputSpec[],
  build: Build,
  w: Float64Array | null,
  withGrads: boolean,
) {
  const g = new Graph(dtype)
  const xs = specs.map((s, i) => g.input(`x${i}`, dtype, s.shape))
  const y = build(g, xs)
  const n = numel(y.shape)
  const weights = w ?? Float64Array.from({ length: n }, (_, i) => Math.sin(1.7 * i + 0.3) + 0.1 * (i % 3))
  const loss = g.sumAll(g.mul(y, g.floats(Array.from(weights), y.shape as number[])))
  const grads = withGrads ? backward(g, loss, xs) : []
  g.output(loss, 'loss')
  grads.forEach((t, i) => g.output(t, `grad${i}`))
  return { g, weights }
}

export async function gradcheck(o: CheckOptions): Promise<CheckResult> {
  const dtype = o.dtype ?? 'float64'
  const rng = new Rng(o.seed ?? 1234)
  const values = o.inputs.map((s) => {
    const [lo, hi] = s.range ?? [-1, 1]
    const a = Float64Array.from({ length: numel(s.shape) }, () => lo + (hi - lo) * rng.next())
    // Both graphs see exactly the values the analytic (maybe float32) graph sees.
    return dtype === 'float32' ? Float64Array.from(Float32Array.from(a)) : a
  })

  const { g, weights } = lossGraph(dtype, o.inputs, o.build, null, true)
  const analytic = await createSession(encodeModel(g))
  const feeds: Record<string, ort.Tensor> = {}
  o.inputs.forEach((s, i) => (feeds[`x${i}`] = ortTensor(dtype, array(dtype, values[i]!), s.shape)))
  const out = await analytic.session.run(feeds)

  let lossAt: (xs: Float64Array[]) => Promise<number>
  if (o.referenceLoss) {
    const f = o.referenceLoss
    lossAt = async (xs) => f(xs, weights)
  } else {
    const ref = lossGraph('float64', o.inputs, o.reference ?? o.build, weights, false)
    const s = await createSession(encodeModel(ref.g))
    lossAt = async (xs) => {
      const f: Record<string, ort.Tensor> = {}
      o.inputs.forEach((spec, i) => (f[`x${i}`] = ortTensor('float64', xs[i]!, spec.shape)))
      const r = await s.session.run(f)
      return Number((r.loss!.data as Float64Array)[0])
    }
  }

  const h = o.h ?? 1e-6
  const atol = o.atol ?? (dtype === 'float64' ? 1e-7 : 1e-4)
  const rtol = o.rtol ?? (dtype === 'float64' ? 1e-5 : 2e-3)
  const failures: string[] = []
  let checked = 0
  let maxAbsErr = 0
  for (let i = 0; i < o.inputs.length; i++) {
    const grad = out[`grad${i}`]!.data as Float32Array | Float64Array
    const n = values[i]!.length
    const maxCoords = o.maxCoords ?? 24
    const coords = n <= maxCoords ? [...Array(n).keys()] : Array.from({ length: maxCoords }, () => rng.int(n))
    for (const j of coords) {
      const xs = values.map((v) => Float64Array.from(v))
      xs[i]![j] = values[i]![j]! + h
      const lp = await lossAt(xs)
      xs[i]![j] = values[i]![j]! - h
      const lm = await lossAt(xs)
      const numeric = (lp - lm) / (2 * h)
      const a = grad[j]!
      const err = Math.abs(a - numeric)
      maxAbsErr = Math.max(maxAbsErr, err)
      checked++
      if (err > atol + rtol * Math.abs(numeric)) {
        failures.push(`input ${i}[${j}]: analytic ${a} vs numeric ${numeric}`)
      }
    }
  }
  return { checked, failures, maxAbsErr }
}
