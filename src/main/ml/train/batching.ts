/**
 * Batching by length: sentences go to the smallest length bucket that holds them, batches are cut
 * within a bucket (little padding), and up to K batches of one bucket form one run of the
 * training graph. Each bucket length has its own fixed-shape training session.
 */
import type { EncodedSentence } from '../data/types'
import type { FeatureSpec } from '../models/types'
import { IGNORE_INDEX } from './loss'
import type { Rng } from '../rng'
import type { StackedBatch } from './stepper'

export function bucketLengths(maxLen: number): number[] {
  const out: number[] = []
  for (let s = 16; s < maxLen; s *= 2) out.push(s)
  out.push(maxLen)
  return out
}

export function bucketOf(length: number, buckets: readonly number[]): number {
  const b = buckets.find((s) => s >= length)
  if (b === undefined) throw new Error(`A sentence of ${length} pieces exceeds the longest bucket.`)
  return b
}

export interface Run {
  seq: number
  /** K' ≤ K batches of example indexes (each ≤ batch size). */
  batches: number[][]
}

export function groupByBucket(
  examples: readonly EncodedSentence[],
  buckets: readonly number[],
): Map<number, number[]> {
  const by = new Map<number, number[]>()
  examples.forEach((e, i) => {
    const b = bucketOf(Math.max(1, e.length), buckets)
    by.set(b, [...(by.get(b) ?? []), i])
  })
  return by
}

/** Optimizer steps per epoch (does not depend on the shuffle). */
export function stepsPerEpoch(groups: Map<number, number[]>, batch: number): number {
  let n = 0
  for (const idx of groups.values()) n += Math.ceil(idx.length / batch)
  return n
}

/** One epoch's runs: shuffled within buckets, cut into batches, grouped by K, runs shuffled. */
export function epochRuns(groups: Map<number, number[]>, batch: number, k: number, rng: Rng): Run[] {
  const runs: Run[] = []
  for (const [seq, idx] of [...groups].sort(([a], [b]) => a - b)) {
    const order = rng.shuffle([...idx])
    const batches: number[][] = []
    for (let i = 0; i < order.length; i += batch) batches.push(order.slice(i, i + batch))
    for (let i = 0; i < batches.length; i += k) runs.push({ seq, batches: batches.slice(i, i + k) })
  }
  return rng.shuffle(runs)
}

/** Stacks a run's batches into [K, B, S(, width)] arrays; missing rows and runs are padding. */
export function stackRun(
  examples: readonly EncodedSentence[],
  run: Run,
  featureSpecs: readonly FeatureSpec[],
  batch: number,
  k: number,
): { stacked: StackedBatch; tokens: number } {
  const S = run.seq
  const size = k * batch * S
  const features: Record<string, BigInt64Array> = {}
  for (const f of featureSpecs) features[f.name] = new BigInt64Array(size * (f.width ?? 1))
  const labels = new BigInt64Array(size).fill(BigInt(IGNORE_INDEX))
  let tokens = 0
  run.batches.forEach((b, ki) =>
    b.forEach((ex, bi) => {
      const e = examples[ex]!
      const base = (ki * batch + bi) * S
      for (const f of featureSpecs) {
        const w = f.width ?? 1
        const src = e.features[f.name]!
        const dst = features[f.name]!
        for (let t = 0; t < e.length * w; t++) dst[base * w + t] = BigInt(src[t]!)
      }
      for (let t = 0; t < e.length; t++) labels[base + t] = BigInt(e.labels[t]!)
      tokens += e.length
    }),
  )
  return { stacked: { features, labels }, tokens }
}
