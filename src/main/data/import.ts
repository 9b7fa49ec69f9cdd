/**
 * Importing files into a project. Every file is parsed completely before anything is written, and all
 * of them are written in one transaction, so a malformed file (or a crash) leaves the project exactly
 * as it was: all of the import, or none of it. The UI's import writes through a second connection and
 * yields between chunks, so its progress reaches the screen while it runs and the app keeps answering.
 */
import { parseDocuments, type ImportFormat, type ImportOptions, type ImportReport } from '../formats'
import { detectFormat } from '../formats/detect'
import { parseFile } from '../formats/file'
import type Database from 'better-sqlite3'
import { insertDocuments } from '../db/documents'
import { openWriterConnection } from '../db/open'
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

/** Text written between two progress reports: often enough for a smooth bar, rarely enough to be free. */
const CHUNK_CHARS = 200_000
const CHUNK_DOCUMENTS = 2_000

/** Splits documents into consecutive runs of about CHUNK_CHARS characters. */
function* chunks(documents: readonly DocumentInput[]): Generator<DocumentInput[]> {
  let chunk: DocumentInput[] = []
  let chars = 0
  for (const d of documents) {
    chunk.push(d)
    chars += d.text.length
    if (chars >= CHUNK_CHARS || chunk.length >= CHUNK_DOCUMENTS) {
      yield chunk
      chunk = []
      chars = 0
    }
  }
  if (chunk.length > 0) yield chunk
}

/**
 * Writes already-parsed files, chunk by chunk, into the caller's transaction; yields after each chunk
 * with the documents written so far, and returns the summary.
 */
function* writeChunks(
  db: Database.Database,
  parsed: Parsed[],
  request: ImportRequest,
): Generator<number, ImportSummary> {
  const summary: ImportSummary = { files: [], documents: 0, duplicates: 0, tokens: 0, spansPerLabel: {} }
  let done = 0
  for (const p of parsed) {
    const options = {
      split: request.split ?? 'train',
      status: request.status ?? (p.documents.some((d) => d.spans.length > 0) ? 'done' : 'todo'),
      source: p.report.fileName,
      spanSource: 'import',
    } as const
    // Chunks of one file share the transaction, so duplicates are still found across them.
    for (const chunk of chunks(p.documents)) {
      const r = insertDocuments(db, chunk, options)
      summary.documents += r.documents
      summary.duplicates += r.duplicates
      summary.tokens += r.tokens
      for (const [label, n] of Object.entries(r.spansPerLabel)) {
        summary.spansPerLabel[label] = (summary.spansPerLabel[label] ?? 0) + n
      }
      done += chunk.length
      yield done
    }
    summary.files.push(p.report)
  }
  db.prepare('INSERT INTO edit_log (action, payload) VALUES (?, ?)').run(
    'import',
    JSON.stringify({ files: parsed.map((p) => p.report.fileName), documents: summary.documents }),
  )
  return summary
}

/** Writes already-parsed files in one transaction and summarises what was added. */
function write(
  store: ProjectStore,
  parsed: Parsed[],
  request: ImportRequest,
  onProgress?: ImportProgress,
): ImportSummary {
  const total = parsed.reduce((n, p) => n + p.documents.length, 0)
  onProgress?.('write', 0, total)
  return store.transaction(() => {
    const steps = writeChunks(store.db, parsed, request)
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) return step.value
      onProgress?.('write', step.value, total)
    }
  })
}

export function importFiles(
  store: ProjectStore,
  paths: readonly string[],
  request: ImportRequest = {},
  onProgress?: ImportProgress,
): ImportSummary {
  const parsed: Parsed[] = paths.map((path, i) => {
    onProgress?.('parse', i, paths.length)
    const result = parseFile(path, request)
    onProgress?.('parse', i + 1, paths.length)
    return {
      documents: result.documents,
      report: { ...result.report, ...(result.tagNamesFile ? { tagNamesFile: result.tagNamesFile } : {}) },
    }
  })
  return write(store, parsed, request, onProgress)
}

export interface FileContent {
  name: string
  content: Uint8Array
}

function parseContent(f: FileContent, request: ImportRequest): Parsed {
  const format = request.format ?? detectFormat(f.name, f.content.subarray(0, 64 * 1024))
  return parseDocuments(format, f.content, f.name, request)
}

/** The same for file contents sent by the UI (browser mode has no access to the user's paths). */
export function importContents(
  store: ProjectStore,
  files: readonly FileContent[],
  request: ImportRequest = {},
  onProgress?: ImportProgress,
): ImportSummary {
  const parsed: Parsed[] = files.map((f, i) => {
    onProgress?.('parse', i, files.length)
    const result = parseContent(f, request)
    onProgress?.('parse', i + 1, files.length)
    return result
  })
  return write(store, parsed, request, onProgress)
}

/** Lets the event loop run: progress events go out, other calls are answered. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * importContents for the UI: the same all-or-nothing import, written through a second connection to
 * the project file that holds its transaction across pauses after each parsed file and written chunk.
 * Meanwhile the app's own connection keeps answering and sees the project as it was before the import
 * (WAL); its writes wait for the import's commit (up to the busy timeout).
 */
export async function importContentsLive(
  projectPath: string,
  files: readonly FileContent[],
  request: ImportRequest = {},
  onProgress?: ImportProgress,
): Promise<ImportSummary> {
  const parsed: Parsed[] = []
  for (const [i, f] of files.entries()) {
    onProgress?.('parse', i, files.length)
    await breathe()
    parsed.push(parseContent(f, request))
  }
  onProgress?.('parse', files.length, files.length)
  const total = parsed.reduce((n, p) => n + p.documents.length, 0)
  onProgress?.('write', 0, total)
  await breathe()
  const db = openWriterConnection(projectPath)
  try {
    db.exec('BEGIN IMMEDIATE')
    try {
      const steps = writeChunks(db, parsed, request)
      for (let step = steps.next(); ; step = steps.next()) {
        if (step.done) {
          db.exec('COMMIT')
          return step.value
        }
        onProgress?.('write', step.value, total)
        await breathe()
      }
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK')
      throw err
    }
  } finally {
    db.close()
  }
}
