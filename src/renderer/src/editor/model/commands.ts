/**
 * Edits as invertible data. Every change the editor makes to a document's annotations is one of
 * these commands, so undo is "apply the inverse" and the same command list can be persisted,
 * replayed or sent over IPC. A command lowers to primitive effects; applying a command locally and
 * writing it to storage both start from those effects, so the two cannot drift apart.
 */
import type { DocStatus } from '../../../../shared/types'
import type { Span } from './spans'
import { insertSpan, removeSpan, sortSpans } from './spans'

export interface Suggestion {
  id: string
  start: number
  end: number
  label: string
  /** Model probability or pattern score in [0, 1]. */
  confidence: number
  source: 'model' | 'pattern'
}

/**
 * What the editor holds for one document. Spans and suggestions are kept sorted (build it with
 * docAnnotations) so that undo restores not just the same items but the same order.
 */
export interface DocAnnotations {
  docId: string
  spans: readonly Span[]
  /** Suggestions still waiting for a decision. */
  suggestions: readonly Suggestion[]
  status: DocStatus
}

export function compareSuggestions(a: Suggestion, b: Suggestion): number {
  return a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

export function docAnnotations(
  docId: string,
  spans: readonly Span[],
  suggestions: readonly Suggestion[] = [],
  status: DocStatus = 'todo',
): DocAnnotations {
  return { docId, spans: sortSpans(spans), suggestions: [...suggestions].sort(compareSuggestions), status }
}

export type Command =
  | { kind: 'addSpan'; docId: string; span: Span }
  | { kind: 'deleteSpan'; docId: string; span: Span }
  /** Relabel (or any in-place change of one span); `before` makes it invertible. */
  | { kind: 'replaceSpan'; docId: string; before: Span; after: Span }
  | { kind: 'acceptSuggestion'; docId: string; suggestion: Suggestion; span: Span }
  | { kind: 'unacceptSuggestion'; docId: string; suggestion: Suggestion; span: Span }
  | { kind: 'rejectSuggestion'; docId: string; suggestion: Suggestion }
  | { kind: 'restoreSuggestion'; docId: string; suggestion: Suggestion }
  | { kind: 'setStatus'; docId: string; from: DocStatus; to: DocStatus }
  /** Bulk actions (accept all above a threshold) undo and redo as one step. */
  | { kind: 'batch'; description: string; commands: readonly Command[] }

export type Effect =
  | { op: 'putSpan'; docId: string; span: Span }
  | { op: 'dropSpan'; docId: string; spanId: string }
  | { op: 'putSuggestion'; docId: string; suggestion: Suggestion }
  | { op: 'dropSuggestion'; docId: string; suggestionId: string }
  | { op: 'setStatus'; docId: string; status: DocStatus }

export function inverse(cmd: Command): Command {
  switch (cmd.kind) {
    case 'addSpan':
      return { kind: 'deleteSpan', docId: cmd.docId, span: cmd.span }
    case 'deleteSpan':
      return { kind: 'addSpan', docId: cmd.docId, span: cmd.span }
    case 'replaceSpan':
      return { kind: 'replaceSpan', docId: cmd.docId, before: cmd.after, after: cmd.before }
    case 'acceptSuggestion':
      return { kind: 'unacceptSuggestion', docId: cmd.docId, suggestion: cmd.suggestion, span: cmd.span }
    case 'unacceptSuggestion':
      return { kind: 'acceptSuggestion', docId: cmd.docId, suggestion: cmd.suggestion, span: cmd.span }
    case 'rejectSuggestion':
      return { kind: 'restoreSuggestion', docId: cmd.docId, suggestion: cmd.suggestion }
    case 'restoreSuggestion':
      return { kind: 'rejectSuggestion', docId: cmd.docId, suggestion: cmd.suggestion }
    case 'setStatus':
      return { kind: 'setStatus', docId: cmd.docId, from: cmd.to, to: cmd.from }
    case 'batch':
      // Undo a bulk action in reverse order so each inverse meets the state its command left.
      return {
        kind: 'batch',
        description: cmd.description,
        commands: [...cmd.commands].reverse().map(inverse),
      }
  }
}

export function effects(cmd: Command): Effect[] {
  switch (cmd.kind) {
    case 'addSpan':
      return [{ op: 'putSpan', docId: cmd.docId, span: cmd.span }]
    case 'deleteSpan':
      return [{ op: 'dropSpan', docId: cmd.docId, spanId: cmd.span.id }]
    case 'replaceSpan':
      return [
        { op: 'dropSpan', docId: cmd.docId, spanId: cmd.before.id },
        { op: 'putSpan', docId: cmd.docId, span: cmd.after },
      ]
    case 'acceptSuggestion':
      return [
        { op: 'dropSuggestion', docId: cmd.docId, suggestionId: cmd.suggestion.id },
        { op: 'putSpan', docId: cmd.docId, span: cmd.span },
      ]
    case 'unacceptSuggestion':
      return [
        { op: 'dropSpan', docId: cmd.docId, spanId: cmd.span.id },
        { op: 'putSuggestion', docId: cmd.docId, suggestion: cmd.suggestion },
      ]
    case 'rejectSuggestion':
      return [{ op: 'dropSuggestion', docId: cmd.docId, suggestionId: cmd.suggestion.id }]
    case 'restoreSuggestion':
      return [{ op: 'putSuggestion', docId: cmd.docId, suggestion: cmd.suggestion }]
    case 'setStatus':
      return [{ op: 'setStatus', docId: cmd.docId, status: cmd.to }]
    case 'batch':
      return cmd.commands.flatMap(effects)
  }
}

/** Documents a command touches: undo may reach a document that is no longer open. */
export function documentsOf(cmd: Command): string[] {
  return [...new Set(effects(cmd).map((e) => e.docId))]
}

function applyEffect(doc: DocAnnotations, e: Effect): DocAnnotations {
  if (e.docId !== doc.docId) return doc
  switch (e.op) {
    case 'putSpan':
      // Idempotent: replaying an add after storage already has the span must not duplicate it.
      return { ...doc, spans: insertSpan(removeSpan(doc.spans, e.span.id), e.span) }
    case 'dropSpan':
      return { ...doc, spans: removeSpan(doc.spans, e.spanId) }
    case 'putSuggestion': {
      const rest = doc.suggestions.filter((s) => s.id !== e.suggestion.id)
      return {
        ...doc,
        suggestions: [...rest, e.suggestion].sort((a, b) => a.start - b.start || a.end - b.end),
      }
    }
    case 'dropSuggestion':
      return { ...doc, suggestions: doc.suggestions.filter((s) => s.id !== e.suggestionId) }
    case 'setStatus':
      return { ...doc, status: e.status }
  }
}

/** Applies the parts of a command that concern this document; other documents' parts are ignored. */
export function applyCommand(doc: DocAnnotations, cmd: Command): DocAnnotations {
  return effects(cmd).reduce(applyEffect, doc)
}

/** A short phrase for "Undo …" / "Redo …" menu items and toasts. */
export function describeCommand(cmd: Command): string {
  switch (cmd.kind) {
    case 'addSpan':
      return `add ${cmd.span.label} span`
    case 'deleteSpan':
      return `delete ${cmd.span.label} span`
    case 'replaceSpan':
      return cmd.before.label === cmd.after.label
        ? `change ${cmd.after.label} span`
        : `relabel ${cmd.before.label} as ${cmd.after.label}`
    case 'acceptSuggestion':
      return `accept ${cmd.suggestion.label} suggestion`
    case 'unacceptSuggestion':
      return `take back ${cmd.suggestion.label} suggestion`
    case 'rejectSuggestion':
      return `reject ${cmd.suggestion.label} suggestion`
    case 'restoreSuggestion':
      return `restore ${cmd.suggestion.label} suggestion`
    case 'setStatus':
      return `mark document ${cmd.to}`
    case 'batch':
      return cmd.description
  }
}
