/**
 * What outlives one document in an editing session: the undo history (session-wide, so Ctrl+Z can
 * reach back into the previous document), the editor-to-stored span id map and the write queue.
 * Module state is deliberate here: the renderer has one session, and the history must survive the
 * editor page unmounting when the user visits another page and comes back.
 */
import { useSyncExternalStore } from 'react'
import type { Api } from '../../../shared/api/rpc'
import type { Command, History } from './model'
import { emptyHistory } from './model'
import { SpanIds, createWriter } from './persist'

let history: History = emptyHistory()
const listeners = new Set<() => void>()

export function getHistory(): History {
  return history
}

export function setHistory(next: History): void {
  history = next
  for (const l of listeners) l()
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function useHistory(): History {
  return useSyncExternalStore(subscribe, getHistory)
}

export const spanIds = new SpanIds()

const writers = new WeakMap<Api, (cmd: Command) => Promise<void>>()

/** One serialised write queue per API client. */
export function writerFor(api: Api): (cmd: Command) => Promise<void> {
  let w = writers.get(api)
  if (!w) {
    w = createWriter(api, spanIds)
    writers.set(api, w)
  }
  return w
}
