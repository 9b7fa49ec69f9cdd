/**
 * Owns one training session (one architecture, batch shape and K) and the optimizer state it
 * updates: feeds parameters, Adam moments and K stacked batches, and takes the updated state back.
 */
import { featureShape, type TokenClassifierArch, type Params } from '../models/types'
import { createSession, ortTensor, type Device, type ort } from '../ort'
import { buildTrainGraph, M_IN, M_OUT, PARAM_OUT, V_IN, V_OUT, type TrainGraphOptions } from './trainGraph'

export interface OptimizerState {
  params: Params
  m: Params
  v: Params
  /** Optimizer steps done so far. */
  step: number
}

export function zeroState(arch: TokenClassifierArch, params: Params): OptimizerState {
  const zeros = () => new Map(arch.params.map((s) => [s.name, new Float32Array(params.get(s.name)!.length)]))
  return { params, m: zeros(), v: zeros(), step: 0 }
}

/** K batches stacked along a leading axis: feature name → int64 [K·B·S]; labels likewise. */
export interface StackedBatch {
  features: Record<string, BigInt64Array>
  labels: BigInt64Array
}

export interface Schedule {
  peakLr: number
  warmupSteps: number
  totalSteps: number
}

/** Models above this many parameters train in low-memory sessions (see ort.ts). */
export const LOW_MEMORY_PARAMETERS = 10_000_000

/**
 * Optimizer steps per run when none is asked for. A Loop (K > 1) makes ONNX Runtime copy the whole
 * state into its outputs once more; on a GPU that is cheap next to moving the state across PCIe every
 * run, but on the CPU a big model gains 2–10 % speed for a quarter more memory (docs/adr/0004).
 */
export function defaultStepsPerRun(parameters: number, provider: 'cpu' | 'cuda'): number {
  return provider === 'cpu' && parameters > LOW_MEMORY_PARAMETERS ? 1 : 4
}

export class TrainStepper {
  private constructor(
    readonly arch: TokenClassifierArch,
    readonly options: TrainGraphOptions,
    private readonly session: ort.InferenceSession,
    readonly provider: 'cpu' | 'cuda',
    readonly providerReason: string,
    readonly createMs: number,
  ) {}

  static async create(
    arch: TokenClassifierArch,
    options: TrainGraphOptions,
    device: Device = 'cpu',
  ): Promise<TrainStepper> {
    const t0 = performance.now()
    const model = buildTrainGraph(arch, options)
    const parameters = arch.params.reduce((n, p) => n + p.shape.reduce((a, b) => a * b, 1), 0)
    const s = await createSession(model, device, { lowMemory: parameters > LOW_MEMORY_PARAMETERS })
    // onnxruntime-node ignores feeds the graph does not declare, so a renamed input would fail silently.
    const expected = [
      ...arch.params.flatMap((p) => [p.name, M_IN(p.name), V_IN(p.name)]),
      'step',
      'peak_lr',
      'warmup_steps',
      'total_steps',
      ...arch.features.map((f) => f.name),
      'labels',
      ...(options.k > 1 ? ['num_steps'] : []),
    ].sort()
    const actual = [...s.session.inputNames].sort()
    if (expected.join('\n') !== actual.join('\n'))
      throw new Error('The training graph inputs do not match what the stepper feeds.')
    return new TrainStepper(arch, options, s.session, s.provider, s.reason, performance.now() - t0)
  }

  /**
   * Runs `steps` (default K) optimizer steps on the first stacked batches, replacing the state's
   * arrays; returns the per-step losses and gradient norms.
   */
  async run(
    state: OptimizerState,
    batch: StackedBatch,
    sched: Schedule,
    steps = this.options.k,
  ): Promise<{ losses: number[]; gradNorms: number[] }> {
    const { batch: B, seq: S, k: K } = this.options
    if (steps < 1 || steps > K) throw new Error(`Cannot run ${steps} steps in a graph built for ${K}.`)
    const feeds: Record<string, ort.Tensor> = {}
    for (const s of this.arch.params) {
      feeds[s.name] = ortTensor('float32', state.params.get(s.name)!, s.shape)
      feeds[M_IN(s.name)] = ortTensor('float32', state.m.get(s.name)!, s.shape)
      feeds[V_IN(s.name)] = ortTensor('float32', state.v.get(s.name)!, s.shape)
    }
    const scalar = (x: number) => ortTensor('float32', Float32Array.of(x), [])
    feeds.step = scalar(state.step)
    feeds.peak_lr = scalar(sched.peakLr)
    feeds.warmup_steps = scalar(sched.warmupSteps)
    feeds.total_steps = scalar(sched.totalSteps)
    for (const f of this.arch.features) {
      feeds[f.name] = ortTensor('int64', batch.features[f.name]!, featureShape(f, K, B, S) as number[])
    }
    feeds.labels = ortTensor('int64', batch.labels, [K, B, S])
    if (K > 1) feeds.num_steps = ortTensor('int64', BigInt64Array.of(BigInt(steps)), [])
    const out = await this.session.run(feeds)
    for (const s of this.arch.params) {
      state.params.set(s.name, out[PARAM_OUT(s.name)]!.data as Float32Array)
      state.m.set(s.name, out[M_OUT(s.name)]!.data as Float32Array)
      state.v.set(s.name, out[V_OUT(s.name)]!.data as Float32Array)
    }
    state.step += steps
    return {
      losses: Array.from(out.loss!.data as Float32Array),
      gradNorms: Array.from(out.grad_norm!.data as Float32Array),
    }
  }

  async release(): Promise<void> {
    await this.session.release()
  }
}
