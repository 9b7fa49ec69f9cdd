/**
 * User intents turned into commands. The component reports what the user did ("label this
 * selection PER", "delete the focused span"); these functions decide which command that means, or
 * refuse with the sentence to show. Nothing here writes anywhere: the caller applies the command,
 * records it in the history and persists its effects.
 */
import type { DocStatus } from '../../../../shared/types'
import type { Command, DocAnnotations } from './commands'
import type { Span, SpanRules } from './spans'
import { checkNewSpan, findSpan, newSpanId, quote } from './spans'
import type { DocText, Range } from './tokens'

export type Plan = { ok: true; command: Command } | { ok: false; reason: string }

/**
 * Label key pressed with a selection. Exactly an existing span: relabel it (the quick fix for a
 * wrong label); otherwise add a span, unless the rules refuse it.
 */
export function planLabel(
  doc: DocText,
  ann: DocAnnotations,
  range: Range,
  label: string,
  rules: SpanRules = {},
  makeId: () => string = newSpanId,
): Plan {
  const exact = ann.spans.find((s) => s.start === range.start && s.end === range.end)
  if (exact && exact.label !== label && !rules.allowOverlap) return planRelabel(doc, ann, exact.id, label)
  const candidate = { start: range.start, end: range.end, label }
  const check = checkNewSpan(doc, ann.spans, candidate, rules)
  if (!check.ok) return check
  const span: Span = { id: makeId(), ...candidate, source: 'manual' }
  return { ok: true, command: { kind: 'addSpan', docId: ann.docId, span } }
}

export function planRelabel(doc: DocText, ann: DocAnnotations, spanId: string, label: string): Plan {
  const before = findSpan(ann.spans, spanId)
  if (!before) return { ok: false, reason: 'That span no longer exists; it may have been deleted or undone.' }
  if (before.label === label) {
    return { ok: false, reason: `${quote(doc.text, before)} is already labelled ${label}.` }
  }
  // A person chose this label, so the span is manual now even if a model proposed it.
  const after: Span = { ...before, label, source: 'manual' }
  return { ok: true, command: { kind: 'replaceSpan', docId: ann.docId, before, after } }
}

export function planDelete(ann: DocAnnotations, spanId: string): Plan {
  const span = findSpan(ann.spans, spanId)
  if (!span) return { ok: false, reason: 'That span no longer exists; it may have been deleted or undone.' }
  return { ok: true, command: { kind: 'deleteSpan', docId: ann.docId, span } }
}

/** Mark done (Enter) or skip; marking a document with the status it has is a no-op refusal. */
export function planStatus(ann: DocAnnotations, to: DocStatus): Plan {
  if (ann.status === to) return { ok: false, reason: `This document is already marked ${to}.` }
  return { ok: true, command: { kind: 'setStatus', docId: ann.docId, from: ann.status, to } }
}
