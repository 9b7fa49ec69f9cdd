/**
 * doccano JSONL: `{"text", "label": [[start, end, "LABEL"], ...]}` (or the same under "entities",
 * or doccano 1.x+ objects `{"start_offset", "end_offset", "label"}`), offsets in code points.
 */
import type { DocumentInput } from '../../shared/types'
import { ExportReportBuilder, ImportReportBuilder } from './report'
import { decodeText, fail, forEachJsonLine } from './source'
import { offsetWriter, requireText, sortedSpans } from './spacy'
import { readSpans, type RawSpan } from './spans'
import type { ExportOptions, ImportOptions, ParseResult, SerializeResult } from './types'

function rawSpansOf(record: Record<string, unknown>, fileName: string, line: number): RawSpan[] {
  if (record.label === undefined && record.entities === undefined && Array.isArray(record.spans))
    fail(
      fileName,
      line,
      'the record has spaCy/Prodigy-style "spans" but no "label" or "entities"; import the file as spacy.',
    )
  const key = record.label !== undefined ? 'label' : 'entities'
  const list = record[key] ?? []
  if (!Array.isArray(list)) fail(fileName, line, `"${key}" must be a list of [start, end, label] entries.`)
  return list.map((e: unknown, i): RawSpan => {
    const what = `${key}[${i}]`
    if (Array.isArray(e) && e.length === 3) return { start: e[0], end: e[1], label: e[2], what }
    if (typeof e === 'object' && e !== null && !Array.isArray(e)) {
      const o = e as Record<string, unknown>
      if ('start_offset' in o) return { start: o.start_offset, end: o.end_offset, label: o.label, what }
    }
    return fail(fileName, line, `${what} is ${JSON.stringify(e)}; expected [start, end, label].`)
  })
}

export function parseDoccano(
  content: string | Uint8Array,
  fileName: string,
  options: ImportOptions = {},
): ParseResult {
  const text = decodeText(content, fileName)
  const report = new ImportReportBuilder('doccano', fileName)
  const documents: DocumentInput[] = []
  forEachJsonLine(text, fileName, (record, line) => {
    const docText = requireText(record, fileName, line)
    const spans = readSpans(docText, rawSpansOf(record, fileName, line), { fileName, line, report, options })
    report.addSpans(spans)
    documents.push({ text: docText, spans })
  })
  report.documents = documents.length
  return { documents, report: report.build() }
}

export function serializeDoccano(
  documents: readonly DocumentInput[],
  options: ExportOptions = {},
): SerializeResult {
  const report = new ExportReportBuilder('doccano')
  const key = options.doccanoKey ?? 'label'
  const lines: string[] = []
  for (const doc of documents) {
    const off = offsetWriter(doc.text, options)
    const spans = sortedSpans(doc.spans)
    lines.push(
      JSON.stringify({ text: doc.text, [key]: spans.map((s) => [off(s.start), off(s.end), s.label]) }),
    )
    report.addSpans(spans)
    report.records++
  }
  report.documents = documents.length
  return { content: lines.length ? lines.join('\n') + '\n' : '', report: report.build() }
}
