/**
 * K optimizer steps per session.run: the training graph is an ONNX Loop of whole steps (forward,
 * gradients, AdamW), so parameters and moments cross into and out of ONNX Runtime once per K steps.
 */
import type { TokenClassifierArch } from '../models/types'
import { createSession, ortTensor, type Device, type ort } from '../ort'
import { batchFeeds, checkInputs, LOW_MEMORY_PARAMETERS, parameterCount, scheduleFeeds } from './stepFeeds'
import type { OptimizerState, Schedule, StackedBatch, StepResult, TrainStepper } from './stepper'
import { buildTrainGraph, M_IN, M_OUT, PARAM_OUT, V_IN, V_OUT, type TrainGraphOptions } from './trainGraph'

export class LoopStepper implements TrainStepper {
  private constructor(
    readonly arch: TokenClassifierArch,
    readonly options: TrainGraphOptions,
    private readonly session: ort.InferenceSession,
    readonly provider: 'cpu' | 'cuda',
    readonly providerReason: string,
    readonly createMs: number,
  ) {}

  static async open(
    arch: TokenClassifierArch,
    options: TrainGraphOptions,
    device: Device,
  ): Promise<LoopStepper> {
    const t0 = performance.now()
    const model = buildTrainGraph(arch, options)
    const s = await createSession(model, device, { lowMemory: parameterCount(arch) > LOW_MEMORY_PARAMETERS })
    checkInputs(
      s.session,
      [
        ...arch.params.flatMap((p) => [p.name, M_IN(p.name), V_IN(p.name)]),
        'step',
        'peak_lr',
        'warmup_steps',
        'total_steps',
        ...arch.features.map((f) => f.name),
        'labels',
        ...(options.k > 1 ? ['num_steps'] : []),
      ],
      'training',
    )
    return new LoopStepper(arch, options, s.session, s.provider, s.reason, performance.now() - t0)
  }

  async run(
    state: OptimizerState,
    batch: StackedBatch,
    sched: Schedule,
    steps = this.options.k,
  ): Promise<StepResult> {
    const K = this.options.k
    if (steps < 1 || steps > K) throw new Error(`Cannot run ${steps} steps in a graph built for ${K}.`)
    const feeds = scheduleFeeds(state.step, sched)
    for (const s of this.arch.params) {
      feeds[s.name] = ortTensor('float32', state.params.get(s.name)!, s.shape)
      feeds[M_IN(s.name)] = ortTensor('float32', state.m.get(s.name)!, s.shape)
      feeds[V_IN(s.name)] = ortTensor('float32', state.v.get(s.name)!, s.shape)
    }
    batchFeeds(this.arch, this.options, batch, feeds)
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
