/**
 * Turns per-word label scores into tags and spans: softmax, then Viterbi restricted to valid BIO
 * sequences (I-X only after B-X or I-X), then spans with a confidence (the mean probability of the
 * chosen tags over the span's words).
 */
import { chunks } from '../metrics'

export function softmaxRows(logits: Float32Array | Float64Array, rows: number, n: number): Float64Array {
  const out = new Float64Array(rows * n)
  for (let r = 0; r < rows; r++) {
    let max = -Infinity
    for (let j = 0; j < n; j++) max = Math.max(max, logits[r * n + j]!)
    let sum = 0
    for (let j = 0; j < n; j++) sum += out[r * n + j] = Math.exp(logits[r * n + j]! - max)
    for (let j = 0; j < n; j++) out[r * n + j]! /= sum
  }
  return out
}

/** allowed[i][j]: tag j may follow tag i; start[j]: tag j may begin a sentence. */
export function bioTransitions(labels: readonly string[]): { allowed: boolean[][]; start: boolean[] } {
  const parse = (t: string) =>
    t.startsWith('I-') ? { inside: true, type: t.slice(2) } : { inside: false, type: t.slice(2) }
  const start = labels.map((t) => !parse(t).inside)
  const allowed = labels.map((prev) =>
    labels.map((next) => {
      const n = parse(next)
      if (!n.inside) return true
      return (prev.startsWith('B-') || prev.startsWith('I-')) && prev.slice(2) === n.type
    }),
  )
  return { allowed, start }
}

export function viterbiBio(probs: Float64Array, rows: number, labels: readonly string[]): number[] {
  const n = labels.length
  if (rows === 0) return []
  const { allowed, start } = bioTransitions(labels)
  const lp = (r: number, j: number) => Math.log(Math.max(probs[r * n + j]!, 1e-30))
  let score = labels.map((_, j) => (start[j] ? lp(0, j) : -Infinity))
  const back: number[][] = []
  for (let r = 1; r < rows; r++) {
    const next: number[] = []
    const ptr: number[] = []
    for (let j = 0; j < n; j++) {
      let best = -Infinity
      let arg = 0
      for (let i = 0; i < n; i++) {
        if (!allowed[i]![j]) continue
        if (score[i]! > best) {
          best = score[i]!
          arg = i
        }
      }
      next.push(best + lp(r, j))
      ptr.push(arg)
    }
    back.push(ptr)
    score = next
  }
  let last = score.indexOf(Math.max(...score))
  const path = [last]
  for (let r = rows - 1; r >= 1; r--) {
    last = back[r - 1]![last]!
    path.push(last)
  }
  return path.reverse()
}

export interface WordSpan {
  label: string
  /** First word index. */
  start: number
  /** One past the last word index. */
  end: number
  confidence: number
}

export function spansFromTags(
  tags: readonly number[],
  probs: Float64Array,
  labels: readonly string[],
): WordSpan[] {
  const n = labels.length
  return chunks(tags.map((t) => labels[t]!)).map((c) => {
    let sum = 0
    for (let w = c.start; w < c.end; w++) sum += probs[w * n + tags[w]!]!
    return { label: c.type, start: c.start, end: c.end, confidence: sum / (c.end - c.start) }
  })
}
