/** Plain text: one document per line, or per paragraph (blank-line separated); no spans. */
import { UserError } from '../../shared/api/errors'
import type { DocumentInput } from '../../shared/types'
import { ExportReportBuilder, ImportReportBuilder } from './report'
import { decodeText, splitLines } from './source'
import type { ExportOptions, ImportOptions, ParseResult, SerializeResult } from './types'

export function parseText(
  content: string | Uint8Array,
  fileName: string,
  options: ImportOptions = {},
): ParseResult {
  const text = decodeText(content, fileName)
  const per = options.documentPer ?? 'line'
  if (per !== 'line' && per !== 'paragraph')
    throw new UserError(`Documents per '${per}' does not apply to plain text; use line or paragraph.`)
  const report = new ImportReportBuilder('txt', fileName)
  const documents: DocumentInput[] = []
  let paragraph: string[] = []
  const flush = (): void => {
    if (paragraph.length) documents.push({ text: paragraph.join('\n'), spans: [] })
    paragraph = []
  }
  for (const line of splitLines(text)) {
    if (line.trim() === '') flush()
    else if (per === 'line') documents.push({ text: line, spans: [] })
    else paragraph.push(line)
  }
  flush()
  report.documents = documents.length
  return { documents, report: report.build() }
}

/** Writes texts one per line, or as blank-line separated paragraphs when documentPer is 'paragraph'. */
export function serializeText(
  documents: readonly DocumentInput[],
  options: ExportOptions = {},
): SerializeResult {
  const report = new ExportReportBuilder('txt')
  const per = options.documentPer ?? 'line'
  const out: string[] = []
  documents.forEach((doc, i) => {
    if (doc.text.trim() === '') {
      report.warn(i, 'the document is empty, so it is left out.')
      return
    }
    if (per === 'line' && /[\r\n]/.test(doc.text))
      report.warn(i, 'the text has line breaks, so it reads back as several documents.')
    out.push(doc.text)
    report.records++
  })
  report.documents = documents.length
  const sep = per === 'paragraph' ? '\n\n' : '\n'
  return { content: out.length ? out.join(sep) + '\n' : '', report: report.build() }
}
