/**
 * Suggestions proposed by a model or a pattern, decided one by one or in bulk above a confidence
 * threshold. Bulk acceptance is greedy by confidence, so when two suggestions compete for the same
 * characters the more confident one wins and the other is reported as skipped with its reason.
 */
import type { Command, DocAnnotations, Suggestion } from './commands'
import type { Plan } from './intents'
import type { Span, SpanRules } from './spans'
import { checkNewSpan, newSpanId } from './spans'
import type { DocText } from './tokens'

/** Suggestions worth showing: those not already present as an identical span. */
export function openSuggestions(ann: DocAnnotations): Suggestion[] {
  const have = new Set(ann.spans.map((s) => `${s.start}:${s.end}:${s.label}`))
  return ann.suggestions.filter((s) => !have.has(`${s.start}:${s.end}:${s.label}`))
}

export function suggestionsAbove(suggestions: readonly Suggestion[], threshold: number): Suggestion[] {
  return suggestions.filter((s) => s.confidence >= threshold)
}

function spanFrom(s: Suggestion, makeId: () => string): Span {
  return { id: makeId(), start: s.start, end: s.end, label: s.label, source: s.source }
}

export function planAcceptSuggestion(
  doc: DocText,
  ann: DocAnnotations,
  suggestionId: string,
  rules: SpanRules = {},
  makeId: () => string = newSpanId,
): Plan {
  const suggestion = ann.suggestions.find((s) => s.id === suggestionId)
  if (!suggestion) return { ok: false, reason: 'That suggestion has already been accepted or rejected.' }
  const check = checkNewSpan(doc, ann.spans, suggestion, rules)
  if (!check.ok) return check
  return {
    ok: true,
    command: { kind: 'acceptSuggestion', docId: ann.docId, suggestion, span: spanFrom(suggestion, makeId) },
  }
}

export function planRejectSuggestion(ann: DocAnnotations, suggestionId: string): Plan {
  const suggestion = ann.suggestions.find((s) => s.id === suggestionId)
  if (!suggestion) return { ok: false, reason: 'That suggestion has already been accepted or rejected.' }
  return { ok: true, command: { kind: 'rejectSuggestion', docId: ann.docId, suggestion } }
}

export interface BulkPlan {
  /** One batch command (one undo step), or null when nothing qualifies. */
  command: Command | null
  accepted: Suggestion[]
  skipped: { suggestion: Suggestion; reason: string }[]
}

function percent(x: number): string {
  return `${Math.round(x * 100)}%`
}

/** Accepts every suggestion with confidence >= threshold that fits next to the existing spans. */
export function planAcceptAbove(
  doc: DocText,
  ann: DocAnnotations,
  threshold: number,
  rules: SpanRules = {},
  makeId: () => string = newSpanId,
): BulkPlan {
  const candidates = suggestionsAbove(ann.suggestions, threshold).sort(
    (a, b) => b.confidence - a.confidence || a.start - b.start,
  )
  let spans: Span[] = [...ann.spans]
  const commands: Command[] = []
  const accepted: Suggestion[] = []
  const skipped: BulkPlan['skipped'] = []
  for (const suggestion of candidates) {
    const check = checkNewSpan(doc, spans, suggestion, rules)
    if (!check.ok) {
      skipped.push({ suggestion, reason: check.reason })
      continue
    }
    const span = spanFrom(suggestion, makeId)
    spans = [...spans, span]
    accepted.push(suggestion)
    commands.push({ kind: 'acceptSuggestion', docId: ann.docId, suggestion, span })
  }
  const description = `accept ${accepted.length} suggestion${accepted.length === 1 ? '' : 's'} at ${percent(threshold)} or more`
  return { command: commands.length > 0 ? { kind: 'batch', description, commands } : null, accepted, skipped }
}

/** Rejects everything still open (the "reject the rest" step after reviewing a document). */
export function planRejectAll(ann: DocAnnotations): Command | null {
  if (ann.suggestions.length === 0) return null
  const commands: Command[] = ann.suggestions.map((suggestion) => ({
    kind: 'rejectSuggestion',
    docId: ann.docId,
    suggestion,
  }))
  const n = commands.length
  return { kind: 'batch', description: `reject ${n} suggestion${n === 1 ? '' : 's'}`, commands }
}
