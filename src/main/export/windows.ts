/**
 * Sliding windows over a long word sequence, so that no text is cut at the model's maxLen: each
 * window holds as many whole words as fit, the next one starts half a window later, and every word
 * takes its scores from the window where it sits farthest from an edge (most context on both
 * sides). predict.mjs and predict.py implement the same plan, so the package and the app agree.
 */

export interface WordWindow {
  /** First word. */
  start: number
  /** One past the last word. */
  end: number
}

/** pieceCounts: pieces per word; budget: pieces a window may hold (maxLen minus framing tokens). */
export function planWindows(pieceCounts: readonly number[], budget: number): WordWindow[] {
  const n = pieceCounts.length
  if (n === 0) return [{ start: 0, end: 0 }]
  const out: WordWindow[] = []
  let start = 0
  for (;;) {
    let end = start
    let used = 0
    while (end < n && used + pieceCounts[end]! <= budget) used += pieceCounts[end++]!
    // A single word longer than the budget gets a window of its own (its first piece is what counts).
    if (end === start) end = start + 1
    out.push({ start, end })
    if (end >= n) return out
    start += Math.max(1, Math.floor((end - start) / 2))
  }
}

/** For each word, the index of the window that gives it the most context. */
export function assignWords(windows: readonly WordWindow[], n: number): number[] {
  const best = new Array<number>(n).fill(0)
  const score = new Array<number>(n).fill(-1)
  windows.forEach((w, k) => {
    for (let i = w.start; i < w.end; i++) {
      const s = Math.min(i - w.start, w.end - 1 - i)
      if (s > score[i]!) {
        score[i] = s
        best[i] = k
      }
    }
  })
  return best
}
