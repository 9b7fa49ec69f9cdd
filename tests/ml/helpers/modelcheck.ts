/**
 * Whole-model gradient check: the float64 training graph of an architecture (loss over a batch
 * with padding and ignored labels) against central finite differences on coordinates drawn from
 * every parameter tensor.
 */
import { backward } from '../../../src/main/ml/autodiff/backward'
import { RULES } from '../../../src/main/ml/autodiff/registry'
import { NON_DIFFERENTIABLE } from '../../../src/main/ml/autodiff/backward'
import { Graph, type Tensor } from '../../../src/main/ml/graph/graph'
import { encodeModel } from '../../../src/main/ml/graph/serialize'
import { featureInputs, type TokenClassifierArch } from '../../../src/main/ml/models/types'
import { createSession, ortTensor, type ort } from '../../../src/main/ml/ort'
import { Rng } from '../../../src/main/ml/rng'
import { tokenCrossEntropy } from '../../../src/main/ml/train/loss'

export interface ModelCheckResult {
  checked: number
  tensors: number
  failures: string[]
  opsOnGradientPath: string[]
}

export async function checkModelGradients(
  arch: TokenClassifierArch,
  features: Record<string, BigInt64Array>,
  labels: BigInt64Array,
  dims: [number, number],
  coordsPerTensor = 2,
): Promise<ModelCheckResult> {
  const rng = new Rng(99)
  const build = (withGrads: boolean) => {
    const g = new Graph('float64')
    const p = new Map<string, Tensor>(arch.params.map((s) => [s.name, g.input(s.name, 'float64', s.shape)]))
    const x = featureInputs(g, arch, dims[0], dims[1])
    const y = g.input('labels', 'int64', dims)
    const logits = arch.forward(g, p, x, { train: true, nextSeed: () => 1 })
    const loss = tokenCrossEntropy(g, logits, y, arch.numLabels)
    const forwardNodes = g.nodes.length
    const grads = withGrads ? backward(g, loss, [...p.values()]) : []
    g.output(loss, 'loss')
    grads.forEach((t, i) => g.output(t, `grad${i}`))
    return { g, p, forwardNodes }
  }
  // Non-trivial values everywhere (default init makes LayerNorm and biases trivial).
  const values = arch.params.map((s) => {
    const n = s.shape.reduce((a, b) => a * b, 1)
    return Float64Array.from({ length: n }, () => (s.init === 'ones' ? 1 : 0) + 0.4 * rng.normal())
  })
  const feeds = (vals: Float64Array[]) => {
    const f: Record<string, ort.Tensor> = {}
    arch.params.forEach((s, i) => (f[s.name] = ortTensor('float64', vals[i]!, s.shape)))
    for (const [k, v] of Object.entries(features)) f[k] = ortTensor('int64', v, dims)
    f.labels = ortTensor('int64', labels, dims)
    return f
  }
  const full = build(true)
  const analytic = await (await createSession(encodeModel(full.g))).session.run(feeds(values))
  const lossOnly = (await createSession(encodeModel(build(false).g))).session

  // Ops that gradients flow through in this model: each must have a rule.
  const requires = new Set<Tensor>(full.p.values())
  const ops = new Set<string>()
  for (const n of full.g.nodes.slice(0, full.forwardNodes)) {
    if (NON_DIFFERENTIABLE.has(n.opType)) continue
    if (n.inputs.some((t) => t !== null && requires.has(t))) {
      ops.add(n.opType)
      for (const o of n.outputs) requires.add(o)
    }
  }
  const missing = [...ops].filter((op) => !RULES.has(op))

  const h = 1e-6
  const failures: string[] = missing.map((op) => `no rule for ${op}`)
  let checked = 0
  for (let i = 0; i < values.length; i++) {
    const grad = analytic[`grad${i}`]!.data as Float64Array
    for (let c = 0; c < coordsPerTensor; c++) {
      const j = rng.int(values[i]!.length)
      const vals = values.map((v) => v)
      const plus = Float64Array.from(values[i]!)
      plus[j] = plus[j]! + h
      vals[i] = plus
      const lp = (await lossOnly.run(feeds(vals))).loss!.data as Float64Array
      const minus = Float64Array.from(values[i]!)
      minus[j] = minus[j]! - h
      vals[i] = minus
      const lm = (await lossOnly.run(feeds(vals))).loss!.data as Float64Array
      const numeric = (lp[0]! - lm[0]!) / (2 * h)
      checked++
      if (Math.abs(grad[j]! - numeric) > 1e-7 + 1e-5 * Math.abs(numeric)) {
        failures.push(`${arch.params[i]!.name}[${j}]: analytic ${grad[j]} vs numeric ${numeric}`)
      }
    }
  }
  return { checked, tensors: values.length, failures, opsOnGradientPath: [...ops].sort() }
}
