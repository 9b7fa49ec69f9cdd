/**
 * Importing files into a project. Every file is parsed completely before anything is written, and all
 * of them are written in one transaction, so a malformed file (or a crash) leaves the project exactly
 * as it was: all of the import, or none of it.
 */
import { parseDocuments, type ImportFormat, type ImportOptions, type ImportReport } from '../formats'
import { detectFormat } from '../formats/detect'
import { parseFile } from '../formats/file'
import { insertDocuments } from '../db/documents'
import type { ProjectStore } from '../db/store'
import type { DocStatus, DocumentInput, Split } from '../../shared/types'

export interface ImportRequest extends ImportOptions {
  format?: ImportFormat
  split?: Split
  status?: DocStatus
}

export interface ImportSummary {
  files: (ImportReport & { tagNamesFile?: string })[]
  documents: number
  duplicates: number
  tokens: number
  spansPerLabel: Record<string, number>
}

export type ImportProgress = (phase: 'parse' | 'write', done: number, total: number) => void

interface Parsed {
  documents: DocumentInput[]
  report: ImportReport & { tagNamesFile?: string }
}

/** Writes already-parsed files in one transaction and summarises what was added. */
function write(
  store: ProjectStore,
  parsed: Parsed[],
  request: ImportRequest,
  onProgress?: ImportProgress,
): ImportSummary {
  const summary: ImportSummary = { files: [], documents: 0, duplicates: 0, tokens: 0, spansPerLabel: {} }
  const total = parsed.reduce((n, p) => n + p.documents.length, 0)
  let done = 0
  store.transaction(() => {
    for (const p of parsed) {
      const r = insertDocuments(store.db, p.documents, {
        split: request.split ?? 'train',
        status: request.status ?? (p.documents.some((d) => d.spans.length > 0) ? 'done' : 'todo'),
        source: p.report.fileName,
        spanSource: 'import',
      })
      summary.files.push(p.report)
      summary.documents += r.documents
      summary.duplicates += r.duplicates
      summary.tokens += r.tokens
      for (const [label, n] of Object.entries(r.spansPerLabel)) {
        summary.spansPerLabel[label] = (summary.spansPerLabel[label] ?? 0) + n
      }
      done += p.documents.length
      onProgress?.('write', done, total)
    }
    store.logEdit('import', { files: parsed.map((p) => p.report.fileName), documents: summary.documents })
  })
  return summary
}

export function importFiles(
  store: ProjectStore,
  paths: readonly string[],
  request: ImportRequest = {},
  onProgress?: ImportProgress,
): ImportSummary {
  const parsed: Parsed[] = paths.map((path, i) => {
    const result = parseFile(path, request)
    onProgress?.('parse', i + 1, paths.length)
    return {
      documents: result.documents,
      report: { ...result.report, ...(result.tagNamesFile ? { tagNamesFile: result.tagNamesFile } : {}) },
    }
  })
  return write(store, parsed, request, onProgress)
}

/** The same for file contents sent by the UI (browser mode has no access to the user's paths). */
export function importContents(
  store: ProjectStore,
  files: readonly { name: string; content: Uint8Array }[],
  request: ImportRequest = {},
  onProgress?: ImportProgress,
): ImportSummary {
  const parsed: Parsed[] = files.map((f, i) => {
    const format = request.format ?? detectFormat(f.name, f.content.subarray(0, 64 * 1024))
    const result = parseDocuments(format, f.content, f.name, request)
    onProgress?.('parse', i + 1, files.length)
    return result
  })
  return write(store, parsed, request, onProgress)
}
