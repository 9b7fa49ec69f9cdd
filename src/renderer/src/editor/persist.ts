/**
 * Writes editor commands to the project through the API. The editor model works with its own span
 * ids (so a command recorded before a span reached storage can still be undone); this module maps
 * them to stored ids and serialises writes so an undo issued while an add is in flight waits for it.
 */
import type { StoredSpan } from '../../../shared/api/features/documents'
import type { Suggestion as StoredSuggestion } from '../../../shared/api/features/suggestions'
import { ApiError } from '../../../shared/api/errors'
import type { Api } from '../../../shared/api/rpc'
import type { Command, Span, Suggestion } from './model'

const STORED_PREFIX = 'db:'
const SUGGESTION_PREFIX = 'sg:'

/** A stored suggestion as the editor model sees it; patterns without a score count as certain. */
export function suggestionFromStored(s: StoredSuggestion): Suggestion {
  return {
    id: `${SUGGESTION_PREFIX}${s.id}`,
    start: s.start,
    end: s.end,
    label: s.label,
    confidence: s.score ?? 1,
    source: s.source,
  }
}

function storedSuggestionId(s: Suggestion): number {
  return Number(s.id.slice(SUGGESTION_PREFIX.length))
}

/** Session-wide map between editor span ids and stored span ids. */
export class SpanIds {
  private readonly toStored = new Map<string, number>()
  private readonly toEditor = new Map<number, string>()

  /**
   * The editor view of a span loaded from storage. A span this session created keeps the id its
   * commands use, so undoing them after the document is reopened still finds it.
   */
  fromStored(s: StoredSpan): Span {
    const id = this.toEditor.get(s.id) ?? `${STORED_PREFIX}${s.id}`
    this.bind(id, s.id)
    return { id, start: s.start, end: s.end, label: s.label, source: s.source }
  }

  bind(editorId: string, storedId: number): void {
    this.toStored.set(editorId, storedId)
    this.toEditor.set(storedId, editorId)
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
    source: span.source,
  })
  ids.bind(span.id, stored.id)
}

async function drop(api: Api, ids: SpanIds, span: Span): Promise<void> {
  const id = ids.stored(span.id)
  // A span that never reached storage (its add failed) has nothing to delete.
  if (id !== undefined) await api.invoke('spans.delete', { id })
}

type SuggestionCommand = Extract<
  Command,
  { kind: 'acceptSuggestion' | 'unacceptSuggestion' | 'rejectSuggestion' | 'restoreSuggestion' }
>

/**
 * Suggestion decisions of one kind go to storage in one call, so accepting 300 suggestions above a
 * threshold is one request and one transaction, like the one undo step it is in the editor.
 */
async function writeSuggestions(api: Api, ids: SpanIds, cmds: readonly SuggestionCommand[]): Promise<void> {
  const kind = cmds[0]?.kind
  if (!kind) return
  const stored = cmds.map((c) => storedSuggestionId(c.suggestion))
  if (kind === 'acceptSuggestion' || kind === 'rejectSuggestion') {
    const decision = kind === 'acceptSuggestion' ? 'accepted' : 'rejected'
    const result = await api.invoke('suggestions.decide', { ids: stored, decision })
    for (const c of cmds) {
      const created = result.createdSpans.find((x) => x.suggestionId === storedSuggestionId(c.suggestion))
      if (c.kind === 'acceptSuggestion' && created) ids.bind(c.span.id, created.spanId)
    }
    const skipped = result.skipped[0]
    if (skipped) throw new ApiError('conflict', skipped.reason)
    return
  }
  await api.invoke('suggestions.undecide', { ids: stored })
  // Undeciding removes the span the acceptance created; a span re-added since (undo of a delete)
  // is a different row, so remove it too. The created one is already gone, which is fine.
  for (const c of cmds) {
    if (c.kind !== 'unacceptSuggestion') continue
    const id = ids.stored(c.span.id)
    if (id !== undefined) await api.invoke('spans.delete', { id }).catch(() => undefined)
  }
}

function isSuggestionCommand(c: Command): c is SuggestionCommand {
  return ['acceptSuggestion', 'unacceptSuggestion', 'rejectSuggestion', 'restoreSuggestion'].includes(c.kind)
}

async function write(api: Api, ids: SpanIds, cmd: Command): Promise<void> {
  if (isSuggestionCommand(cmd)) return writeSuggestions(api, ids, [cmd])
  switch (cmd.kind) {
    case 'addSpan':
      return add(api, ids, cmd.docId, cmd.span)
    case 'deleteSpan':
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
    case 'batch': {
      const first = cmd.commands[0]
      if (first && isSuggestionCommand(first) && cmd.commands.every((c) => c.kind === first.kind)) {
        return writeSuggestions(api, ids, cmd.commands as SuggestionCommand[])
      }
      for (const c of cmd.commands) await write(api, ids, c)
      return
    }
    default:
      return
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
