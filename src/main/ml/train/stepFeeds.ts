/** What both steppers feed and check: schedule scalars, stacked batches, graph inputs. */
import { featureShape, type TokenClassifierArch } from '../models/types'
import { ortTensor, type ort } from '../ort'
import type { Schedule, StackedBatch } from './stepper'

/** Models above this many parameters train in low-memory sessions (see ort.ts). */
export const LOW_MEMORY_PARAMETERS = 10_000_000

export const parameterCount = (arch: TokenClassifierArch): number =>
  arch.params.reduce((n, p) => n + p.shape.reduce((a, b) => a * b, 1), 0)

export const scalarFeed = (x: number): ort.Tensor => ortTensor('float32', Float32Array.of(x), [])

export const scheduleFeeds = (step: number, sched: Schedule): Record<string, ort.Tensor> => ({
  step: scalarFeed(step),
  peak_lr: scalarFeed(sched.peakLr),
  warmup_steps: scalarFeed(sched.warmupSteps),
  total_steps: scalarFeed(sched.totalSteps),
})

/** K stacked batches as the graphs' feature inputs and `labels`, all [K, B, S(, width)]. */
export function batchFeeds(
  arch: TokenClassifierArch,
  shape: { k: number; batch: number; seq: number },
  batch: StackedBatch,
  feeds: Record<string, ort.Tensor>,
): void {
  const { k: K, batch: B, seq: S } = shape
  for (const f of arch.features) {
    feeds[f.name] = ortTensor('int64', batch.features[f.name]!, featureShape(f, K, B, S) as number[])
  }
  feeds.labels = ortTensor('int64', batch.labels, [K, B, S])
}

/** onnxruntime-node ignores feeds the graph does not declare, so a renamed input would fail silently. */
export function checkInputs(session: ort.InferenceSession, expected: string[], what: string): void {
  const actual = [...session.inputNames].sort()
  if ([...expected].sort().join('\n') !== actual.join('\n'))
    throw new Error(`The ${what} graph inputs do not match what the stepper feeds.`)
}
