/** Exporting a project's documents and spans in the formats people use, filtered by split and status. */
import { renameSync, writeFileSync } from 'node:fs'
import { serializeDocuments, type ExportFormat, type ExportOptions, type SerializeResult } from '../formats'
import type { ProjectStore } from '../db/store'
import type { DocStatus, DocumentInput, Split, TokenOffsets } from '../../shared/types'

export interface ExportRequest extends ExportOptions {
  format: ExportFormat
  split?: Split | undefined
  status?: DocStatus | undefined
}

/** Reads the selected documents with their spans, in import order. */
export function selectDocuments(
  store: ProjectStore,
  filter: { split?: Split | undefined; status?: DocStatus | undefined },
): DocumentInput[] {
  const where: string[] = []
  const params: Record<string, string> = {}
  if (filter.split) {
    where.push('d.split = @split')
    params.split = filter.split
  }
  if (filter.status) {
    where.push('d.status = @status')
    params.status = filter.status
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const docs = store.db
    .prepare(`SELECT d.id, d.text, d.tokens, d.meta FROM documents d ${clause} ORDER BY d.id`)
    .all(params) as {
    id: number
    text: string
    tokens: string | null
    meta: string | null
  }[]
  const spans = store.db
    .prepare(
      `SELECT s.document_id AS doc, s.start, s.end, l.name AS label FROM spans s
       JOIN labels l ON l.id = s.label_id JOIN documents d ON d.id = s.document_id ${clause}
       ORDER BY s.document_id, s.start, s.end`,
    )
    .all(params) as { doc: number; start: number; end: number; label: string }[]
  const byDoc = new Map<number, DocumentInput>()
  const out = docs.map((d) => {
    const doc: DocumentInput = { text: d.text, spans: [] }
    if (d.meta) doc.meta = JSON.parse(d.meta) as Record<string, unknown>
    if (d.tokens) {
      doc.tokens = (JSON.parse(d.tokens) as [number, number][]).map(([start, end]): TokenOffsets => ({
        start,
        end,
      }))
    }
    byDoc.set(d.id, doc)
    return doc
  })
  for (const s of spans) byDoc.get(s.doc)?.spans.push({ start: s.start, end: s.end, label: s.label })
  return out
}

export function exportDocuments(store: ProjectStore, request: ExportRequest): SerializeResult {
  const { format, split, status, ...options } = request
  return serializeDocuments(format, selectDocuments(store, { split, status }), options)
}

/** Writes beside the target and renames, so an interrupted export never leaves half a file behind. */
function writeAtomically(path: string, content: string): void {
  const tmp = `${path}.${process.pid}.tmp`
  writeFileSync(tmp, content)
  renameSync(tmp, path)
}

export function exportToFile(store: ProjectStore, request: ExportRequest, outPath: string): SerializeResult {
  const result = exportDocuments(store, request)
  writeAtomically(outPath, result.content)
  if (result.tagNames) {
    writeAtomically(`${outPath.replace(/\.[^.]*$/, '')}.labels.json`, JSON.stringify(result.tagNames))
  }
  return result
}
