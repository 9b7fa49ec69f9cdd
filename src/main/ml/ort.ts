/**
 * The one place that creates ONNX Runtime sessions, so every graph runs with the same thread and
 * optimisation settings and the execution-provider choice (CUDA when it loads, else CPU) is made
 * once with a reason the UI can show.
 */
import * as ort from 'onnxruntime-node'
import type { DType } from './graph/graph'

export type Device = 'cpu' | 'cuda' | 'auto'

export interface SessionInfo {
  session: ort.InferenceSession
  /** The execution provider actually used. */
  provider: 'cpu' | 'cuda'
  /** Why this provider was chosen, as a sentence for the user. */
  reason: string
}

const BASE_OPTIONS: ort.InferenceSession.SessionOptions = {
  intraOpNumThreads: 2,
  interOpNumThreads: 1,
  graphOptimizationLevel: 'all',
}

/**
 * Large training graphs hold parameters, both Adam moments and their updated copies at once; ONNX
 * Runtime's CPU arena and pre-planned memory patterns then keep the whole peak reserved between runs.
 * Without them the peak is about a sixth lower for a BERT-base-width model at nearly the same CPU time
 * per step (measured in bench/ml-train.ts), so sessions for big models turn them off.
 */
const LOW_MEMORY_OPTIONS: ort.InferenceSession.SessionOptions = {
  enableCpuMemArena: false,
  enableMemPattern: false,
}

/**
 * After a run, ONNX Runtime's pool threads spin for a while waiting for more work. Sessions that run
 * in turn (a split training step alternates three) would spin against each other on a 2-core
 * machine: measured, that made the optimizer half of a BERT-base-width step take twice as long.
 */
const NO_SPINNING_OPTIONS: ort.InferenceSession.SessionOptions = {
  extra: { session: { intra_op: { allow_spinning: '0' } } },
}

export interface SessionTuning {
  /** Big models: no CPU arena or memory patterns (see LOW_MEMORY_OPTIONS). */
  lowMemory?: boolean
  /** Set false for sessions that alternate with others. */
  spinning?: boolean
}

export async function createSession(
  model: Uint8Array,
  device: Device = 'cpu',
  options: SessionTuning = {},
): Promise<SessionInfo> {
  const base = {
    ...BASE_OPTIONS,
    ...(options.lowMemory ? LOW_MEMORY_OPTIONS : {}),
    ...(options.spinning === false ? NO_SPINNING_OPTIONS : {}),
  }
  if (device === 'cpu') {
    const session = await ort.InferenceSession.create(model, { ...base, executionProviders: ['cpu'] })
    return { session, provider: 'cpu', reason: 'CPU was requested.' }
  }
  try {
    const session = await ort.InferenceSession.create(model, {
      ...base,
      executionProviders: ['cuda', 'cpu'],
    })
    return { session, provider: 'cuda', reason: 'The CUDA execution provider loaded.' }
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err)
    const session = await ort.InferenceSession.create(model, { ...base, executionProviders: ['cpu'] })
    const reason = `Training runs on the CPU because the CUDA execution provider could not be loaded (${why}).`
    return { session, provider: 'cpu', reason }
  }
}

export type HostArray = Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array

export function ortTensor(dtype: DType, data: HostArray, dims: readonly number[]): ort.Tensor {
  return new ort.Tensor(dtype, data as never, dims)
}

export function floatArray(dtype: 'float32' | 'float64', n: number): Float32Array | Float64Array {
  return dtype === 'float32' ? new Float32Array(n) : new Float64Array(n)
}

export { ort }
