/**
 * Runs optimizer steps for one architecture and batch shape on the optimizer state it is given,
 * in one of two ways chosen by K (optimizer steps per call):
 * - K > 1: LoopStepper, one session whose graph is an ONNX Loop of K whole steps;
 * - K = 1: SplitStepper, a gradient session and an update session, which holds the state once
 *   instead of three or four times (docs/adr/0004).
 */
import type { Params, TokenClassifierArch } from '../models/types'
import type { Device } from '../ort'
import { LoopStepper } from './loopStepper'
import { SplitStepper } from './splitStepper'
import { LOW_MEMORY_PARAMETERS } from './stepFeeds'
import type { TrainGraphOptions } from './trainGraph'

export { LOW_MEMORY_PARAMETERS }

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

/**
 * Optimizer steps per run when none is asked for. A Loop (K > 1) makes ONNX Runtime copy the whole
 * state into its outputs once more; on a GPU that is cheap next to moving the state across PCIe every
 * run, but on the CPU a big model trains as fast with K = 1, whose split step holds the state once
 * instead of four times (docs/adr/0004).
 */
export function defaultStepsPerRun(parameters: number, provider: 'cpu' | 'cuda'): number {
  return provider === 'cpu' && parameters > LOW_MEMORY_PARAMETERS ? 1 : 4
}

export interface StepResult {
  losses: number[]
  gradNorms: number[]
}

export interface TrainStepper {
  readonly arch: TokenClassifierArch
  readonly options: TrainGraphOptions
  /** The execution provider the gradients are computed on, and why. */
  readonly provider: 'cpu' | 'cuda'
  readonly providerReason: string
  /** Graph building and session creation, ms. */
  readonly createMs: number
  /**
   * Runs `steps` (default K) optimizer steps on the first stacked batches and advances the state;
   * its arrays may be replaced or updated in place, so read them from the state after each run.
   */
  run(state: OptimizerState, batch: StackedBatch, sched: Schedule, steps?: number): Promise<StepResult>
  release(): Promise<void>
}

export const TrainStepper = {
  /** `updateSlice` (K = 1 only): values per update run, for tests of the slicing. */
  create(
    arch: TokenClassifierArch,
    options: TrainGraphOptions,
    device: Device = 'cpu',
    tuning: { updateSlice?: number } = {},
  ): Promise<TrainStepper> {
    return options.k === 1
      ? SplitStepper.open(arch, options, device, tuning.updateSlice)
      : LoopStepper.open(arch, options, device)
  },
}
