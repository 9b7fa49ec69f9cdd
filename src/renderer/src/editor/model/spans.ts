/**
 * Span lists as immutable, sorted arrays plus the validity rules of a new span. The refusal reasons
 * are finished sentences because the editor shows them as they are (flat NER refuses overlaps, and
 * the user has to understand why nothing happened when a label key was pressed).
 */
import type { SpanInput, SpanSource } from '../../../../shared/types'
import type { DocText, Range } from './tokens'
import { isGraphemeBoundary } from './tokens'

export interface Span extends SpanInput {
  /** Stable identity for relabel/delete/undo; storage may use its own ids. */
  id: string
  source: SpanSource
}

export type Check = { ok: true } | { ok: false; reason: string }

export interface SpanRules {
  /** Nested NER allows overlapping spans; flat NER (the default) does not. */
  allowOverlap?: boolean
}

let idCounter = 0
const idPrefix = Math.floor(Math.random() * 36 ** 4).toString(36)

/** A session-unique span id; storage keeps its own ids, this only has to be unique while editing. */
export function newSpanId(): string {
  idCounter += 1
  return `s-${idPrefix}-${idCounter.toString(36)}`
}

export function compareSpans(a: SpanInput, b: SpanInput): number {
  return a.start - b.start || a.end - b.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0)
}

export function sortSpans<T extends SpanInput>(spans: readonly T[]): T[] {
  return [...spans].sort(compareSpans)
}

/** Two ranges overlap when they share at least one character (touching ends do not). */
export function overlaps(a: Range, b: Range): boolean {
  return a.start < b.end && b.start < a.end
}

export function spansOverlapping<T extends Range>(spans: readonly T[], range: Range): T[] {
  return spans.filter((s) => overlaps(s, range))
}

/** Spans covering an offset (one at most in flat NER), innermost first. */
export function spansAt<T extends Range>(spans: readonly T[], offset: number): T[] {
  return spans
    .filter((s) => s.start <= offset && offset < s.end)
    .sort((a, b) => a.end - a.start - (b.end - b.start))
}

export function findSpan<T extends { id: string }>(spans: readonly T[], id: string): T | undefined {
  return spans.find((s) => s.id === id)
}

/** A short quotation of document text for messages; never cuts a surrogate pair. */
export function quote(text: string, range: Range, max = 40): string {
  const chars = Array.from(text.slice(range.start, range.end))
  const body = chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('')
  return `“${body}”`
}

/** Whether a new span may be added; the reason names the characters and the conflicting span. */
export function checkNewSpan(
  doc: DocText,
  spans: readonly Span[],
  candidate: SpanInput,
  rules: SpanRules = {},
): Check {
  const { start, end, label } = candidate
  if (label.trim() === '') return { ok: false, reason: 'Choose a label before adding a span.' }
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > doc.text.length) {
    return {
      ok: false,
      reason: `The span ${start}–${end} lies outside the document, which has ${doc.text.length} characters.`,
    }
  }
  if (end <= start)
    return { ok: false, reason: 'The selection is empty; select at least one character to label.' }
  if (doc.text.slice(start, end).trim() === '') {
    return { ok: false, reason: 'The selection holds only whitespace; select a word to label.' }
  }
  for (const edge of [start, end]) {
    if (!isGraphemeBoundary(doc, edge)) {
      return {
        ok: false,
        reason: `The span would cut the character at offset ${edge} in two; spans begin and end between whole characters.`,
      }
    }
  }
  const same = spans.find((s) => s.start === start && s.end === end && s.label === label)
  if (same) return { ok: false, reason: `${quote(doc.text, same)} is already labelled ${label}.` }
  if (!rules.allowOverlap) {
    const other = spans.find((s) => overlaps(s, candidate))
    if (other) {
      return {
        ok: false,
        reason:
          `${quote(doc.text, candidate)} overlaps the ${other.label} span ${quote(doc.text, other)}; ` +
          'flat NER gives each character at most one label, so delete or relabel that span first.',
      }
    }
  }
  return { ok: true }
}

/** Inserts keeping the order; the caller has checked the span. */
export function insertSpan(spans: readonly Span[], span: Span): Span[] {
  let i = spans.length
  while (i > 0 && compareSpans(spans[i - 1]!, span) > 0) i--
  return [...spans.slice(0, i), span, ...spans.slice(i)]
}

export function removeSpan(spans: readonly Span[], id: string): Span[] {
  return spans.filter((s) => s.id !== id)
}

export function relabelSpan(spans: readonly Span[], id: string, label: string): Span[] {
  return sortSpans(spans.map((s) => (s.id === id ? { ...s, label } : s)))
}
