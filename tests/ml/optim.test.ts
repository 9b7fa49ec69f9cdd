import { describe, expect, it } from 'vitest'
import { Graph } from '../../src/main/ml/graph/graph'
import { encodeModel } from '../../src/main/ml/graph/serialize'
import { buildInferenceGraph } from '../../src/main/ml/infer/inferGraph'
import { BERT_DEFAULTS, bertTokenClassifier, type BertConfig } from '../../src/main/ml/models/bert'
import { initParams } from '../../src/main/ml/models/types'
import { ADAMW_DEFAULTS, adamwScalars, adamwUpdate } from '../../src/main/ml/optim/adamw'
import { clipScale } from '../../src/main/ml/optim/clip'
import { lrAt, lrGraph } from '../../src/main/ml/optim/schedule'
import { createSession, ortTensor } from '../../src/main/ml/ort'
import { Rng } from '../../src/main/ml/rng'
import {
  defaultStepsPerRun,
  LOW_MEMORY_PARAMETERS,
  TrainStepper,
  zeroState,
  type StackedBatch,
} from '../../src/main/ml/train/stepper'

const tiny: BertConfig = {
  ...BERT_DEFAULTS,
  vocab_size: 20,
  hidden_size: 16,
  num_hidden_layers: 1,
  num_attention_heads: 2,
  intermediate_size: 32,
  max_position_embeddings: 16,
  layer_norm_eps: 1e-12,
  hidden_dropout_prob: 0,
  attention_probs_dropout_prob: 0,
}

const big = (xs: number[]) => BigInt64Array.from(xs.map(BigInt))

/** torch.optim.AdamW's update, written from its documented algorithm, in float64. */
function torchAdamW(p: number[], grads: number[][], lr: number[], wd: number, decay: boolean) {
  const { beta1: b1, beta2: b2, eps } = ADAMW_DEFAULTS
  const m = p.map(() => 0)
  const v = p.map(() => 0)
  for (let t = 1; t <= grads.length; t++) {
    const g = grads[t - 1]!
    for (let i = 0; i < p.length; i++) {
      if (decay) p[i]! *= 1 - lr[t - 1]! * wd
      m[i] = b1 * m[i]! + (1 - b1) * g[i]!
      v[i] = b2 * v[i]! + (1 - b2) * g[i]! * g[i]!
      const denom = Math.sqrt(v[i]!) / Math.sqrt(1 - b2 ** t) + eps
      p[i]! -= (lr[t - 1]! / (1 - b1 ** t)) * (m[i]! / denom)
    }
  }
  return { p, m, v }
}

