/**
 * The training graph: forward, loss, gradients, clipping, schedule and AdamW in one ONNX model,
 * run as an ordinary inference session. With K > 1 the step is the body of an ONNX Loop, so one
 * session.run performs K optimizer steps and the parameters and Adam moments cross the JS/native
 * boundary once per K steps instead of every step.
 *
 * Inputs:  <param>, m.<param>, v.<param> (float32), step (float32 scalar: steps done so far),
 *          peak_lr, warmup_steps, total_steps (float32 scalars), one int64 [K, B, S] tensor per
 *          model feature ([K, B, S, width] for multi-valued ones) and `labels` [K, B, S]; with K > 1 also `num_steps` (int64 scalar ≤ K:
 *          how many of the stacked batches to train on, so an epoch's remainder needs no
 *          other session).
 * Outputs: new.<param>, new.m.<param>, new.v.<param>, new.step, loss [n], grad_norm [n].
 */
import { backward } from '../autodiff/backward'
import { Graph, type Tensor } from '../graph/graph'
import { encodeModel } from '../graph/serialize'
import { featureShape, type TokenClassifierArch } from '../models/types'
import { adamwScalars, adamwUpdate, type AdamWConfig } from '../optim/adamw'
import { clipScale } from '../optim/clip'
import { lrGraph } from '../optim/schedule'
import { tokenCrossEntropy } from './loss'

export interface TrainGraphOptions {
  batch: number
  seq: number
  /** Optimizer steps per session.run. */
  k: number
  adamw: AdamWConfig
  maxGradNorm: number
  /** Base seed of the dropout nodes. */
  seed: number
}

interface StepState {
  p: Tensor[]
  m: Tensor[]
  v: Tensor[]
  step: Tensor
}

interface Scalars {
  peak: Tensor
  warmup: Tensor
  total: Tensor
}

/** Forward pass in training mode and the token cross-entropy (dropout seeds count up from `firstSeed`). */
export function emitLoss(
  g: Graph,
  arch: TokenClassifierArch,
  params: Tensor[],
  features: Map<string, Tensor>,
  labels: Tensor,
  firstSeed: number,
): Tensor {
  let seed = firstSeed
  const pm = new Map(arch.params.map((spec, i) => [spec.name, params[i]!]))
  const logits = arch.forward(g, pm, features, { train: true, nextSeed: () => seed++ })
  return tokenCrossEntropy(g, logits, labels, arch.numLabels)
}

function emitStep(
  g: Graph,
  arch: TokenClassifierArch,
  s: StepState,
  features: Map<string, Tensor>,
  labels: Tensor,
  sc: Scalars,
  o: TrainGraphOptions,
): StepState & { loss: Tensor; norm: Tensor } {
  const loss = emitLoss(g, arch, s.p, features, labels, o.seed)
  const rawGrads = backward(g, loss, s.p)
  return g.scope('optimizer', () => {
    const { scale, norm } = clipScale(g, rawGrads, o.maxGradNorm)
    const lr = lrGraph(g, s.step, sc.peak, sc.warmup, sc.total)
    const t = g.add(s.step, g.scalar(1))
    const scalars = adamwScalars(g, o.adamw, lr, t, scale)
    const out: StepState = { p: [], m: [], v: [], step: t }
    arch.params.forEach((spec, i) => {
      const u = adamwUpdate(g, o.adamw, scalars, s.p[i]!, rawGrads[i]!, s.m[i]!, s.v[i]!, spec.decay)
      out.p.push(u.p)
      out.m.push(u.m)
      out.v.push(u.v)
    })
    return { ...out, loss, norm }
  })
}

export const PARAM_OUT = (name: string): string => `new.${name}`
export const M_IN = (name: string): string => `m.${name}`
export const V_IN = (name: string): string => `v.${name}`
export const M_OUT = (name: string): string => `new.m.${name}`
export const V_OUT = (name: string): string => `new.v.${name}`

export function buildTrainGraph(arch: TokenClassifierArch, o: TrainGraphOptions): Uint8Array {
  const g = new Graph('float32')
  const { batch: B, seq: S, k: K } = o
  const state: StepState = {
    p: arch.params.map((s) => g.input(s.name, 'float32', s.shape)),
    m: arch.params.map((s) => g.input(M_IN(s.name), 'float32', s.shape)),
    v: arch.params.map((s) => g.input(V_IN(s.name), 'float32', s.shape)),
    step: g.input('step', 'float32', []),
  }
  const sc: Scalars = {
    peak: g.input('peak_lr', 'float32', []),
    warmup: g.input('warmup_steps', 'float32', []),
    total: g.input('total_steps', 'float32', []),
  }
  const stacked = new Map(
    arch.features.map((f) => [f.name, g.input(f.name, f.dtype, featureShape(f, K, B, S))]),
  )
  const labels = g.input('labels', 'int64', [K, B, S])

  let final: StepState
  let losses: Tensor
  let norms: Tensor
  if (K === 1) {
    const zero = g.scalar(0, 'int64')
    const feats = new Map([...stacked].map(([n, t]) => [n, g.gather(t, zero)]))
    const r = emitStep(g, arch, state, feats, g.gather(labels, zero), sc, o)
    final = r
    losses = g.unsqueeze(r.loss, [0])
    norms = g.unsqueeze(r.norm, [0])
  } else {
    const body = new Graph('float32', 'body/')
    const iter = body.input('body/iter', 'int64', [])
    const condIn = body.input('body/cond', 'bool', [])
    const carried: StepState = {
      p: arch.params.map((s) => body.input(`body/p/${s.name}`, 'float32', s.shape)),
      m: arch.params.map((s) => body.input(`body/m/${s.name}`, 'float32', s.shape)),
      v: arch.params.map((s) => body.input(`body/v/${s.name}`, 'float32', s.shape)),
      step: body.input('body/step', 'float32', []),
    }
    // Outer-scope tensors are read directly by name; the body picks its batch with Gather(iter).
    const feats = new Map([...stacked].map(([n, t]) => [n, body.gather(t, iter)]))
    const r = emitStep(body, arch, carried, feats, body.gather(labels, iter), sc, o)
    body.output(condIn)
    for (const t of [...r.p, ...r.m, ...r.v, r.step, r.loss, r.norm]) body.output(t)
    const n = arch.params.length
    const numSteps = g.input('num_steps', 'int64', [])
    const outs = g.node(
      'Loop',
      [
        numSteps,
        g.constant({ dtype: 'bool', dims: [], data: [1] }),
        ...state.p,
        ...state.m,
        ...state.v,
        state.step,
      ],
      { body: { kind: 'graph', value: body } },
      [
        ...[...state.p, ...state.m, ...state.v, state.step].map((t) => ({ dtype: t.dtype, shape: t.shape })),
        { dtype: 'float32', shape: ['num_steps'] },
        { dtype: 'float32', shape: ['num_steps'] },
      ],
    )
    final = { p: outs.slice(0, n), m: outs.slice(n, 2 * n), v: outs.slice(2 * n, 3 * n), step: outs[3 * n]! }
    losses = outs[3 * n + 1]!
    norms = outs[3 * n + 2]!
  }
  arch.params.forEach((s, i) => {
    g.output(final.p[i]!, PARAM_OUT(s.name))
    g.output(final.m[i]!, M_OUT(s.name))
    g.output(final.v[i]!, V_OUT(s.name))
  })
  g.output(final.step, 'new.step')
  g.output(losses, 'loss')
  g.output(norms, 'grad_norm')
  return encodeModel(g, `${arch.kind}-train-k${K}`)
}
