/**
 * Writes editor commands to the project through the API. The editor model works with its own span
 * ids (so a command recorded before a span reached storage can still be undone); this module maps
 * them to stored ids and serialises writes so an undo issued while an add is in flight waits for it.
 */
import type { StoredSpan } from '../../../shared/api/features/documents'
import type { Api } from '../../../shared/api/rpc'
import type { Command, Span } from './model'

const STORED_PREFIX = 'db:'

/** Session-wide map between editor span ids and stored span ids. */
export class SpanIds {
  private readonly toStored = new Map<string, number>()

  /** The editor id of a span loaded from storage. */
  fromStored(s: StoredSpan): Span {
    const id = `${STORED_PREFIX}${s.id}`
    this.toStored.set(id, s.id)
    return { id, start: s.start, end: s.end, label: s.label, source: s.source }
  }

  bind(editorId: string, storedId: number): void {
    this.toStored.set(editorId, storedId)
  }

  stored(editorId: string): number | undefined {
    return this.toStored.get(editorId)
  }
}

async function add(api: Api, ids: SpanIds, docId: string, span: Span): Promise<void> {
  const stored = await api.invoke('spans.add', {
    documentId: Number(docId),
    start: span.start,
    end: span.end,
    label: span.label,
  })
  ids.bind(span.id, stored.id)
}

async function drop(api: Api, ids: SpanIds, span: Span): Promise<void> {
  const id = ids.stored(span.id)
  // A span that never reached storage (its add failed) has nothing to delete.
  if (id !== undefined) await api.invoke('spans.delete', { id })
}

async function write(api: Api, ids: SpanIds, cmd: Command): Promise<void> {
  switch (cmd.kind) {
    case 'addSpan':
    case 'acceptSuggestion':
      return add(api, ids, cmd.docId, cmd.span)
    case 'deleteSpan':
    case 'unacceptSuggestion':
      return drop(api, ids, cmd.span)
    case 'replaceSpan': {
      const id = ids.stored(cmd.before.id)
      if (id !== undefined && cmd.before.start === cmd.after.start && cmd.before.end === cmd.after.end) {
        await api.invoke('spans.relabel', { id, label: cmd.after.label })
        ids.bind(cmd.after.id, id)
        return
      }
      await drop(api, ids, cmd.before)
      return add(api, ids, cmd.docId, cmd.after)
    }
    case 'setStatus':
      await api.invoke('documents.setStatus', { id: Number(cmd.docId), status: cmd.to })
      return
    case 'rejectSuggestion':
    case 'restoreSuggestion':
      // Suggestions are not stored yet; their decisions live in the editor session.
      return
    case 'batch':
      for (const c of cmd.commands) await write(api, ids, c)
  }
}

/** Runs writes one after another; a failed write rejects its own promise and the queue goes on. */
export function createWriter(api: Api, ids: SpanIds): (cmd: Command) => Promise<void> {
  let tail: Promise<void> = Promise.resolve()
  return (cmd) => {
    const run = tail.then(() => write(api, ids, cmd))
    tail = run.catch(() => {})
    return run
  }
}
