/**
 * spaCy / Prodigy JSONL: `{"text", "spans": [{"start", "end", "label"}], "tokens"?, "meta"?}`,
 * offsets in Unicode code points. Prodigy tokens (`{"text", "start", "end", "id", "ws"}`) are kept
 * as token offsets, and exported again with `token_start` / `token_end` on spans, as Prodigy's
 * manual NER interface expects. Prodigy answers 'reject' and 'ignore' are not annotations of the
 * text, so those records are left out (with a warning), as Prodigy's own training export does.
 */
import type { DocumentInput, SpanInput, TokenOffsets } from '../../shared/types'
import { createOffsetMap } from '../../shared/text/offsets'
import { spansToTokenChunks } from '../../shared/text/tags'
import { ExportReportBuilder, ImportReportBuilder } from './report'
import { decodeText, fail, forEachJsonLine } from './source'
import { readSpans, toUtf16Offset, type RawSpan, type SpanContext } from './spans'
import type { ExportOptions, ImportOptions, ParseResult, SerializeResult } from './types'

export function requireText(record: Record<string, unknown>, fileName: string, line: number): string {
  const text = record.text
  if (typeof text !== 'string')
    fail(fileName, line, `"text" must be a string, not ${JSON.stringify(text) ?? 'missing'}.`)
  return text
}

function readTokens(text: string, raw: unknown, ctx: SpanContext): TokenOffsets[] {
  if (!Array.isArray(raw)) fail(ctx.fileName, ctx.line, '"tokens" must be a list of {start, end} objects.')
  const map = createOffsetMap(text)
  const tokens: TokenOffsets[] = []
  let prevEnd = 0
  raw.forEach((t: unknown, i) => {
    const what = `tokens[${i}]`
    const o = t as Record<string, unknown> | null
    if (typeof o !== 'object' || o === null)
      fail(ctx.fileName, ctx.line, `${what} must be an object with start and end.`)
    if (
      typeof o.start !== 'number' ||
      !Number.isInteger(o.start) ||
      typeof o.end !== 'number' ||
      !Number.isInteger(o.end)
    )
      fail(ctx.fileName, ctx.line, `${what} needs whole-number start and end.`)
    const start = toUtf16Offset(o.start, `${what} start`, text, map, ctx)
    const end = toUtf16Offset(o.end, `${what} end`, text, map, ctx)
    if (end <= start || start < prevEnd)
      fail(ctx.fileName, ctx.line, `${what} (${o.start}-${o.end}) is empty or overlaps the token before it.`)
    tokens.push({ start, end })
    prevEnd = end
  })
  return tokens
}

export function parseSpacy(
  content: string | Uint8Array,
  fileName: string,
  options: ImportOptions = {},
): ParseResult {
  const text = decodeText(content, fileName)
  const report = new ImportReportBuilder('spacy', fileName)
  const documents: DocumentInput[] = []
  let tokenCount = 0
  let anyTokens = false
  forEachJsonLine(text, fileName, (record, line) => {
    const docText = requireText(record, fileName, line)
    if (record.answer === 'reject' || record.answer === 'ignore') {
      report.warn(line, `the Prodigy answer is '${record.answer}', so the record is left out.`)
      return
    }
    const ctx: SpanContext = { fileName, line, report, options }
    if (record.spans === undefined && (Array.isArray(record.entities) || Array.isArray(record.label)))
      fail(
        fileName,
        line,
        'the record has doccano-style "entities"/"label" but no "spans"; import the file as doccano.',
      )
    const rawSpans = record.spans ?? []
    if (!Array.isArray(rawSpans))
      fail(fileName, line, '"spans" must be a list of {start, end, label} objects.')
    const raw: RawSpan[] = rawSpans.map((s: unknown, i) => {
      if (typeof s !== 'object' || s === null || Array.isArray(s))
        fail(fileName, line, `spans[${i}] must be an object with start, end and label.`)
      const o = s as Record<string, unknown>
      return { start: o.start, end: o.end, label: o.label, what: `spans[${i}]`, text: o.text }
    })
    const spans = readSpans(docText, raw, ctx)
    const doc: DocumentInput = { text: docText, spans }
    if (record.tokens !== undefined) {
      doc.tokens = readTokens(docText, record.tokens, ctx)
      tokenCount += doc.tokens.length
      anyTokens = true
    }
    const meta = record.meta
    if (typeof meta === 'object' && meta !== null && !Array.isArray(meta))
      doc.meta = meta as Record<string, unknown>
    report.addSpans(spans)
    documents.push(doc)
  })
  report.documents = documents.length
  return { documents, report: report.build(anyTokens ? { tokens: tokenCount } : {}) }
}

/** Offset writer for one text in the unit asked for. */
export function offsetWriter(text: string, options: ExportOptions): (utf16: number) => number {
  if (options.offsets === 'utf16') return (u) => u
  const map = createOffsetMap(text)
  return (u) => map.toCodePoint(u)
}

/** Spans sorted by position, so exports are stable whatever order the store returned. */
export function sortedSpans(spans: readonly SpanInput[]): SpanInput[] {
  return [...spans].sort(
    (a, b) => a.start - b.start || a.end - b.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0),
  )
}

export function serializeSpacy(
  documents: readonly DocumentInput[],
  options: ExportOptions = {},
): SerializeResult {
  const report = new ExportReportBuilder('spacy')
  const lines: string[] = []
  for (const doc of documents) {
    const off = offsetWriter(doc.text, options)
    const spans = sortedSpans(doc.spans)
    const record: Record<string, unknown> = { text: doc.text }
    if (doc.tokens) {
      const tokens = doc.tokens
      record.spans = spans.map((s) => {
        const out: Record<string, unknown> = { start: off(s.start), end: off(s.end), label: s.label }
        // One span at a time: overlapping spans (kept with overlap 'allow') still get their tokens.
        const c = spansToTokenChunks(tokens, [s]).chunks[0]
        if (c) {
          out.token_start = c.start
          out.token_end = c.end - 1
        }
        return out
      })
      record.tokens = tokens.map((t, i) => ({
        text: doc.text.slice(t.start, t.end),
        start: off(t.start),
        end: off(t.end),
        id: i,
        ws: /^\s/u.test(doc.text.slice(t.end, t.end + 1)),
      }))
    } else {
      record.spans = spans.map((s) => ({ start: off(s.start), end: off(s.end), label: s.label }))
    }
    if (doc.meta && Object.keys(doc.meta).length > 0) record.meta = doc.meta
    lines.push(JSON.stringify(record))
    report.addSpans(spans)
    report.records++
  }
  report.documents = documents.length
  return { content: lines.length ? lines.join('\n') + '\n' : '', report: report.build() }
}
