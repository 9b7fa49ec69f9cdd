/**
 * Checking and converting the spans of JSONL formats. Offsets arrive as code points (Python) or
 * UTF-16 units (JavaScript tools) and are stored as UTF-16; a span outside the text, splitting a
 * character, or (in flat mode) overlapping another rejects the whole file with its line.
 */
import type { SpanInput } from '../../shared/types'
import { createOffsetMap, splitsSurrogatePair, type OffsetMap } from '../../shared/text/offsets'
import type { ImportReportBuilder } from './report'
import { fail } from './source'
import type { ImportOptions } from './types'

/** A span as written in the file, before checks; `what` names it in messages ("spans[2]"). */
export interface RawSpan {
  start: unknown
  end: unknown
  label: unknown
  what: string
  /** The span's own copy of its text, when the format carries one (Prodigy does). */
  text?: unknown
}

export interface SpanContext {
  fileName: string
  line: number
  report: ImportReportBuilder
  options: ImportOptions
}

function unitName(options: ImportOptions): string {
  return options.offsets === 'utf16' ? 'UTF-16 units' : 'code points'
}

/** Converts one offset in the file's unit to UTF-16, failing with the reason. */
export function toUtf16Offset(
  value: number,
  what: string,
  text: string,
  map: OffsetMap,
  ctx: SpanContext,
): number {
  const utf16 = ctx.options.offsets === 'utf16'
  const length = utf16 ? text.length : map.codePointLength
  if (value < 0 || value > length)
    fail(
      ctx.fileName,
      ctx.line,
      `${what} is ${value}, outside the text (0 to ${length} ${unitName(ctx.options)}).`,
    )
  if (utf16) {
    if (splitsSurrogatePair(text, value))
      fail(ctx.fileName, ctx.line, `${what} is ${value}, which splits a character (a surrogate pair) in two.`)
    return value
  }
  return map.toUtf16(value)
}

export function readSpans(text: string, raw: readonly RawSpan[], ctx: SpanContext): SpanInput[] {
  const { fileName, line } = ctx
  const map = createOffsetMap(text)
  const spans: SpanInput[] = []
  for (const r of raw) {
    if (typeof r.start !== 'number' || !Number.isInteger(r.start))
      fail(fileName, line, `${r.what} start must be a whole number, not ${JSON.stringify(r.start)}.`)
    if (typeof r.end !== 'number' || !Number.isInteger(r.end))
      fail(fileName, line, `${r.what} end must be a whole number, not ${JSON.stringify(r.end)}.`)
    if (typeof r.label !== 'string' || r.label.trim() === '')
      fail(fileName, line, `${r.what} label must be a non-empty string, not ${JSON.stringify(r.label)}.`)
    if (r.end <= r.start)
      fail(fileName, line, `${r.what} ends (${r.end}) at or before its start (${r.start}).`)
    const start = toUtf16Offset(r.start, `${r.what} start`, text, map, ctx)
    const end = toUtf16Offset(r.end, `${r.what} end`, text, map, ctx)
    // A mismatch usually means offsets counted in another unit (UTF-16 versus code points).
    if (typeof r.text === 'string' && r.text !== text.slice(start, end))
      ctx.report.warn(
        line,
        `${r.what} says its text is ${JSON.stringify(r.text)} but its offsets select ${JSON.stringify(text.slice(start, end))}; check the offset unit.`,
      )
    spans.push({ start, end, label: r.label })
  }
  spans.sort(
    (a, b) => a.start - b.start || a.end - b.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0),
  )
  const out: SpanInput[] = []
  for (const s of spans) {
    const prev = out[out.length - 1]
    if (prev && prev.start === s.start && prev.end === s.end && prev.label === s.label) {
      ctx.report.warn(line, `span ${s.start}-${s.end} '${s.label}' appears twice; kept once.`)
      continue
    }
    if (ctx.options.overlap !== 'allow' && prev && s.start < prev.end) {
      const m = map
      const show = (sp: SpanInput): string =>
        ctx.options.offsets === 'utf16'
          ? `${sp.start}-${sp.end} '${sp.label}'`
          : `${m.toCodePoint(sp.start)}-${m.toCodePoint(sp.end)} '${sp.label}'`
      fail(
        fileName,
        line,
        `spans ${show(prev)} and ${show(s)} overlap; import with overlap 'allow' to keep overlapping spans.`,
      )
    }
    out.push(s)
  }
  return out
}
