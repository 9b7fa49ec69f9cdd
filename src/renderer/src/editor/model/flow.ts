/**
 * Moving through the document queue: next/previous, where "mark done" should land, and progress.
 * Kept apart from the editor state so the same rules serve the toolbar, the keymap and tests.
 */
import type { DocStatus } from '../../../../shared/types'

export interface Progress {
  total: number
  done: number
  skipped: number
  todo: number
  /** Done or skipped, as a fraction of total (0 for an empty project). */
  fraction: number
}

export function progress(statuses: readonly DocStatus[]): Progress {
  let done = 0
  let skipped = 0
  for (const s of statuses) {
    if (s === 'done') done++
    else if (s === 'skipped') skipped++
  }
  const total = statuses.length
  return {
    total,
    done,
    skipped,
    todo: total - done - skipped,
    fraction: total === 0 ? 0 : (done + skipped) / total,
  }
}

/** Previous/next document index, or null at either end of the queue. */
export function stepIndex(index: number, delta: 1 | -1, count: number): number | null {
  const next = index + delta
  return next >= 0 && next < count ? next : null
}

/**
 * Where to go after marking a document done or skipped: the next document still to do after the
 * current one, wrapping around to earlier ones, or null when every document is finished.
 */
export function nextTodo(statuses: readonly DocStatus[], from: number): number | null {
  const n = statuses.length
  for (let k = 1; k <= n; k++) {
    const i = (from + k) % n
    if (statuses[i] === 'todo') return i
  }
  return null
}
