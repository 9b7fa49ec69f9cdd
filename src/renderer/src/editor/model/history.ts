/**
 * The session-wide undo stack. It stores the commands as done; undo hands back the inverse to
 * apply and redo hands back the original, so the history never needs document state and works
 * across documents (the caller opens or writes the document named by the command).
 */
import type { Command } from './commands'
import { describeCommand, inverse } from './commands'

export interface History {
  readonly past: readonly Command[]
  readonly future: readonly Command[]
  /** Oldest entries are dropped beyond this, so a long session stays bounded in memory. */
  readonly limit: number
}

export interface Step {
  history: History
  /** The command to apply now (already inverted for undo). */
  command: Command
}

export function emptyHistory(limit = 1000): History {
  return { past: [], future: [], limit }
}

/** Records a command that has just been applied; a new edit discards the redo branch. */
export function record(h: History, cmd: Command): History {
  const past = h.past.length >= h.limit ? h.past.slice(h.past.length - h.limit + 1) : h.past
  return { ...h, past: [...past, cmd], future: [] }
}

export function undo(h: History): Step | null {
  const last = h.past[h.past.length - 1]
  if (last === undefined) return null
  return { history: { ...h, past: h.past.slice(0, -1), future: [...h.future, last] }, command: inverse(last) }
}

export function redo(h: History): Step | null {
  const next = h.future[h.future.length - 1]
  if (next === undefined) return null
  return { history: { ...h, past: [...h.past, next], future: h.future.slice(0, -1) }, command: next }
}

export function canUndo(h: History): boolean {
  return h.past.length > 0
}

export function canRedo(h: History): boolean {
  return h.future.length > 0
}

/** "Undo add PER span", or null when there is nothing to undo. */
export function undoLabel(h: History): string | null {
  const last = h.past[h.past.length - 1]
  return last ? `Undo ${describeCommand(last)}` : null
}

export function redoLabel(h: History): string | null {
  const next = h.future[h.future.length - 1]
  return next ? `Redo ${describeCommand(next)}` : null
}