describe('optimizer pieces', () => {
  it('schedule: warmup, linear decay, zero after the end (JS and graph agree)', async () => {
    expect(lrAt(0, 1e-3, 10, 110)).toBe(0)
    expect(lrAt(5, 1e-3, 10, 110)).toBeCloseTo(5e-4, 12)
    expect(lrAt(10, 1e-3, 10, 110)).toBeCloseTo(1e-3, 12)
    expect(lrAt(60, 1e-3, 10, 110)).toBeCloseTo(5e-4, 12)
    expect(lrAt(200, 1e-3, 10, 110)).toBe(0)
    expect(lrAt(0, 1e-3, 0, 100)).toBeCloseTo(1e-3, 12)
    const g = new Graph('float64')
    const [s, p, w, t] = ['s', 'p', 'w', 't'].map((n) => g.input(n, 'float64', []))
    g.output(lrGraph(g, s!, p!, w!, t!), 'lr')
    const { session } = await createSession(encodeModel(g))
    for (const [step, warm, total] of [
      [0, 10, 110],
      [5, 10, 110],
      [60, 10, 110],
      [200, 10, 110],
      [0, 0, 100],
      [3, 0, 4],
    ]) {
      const f = (x: number) => ortTensor('float64', Float64Array.of(x), [])
      const r = await session.run({ s: f(step!), p: f(1e-3), w: f(warm!), t: f(total!) })
      expect((r.lr!.data as Float64Array)[0]).toBeCloseTo(lrAt(step!, 1e-3, warm!, total!), 15)
    }
  })

  it('AdamW matches torch.optim.AdamW step by step, with and without decay', async () => {
    const g = new Graph('float64')
    const names = ['p', 'g', 'm', 'v']
    const [p, gr, m, v] = names.map((n) => g.input(n, 'float64', [5]))
    const lr = g.input('lr', 'float64', [])
    const t = g.input('t', 'float64', [])
    const cfg = { ...ADAMW_DEFAULTS, weightDecay: 0.1 }
    const s = adamwScalars(g, cfg, lr, t)
    const a = adamwUpdate(g, cfg, s, p!, gr!, m!, v!, true)
    const b = adamwUpdate(g, cfg, s, p!, gr!, m!, v!, false)
    g.output(a.p, 'pa')
    g.output(a.m, 'ma')
    g.output(a.v, 'va')
    g.output(b.p, 'pb')
    const { session } = await createSession(encodeModel(g))
    const rng = new Rng(3)
    const p0 = Array.from({ length: 5 }, () => rng.normal())
    const grads = [0, 1, 2].map(() => Array.from({ length: 5 }, () => rng.normal()))
    const lrs = [1e-2, 5e-3, 2e-2]
    const f = (x: number[], dims: number[] = [5]) => ortTensor('float64', Float64Array.from(x), dims)
    let state = { p: [...p0], m: [0, 0, 0, 0, 0], v: [0, 0, 0, 0, 0] }
    let pNoDecay = [...p0]
    for (let k = 0; k < 3; k++) {
      const common = {
        g: f(grads[k]!),
        m: f(state.m),
        v: f(state.v),
        lr: f([lrs[k]!], []),
        t: f([k + 1], []),
      }
      // The moments do not depend on p, so both variants share them.
      const rb = await session.run({ ...common, p: f(pNoDecay) })
      pNoDecay = [...(rb.pb!.data as Float64Array)]
      const r = await session.run({ ...common, p: f(state.p) })
      state = {
        p: [...(r.pa!.data as Float64Array)],
        m: [...(r.ma!.data as Float64Array)],
        v: [...(r.va!.data as Float64Array)],
      }
    }
    const ref = torchAdamW([...p0], grads, lrs, 0.1, true)
    const refNo = torchAdamW([...p0], grads, lrs, 0.1, false)
    state.p.forEach((x, i) => expect(x).toBeCloseTo(ref.p[i]!, 12))
    state.m.forEach((x, i) => expect(x).toBeCloseTo(ref.m[i]!, 12))
    state.v.forEach((x, i) => expect(x).toBeCloseTo(ref.v[i]!, 12))
    pNoDecay.forEach((x, i) => expect(x).toBeCloseTo(refNo.p[i]!, 12))
    expect(Math.abs(ref.p[0]! - refNo.p[0]!)).toBeGreaterThan(1e-6)
  })

  it('AdamW with a clip factor folded in matches torch.optim.AdamW on the clipped gradients', async () => {
    const g = new Graph('float64')
    const [p, gr, m, v] = ['p', 'g', 'm', 'v'].map((n) => g.input(n, 'float64', [4]))
    const [lr, t, c] = ['lr', 't', 'c'].map((n) => g.input(n, 'float64', []))
    const cfg = { ...ADAMW_DEFAULTS, weightDecay: 0.1 }
    const u = adamwUpdate(g, cfg, adamwScalars(g, cfg, lr!, t!, c!), p!, gr!, m!, v!, true)
    g.output(u.p, 'p2')
    g.output(u.m, 'm2')
    g.output(u.v, 'v2')
    const { session } = await createSession(encodeModel(g))
    const rng = new Rng(5)
    const p0 = Array.from({ length: 4 }, () => rng.normal())
    const grads = [0, 1, 2].map(() => Array.from({ length: 4 }, () => 3 * rng.normal()))
    const scales = [0.37, 1, 0.05]
    const lrs = [1e-2, 2e-2, 5e-3]
    const f = (x: number[], dims: number[] = [4]) => ortTensor('float64', Float64Array.from(x), dims)
    let state = { p: [...p0], m: [0, 0, 0, 0], v: [0, 0, 0, 0] }
    for (let k = 0; k < 3; k++) {
      const r = await session.run({
        p: f(state.p),
        g: f(grads[k]!),
        m: f(state.m),
        v: f(state.v),
        lr: f([lrs[k]!], []),
        t: f([k + 1], []),
        c: f([scales[k]!], []),
      })
      state = {
        p: [...(r.p2!.data as Float64Array)],
        m: [...(r.m2!.data as Float64Array)],
        v: [...(r.v2!.data as Float64Array)],
      }
    }
    const clipped = grads.map((gk, k) => gk.map((x) => x * scales[k]!))
    const ref = torchAdamW([...p0], clipped, lrs, 0.1, true)
    state.p.forEach((x, i) => expect(x).toBeCloseTo(ref.p[i]!, 12))
    state.m.forEach((x, i) => expect(x).toBeCloseTo(ref.m[i]!, 12))
    state.v.forEach((x, i) => expect(x).toBeCloseTo(ref.v[i]!, 12))
  })

  it('clips by the global norm of all gradients', async () => {
    const g = new Graph('float64')
    const a = g.input('a', 'float64', [2])
    const b = g.input('b', 'float64', [1])
    const small = clipScale(g, [a, b], 100)
    const clipped = clipScale(g, [a, b], 2.5)
    g.output(g.mul(a!, small.scale), 'sa')
    g.output(g.mul(a!, clipped.scale), 'ca')
    g.output(g.mul(b!, clipped.scale), 'cb')
    g.output(clipped.norm, 'norm')
    const { session } = await createSession(encodeModel(g))
    const r = await session.run({
      a: ortTensor('float64', Float64Array.of(3, 4), [2]),
      b: ortTensor('float64', Float64Array.of(12), [1]),
    })
    expect((r.norm!.data as Float64Array)[0]).toBeCloseTo(13, 12)
    expect([...(r.sa!.data as Float64Array)]).toEqual([3, 4])
    const k = 2.5 / (13 + 1e-6)
    expect((r.ca!.data as Float64Array)[1]).toBeCloseTo(4 * k, 12)
    expect((r.cb!.data as Float64Array)[0]).toBeCloseTo(12 * k, 12)
  })
})

