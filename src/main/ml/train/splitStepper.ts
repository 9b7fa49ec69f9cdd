/**
 * One optimizer step in two halves. The gradient graph (gradientGraph.ts) returns the gradients
 * and their global norm; the update graph (updateGraph.ts) then runs AdamW over the state a slice
 * at a time, fed straight from the state's arrays and writing its results back over them.
 *
 * Why: onnxruntime-node returns every output as a fresh copy, so a one-graph step ends holding the
 * state three times (the feeds, ONNX Runtime's outputs and their copies), four with a Loop. Here
 * the state is held once, plus the gradients and one slice in flight, and the update's passes over
 * a slice stay in the CPU's cache instead of streaming each intermediate through memory.
 */
import type { TokenClassifierArch } from '../models/types'
import { createSession, ortTensor, type Device, type ort } from '../ort'
import { buildGradientGraph, GRAD_IDS_OUT, GRAD_OUT, GRAD_ROWS_OUT } from './gradientGraph'
import {
  batchFeeds,
  checkInputs,
  LOW_MEMORY_PARAMETERS,
  parameterCount,
  scalarFeed,
  scheduleFeeds,
} from './stepFeeds'
import type { OptimizerState, Schedule, StackedBatch, StepResult, TrainStepper } from './stepper'
import type { TrainGraphOptions } from './trainGraph'
import { buildUpdateGraph } from './updateGraph'

/** Values per update run by default: 1 MB slices, so a run's dozen intermediates fit in cache. */
export const UPDATE_SLICE = 1 << 18

/** The first index in ascending `sorted` whose value is at least `x`. */
function lowerBound(sorted: BigInt64Array, x: bigint): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (sorted[mid]! < x) lo = mid + 1
    else hi = mid
  }
  return lo
}

interface Sessions {
  gradients: ort.InferenceSession
  /** AdamW with a dense gradient slice. */
  dense: ort.InferenceSession
  /** AdamW on a table's rows with the gradient given as touched rows. */
  rows: ort.InferenceSession
}

export class SplitStepper implements TrainStepper {
  private constructor(
    readonly arch: TokenClassifierArch,
    readonly options: TrainGraphOptions,
    private readonly sessions: Sessions,
    private readonly rowParams: Set<string>,
    private readonly slice: number,
    readonly provider: 'cpu' | 'cuda',
    readonly providerReason: string,
    readonly createMs: number,
  ) {}

  static async open(
    arch: TokenClassifierArch,
    options: TrainGraphOptions,
    device: Device,
    slice = UPDATE_SLICE,
  ): Promise<SplitStepper> {
    const t0 = performance.now()
    const graph = buildGradientGraph(arch, options)
    // The three sessions run in turn, so none may keep its threads spinning (see ort.ts).
    const lowMemory = parameterCount(arch) > LOW_MEMORY_PARAMETERS
    const g = await createSession(graph.model, device, { lowMemory, spinning: false })
    checkInputs(
      g.session,
      [...arch.params.map((p) => p.name), ...arch.features.map((f) => f.name), 'labels'],
      'gradient',
    )
    // The update is a few passes over memory: on a GPU it would spend them moving slices across the bus.
    const update = async (form: 'dense' | 'rows') =>
      (
        await createSession(buildUpdateGraph(options.adamw, options.maxGradNorm, form), 'cpu', {
          spinning: false,
        })
      ).session
    const sessions = { gradients: g.session, dense: await update('dense'), rows: await update('rows') }
    const createMs = performance.now() - t0
    return new SplitStepper(arch, options, sessions, graph.rowParams, slice, g.provider, g.reason, createMs)
  }

  async run(state: OptimizerState, batch: StackedBatch, sched: Schedule, steps = 1): Promise<StepResult> {
    if (steps !== 1) throw new Error(`Cannot run ${steps} steps in a graph built for 1.`)
    const feeds: Record<string, ort.Tensor> = {}
    for (const s of this.arch.params) feeds[s.name] = ortTensor('float32', state.params.get(s.name)!, s.shape)
    batchFeeds(this.arch, this.options, batch, feeds)
    const out = await this.sessions.gradients.run(feeds)
    const norm = (out.grad_norm!.data as Float32Array)[0]!
    const shared = { ...scheduleFeeds(state.step, sched), grad_norm: scalarFeed(norm) }
    const decay = scalarFeed(this.options.adamw.weightDecay)
    const noDecay = scalarFeed(0)
    for (const s of this.arch.params) {
      const p = state.params.get(s.name)!
      const m = state.m.get(s.name)!
      const v = state.v.get(s.name)!
      const common = { ...shared, weight_decay: s.decay ? decay : noDecay }
      const update = async (
        session: ort.InferenceSession,
        at: number,
        end: number,
        dims: number[],
        grad: Record<string, ort.Tensor>,
      ) => {
        const part = (a: Float32Array) => ortTensor('float32', a.subarray(at, end), dims)
        const slices = { param: part(p), m: part(m), v: part(v) }
        // The results are written over the slices they came from, which saves copying the whole
        // state once per step. Safe because each input is read only by nodes that run before the
        // one writing its output, or by that node itself element for element (p − step when there
        // is no weight decay); the Loop-equivalence tests check both. onnxruntime-node still
        // returns copies of the outputs; they are dropped.
        await session.run(
          { ...common, ...grad, ...slices },
          { 'new.param': slices.param, 'new.m': slices.m, 'new.v': slices.v },
        )
      }
      if (this.rowParams.has(s.name)) {
        const [rows, width] = s.shape as [number, number]
        const ids = out[GRAD_IDS_OUT(s.name)]!.data as BigInt64Array
        const values = out[GRAD_ROWS_OUT(s.name)]!.data as Float32Array
        const rowsPerSlice = Math.max(1, Math.floor(this.slice / width))
        for (let r0 = 0; r0 < rows; r0 += rowsPerSlice) {
          const r1 = Math.min(rows, r0 + rowsPerSlice)
          const lo = lowerBound(ids, BigInt(r0))
          const hi = lowerBound(ids, BigInt(r1))
          await update(this.sessions.rows, r0 * width, r1 * width, [r1 - r0, width], {
            grad_ids: ortTensor('int64', ids.subarray(lo, hi), [hi - lo]),
            grad_rows: ortTensor('float32', values.subarray(lo * width, hi * width), [hi - lo, width]),
            row0: ortTensor('int64', BigInt64Array.of(BigInt(r0)), []),
          })
        }
      } else {
        const grad = out[GRAD_OUT(s.name)]!.data as Float32Array
        for (let at = 0; at < p.length; at += this.slice) {
          const end = Math.min(p.length, at + this.slice)
          await update(this.sessions.dense, at, end, [end - at], {
            grad: ortTensor('float32', grad.subarray(at, end), [end - at]),
          })
        }
      }
    }
    state.step += 1
    return { losses: [(out.loss!.data as Float32Array)[0]!], gradNorms: [norm] }
  }

  async release(): Promise<void> {
    for (const s of Object.values(this.sessions)) await s.release()
  }
}
