/**
 * Turns a stored document (text + character spans, maybe tokens) into tokens, sentence breaks and
 * tags for the tag-based exporters (CoNLL, Hugging Face). Tokens are the stored ones when the
 * import carried them, else tokenize(); they are split at span edges so no span is lost, and a
 * sentence ends wherever the text between two tokens contains a newline.
 */
import type { DocumentInput, TokenOffsets } from '../../shared/types'
import { refineTokens } from '../../shared/text/align'
import { chunksToTags, spansToTokenChunks, type TagScheme } from '../../shared/text/tags'
import { tokenize } from '../../shared/text/tokenize'
import type { ExportReportBuilder } from './report'

export interface TaggedDocument {
  tokens: TokenOffsets[]
  tags: string[]
  /** Index of the first token of each sentence (empty for a document without tokens). */
  sentenceStarts: number[]
}

function storedTokensUsable(text: string, tokens: readonly TokenOffsets[]): boolean {
  let prevEnd = 0
  for (const t of tokens) {
    if (!(Number.isInteger(t.start) && Number.isInteger(t.end))) return false
    if (t.start < prevEnd || t.end <= t.start || t.end > text.length) return false
    prevEnd = t.end
  }
  return true
}

export function tagDocument(
  doc: DocumentInput,
  scheme: TagScheme,
  report: ExportReportBuilder,
  index: number,
): TaggedDocument {
  let base = doc.tokens
  if (base && !storedTokensUsable(doc.text, base)) {
    report.warn(
      index,
      'its stored tokens are out of order or outside the text, so the text was tokenized again.',
    )
    base = undefined
  }
  base ??= tokenize(doc.text)
  const cuts: number[] = []
  for (const s of doc.spans) cuts.push(s.start, s.end)
  const refined = refineTokens(doc.text, base, cuts)
  if (refined.split > 0) {
    report.splitTokens += refined.split
    if (doc.tokens)
      report.warn(index, `${refined.split} token(s) were split at a span edge or at whitespace.`)
  }
  const tokens = refined.tokens
  const { chunks, unaligned, overlapping } = spansToTokenChunks(tokens, doc.spans, { within: true })
  for (const s of overlapping)
    report.warn(
      index,
      `span ${s.start}-${s.end} '${s.label}' overlaps another span; tags hold one label per token, so it is left out.`,
    )
  for (const s of unaligned)
    report.warn(index, `span ${s.start}-${s.end} '${s.label}' covers no token, so it is left out.`)
  report.skippedSpans += overlapping.length + unaligned.length
  const written = doc.spans.length - overlapping.length - unaligned.length
  report.spans += written
  if (overlapping.length + unaligned.length === 0) {
    for (const s of doc.spans) report.spansPerLabel[s.label] = (report.spansPerLabel[s.label] ?? 0) + 1
  } else {
    const dropped = new Set([...overlapping, ...unaligned])
    for (const s of doc.spans)
      if (!dropped.has(s)) report.spansPerLabel[s.label] = (report.spansPerLabel[s.label] ?? 0) + 1
  }

  // A sentence ends at a newline between tokens, but never inside an entity (CoNLL entities cannot
  // cross sentences, and spans from free text may contain a newline).
  const insideChunk = new Uint8Array(tokens.length)
  for (const c of chunks) for (let k = c.start + 1; k < c.end; k++) insideChunk[k] = 1
  const sentenceStarts: number[] = tokens.length > 0 ? [0] : []
  for (let k = 1; k < tokens.length; k++) {
    const gapStart = tokens[k - 1]!.end
    const gapEnd = tokens[k]!.start
    if (gapEnd > gapStart && !insideChunk[k]) {
      const nl = doc.text.indexOf('\n', gapStart)
      if (nl >= 0 && nl < gapEnd) sentenceStarts.push(k)
    }
  }
  // Tags per sentence, so IOB1's "B- only after an adjacent entity of the same type" stays within one.
  const tags: string[] = []
  let c = 0
  for (let s = 0; s < sentenceStarts.length; s++) {
    const from = sentenceStarts[s]!
    const to = sentenceStarts[s + 1] ?? tokens.length
    const local: { start: number; end: number; label: string }[] = []
    while (c < chunks.length && chunks[c]!.start < to) {
      const ch = chunks[c++]!
      local.push({ start: ch.start - from, end: ch.end - from, label: ch.label })
    }
    for (const t of chunksToTags(to - from, local, scheme)) tags.push(t)
  }
  return { tokens, tags, sentenceStarts }
}