/** Eight short "sentences": token id → tag by a rule that needs the previous token. */
function toyData(rng: Rng, n: number, seq: number) {
  const ids: number[] = []
  const mask: number[] = []
  const labels: number[] = []
  for (let s = 0; s < n; s++) {
    const len = 4 + rng.int(seq - 3)
    for (let i = 0; i < seq; i++) {
      if (i < len) {
        const id = 1 + rng.int(19)
        ids.push(id)
        mask.push(1)
        labels.push(i === 0 ? 0 : ((ids[ids.length - 2]! % 3) as number))
      } else {
        ids.push(0)
        mask.push(0)
        labels.push(-100)
      }
    }
  }
  return { ids, mask, labels }
}

describe('training steps', () => {
  const opts = (k: number) => ({ batch: 2, seq: 6, k, adamw: ADAMW_DEFAULTS, maxGradNorm: 1, seed: 1 })

  // K = 1 runs as a split step (gradient graph, then AdamW a slice at a time); slices of 40 values
  // cut the 16-wide tables into 2-row slices, most of which the batch does not touch.
  it.each([
    ['whole tensors', undefined, ADAMW_DEFAULTS.weightDecay],
    ['40-value slices', 40, ADAMW_DEFAULTS.weightDecay],
    ['no weight decay', 40, 0],
  ])('a Loop of K=4 steps equals 4 single-step runs (%s)', async (_, updateSlice, weightDecay) => {
    const arch = bertTokenClassifier(tiny, 3)
    const data = toyData(new Rng(11), 8, 6)
    const adamw = { ...ADAMW_DEFAULTS, weightDecay }
    const one = await TrainStepper.create(arch, { ...opts(1), adamw }, 'cpu', { updateSlice })
    const four = await TrainStepper.create(arch, { ...opts(4), adamw })
    const sA = zeroState(arch, initParams(arch, new Rng(1)))
    const sB = zeroState(arch, initParams(arch, new Rng(1)))
    const sched = { peakLr: 1e-2, warmupSteps: 2, totalSteps: 10 }
    const lossesA: number[] = []
    for (let k = 0; k < 4; k++) {
      const sl = (a: number[]) => big(a.slice(k * 12, (k + 1) * 12))
      const r = await one.run(
        sA,
        { features: { input_ids: sl(data.ids), attention_mask: sl(data.mask) }, labels: sl(data.labels) },
        sched,
      )
      lossesA.push(r.losses[0]!)
    }
    const stacked: StackedBatch = {
      features: { input_ids: big(data.ids), attention_mask: big(data.mask) },
      labels: big(data.labels),
    }
    const rB = await four.run(sB, stacked, sched)
    expect(sB.step).toBe(4)
    expect(sA.step).toBe(4)
    rB.losses.forEach((l, i) => expect(l).toBeCloseTo(lossesA[i]!, 5))
    let maxDiff = 0
    let moved = 0
    const init = initParams(arch, new Rng(1))
    for (const s of arch.params) {
      const a = sA.params.get(s.name)!
      const b = sB.params.get(s.name)!
      const a0 = init.get(s.name)!
      for (let i = 0; i < a.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(a[i]! - b[i]!))
        moved = Math.max(moved, Math.abs(a[i]! - a0[i]!))
      }
    }
    expect(maxDiff).toBeLessThan(1e-6)
    expect(moved).toBeGreaterThan(1e-3)
  })

  it('a K=4 graph asked for 2 steps (an epoch remainder) equals 2 single steps', async () => {
    const arch = bertTokenClassifier(tiny, 3)
    const data = toyData(new Rng(12), 8, 6)
    const one = await TrainStepper.create(arch, opts(1))
    const four = await TrainStepper.create(arch, opts(4))
    const sA = zeroState(arch, initParams(arch, new Rng(4)))
    const sB = zeroState(arch, initParams(arch, new Rng(4)))
    const sched = { peakLr: 1e-2, warmupSteps: 0, totalSteps: 10 }
    for (let k = 0; k < 2; k++) {
      const sl = (a: number[]) => big(a.slice(k * 12, (k + 1) * 12))
      await one.run(
        sA,
        { features: { input_ids: sl(data.ids), attention_mask: sl(data.mask) }, labels: sl(data.labels) },
        sched,
      )
    }
    // Rows 3 and 4 hold garbage labels that must not be trained on.
    const labels = big(data.labels.map((y, i) => (i >= 24 ? 1 : y)))
    const r = await four.run(
      sB,
      { features: { input_ids: big(data.ids), attention_mask: big(data.mask) }, labels },
      sched,
      2,
    )
    expect(r.losses).toHaveLength(2)
    expect(sB.step).toBe(2)
    for (const s of arch.params) {
      const a = sA.params.get(s.name)!
      const b = sB.params.get(s.name)!
      for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(1e-6)
    }
  })

  it('runs 4 steps per run by default, 1 for big models on the CPU (a Loop copies their whole state once more)', () => {
    expect(defaultStepsPerRun(1_000_000, 'cpu')).toBe(4)
    expect(defaultStepsPerRun(LOW_MEMORY_PARAMETERS + 1, 'cpu')).toBe(1)
    expect(defaultStepsPerRun(LOW_MEMORY_PARAMETERS + 1, 'cuda')).toBe(4)
  })

  it('a tiny tagger overfits 8 sentences (every training token predicted right)', async () => {
    const arch = bertTokenClassifier(tiny, 3)
    const data = toyData(new Rng(5), 8, 6)
    const stepper = await TrainStepper.create(arch, { ...opts(4), batch: 8 })
    const state = zeroState(arch, initParams(arch, new Rng(2)))
    const rep = (a: number[]) => big([...a, ...a, ...a, ...a])
    const batch: StackedBatch = {
      features: { input_ids: rep(data.ids), attention_mask: rep(data.mask) },
      labels: rep(data.labels),
    }
    let last: number[] = []
    for (let r = 0; r < 40; r++)
      last = (await stepper.run(state, batch, { peakLr: 5e-3, warmupSteps: 8, totalSteps: 400 })).losses
    expect(last.at(-1)!).toBeLessThan(0.05)
    const { session } = await createSession(buildInferenceGraph(arch, state.params))
    const out = await session.run({
      input_ids: ortTensor('int64', big(data.ids), [8, 6]),
      attention_mask: ortTensor('int64', big(data.mask), [8, 6]),
    })
    const logits = out.logits!.data as Float32Array
    let wrong = 0
    let counted = 0
    data.labels.forEach((y, t) => {
      if (y < 0) return
      const row = logits.subarray(t * 3, t * 3 + 3)
      const pred = row.indexOf(Math.max(...row))
      counted++
      if (pred !== y) wrong++
    })
    expect(counted).toBeGreaterThan(30)
    expect(wrong).toBe(0)
  })
})
