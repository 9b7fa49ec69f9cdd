/** Document rows: bulk insert with dedup by content hash, paged listing, queue navigation. */
import { createHash } from 'node:crypto'
import type Database from 'better-sqlite3'
import { NotFoundError } from '../../shared/api/errors'
import type {
  DocumentPage,
  DocumentSummary,
  DocumentView,
  StoredSpan,
} from '../../shared/api/features/documents'
import { tokenize } from '../../shared/text/tokenize'
import type { DocStatus, DocumentInput, SpanSource, Split } from '../../shared/types'
import { ensureLabel } from './labels'

export interface InsertOptions {
  split?: Split
  status?: DocStatus
  source?: string
  spanSource?: SpanSource
}

export interface InsertReport {
  documents: number
  duplicates: number
  tokens: number
  spansPerLabel: Record<string, number>
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/**
 * Inserts documents and their spans in the caller's transaction (wrap in db.transaction so a file
 * is imported whole or not at all). Documents whose text is already stored are skipped and counted.
 */
export function insertDocuments(
  db: Database.Database,
  docs: Iterable<DocumentInput>,
  options: InsertOptions = {},
) {
  const report: InsertReport = { documents: 0, duplicates: 0, tokens: 0, spansPerLabel: {} }
  const insertDoc = db.prepare(
    `INSERT INTO documents (text, content_hash, source, meta, tokens, token_count, split, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (content_hash) DO NOTHING`,
  )
  const insertSpan = db.prepare(
    'INSERT INTO spans (document_id, start, end, label_id, source) VALUES (?, ?, ?, ?, ?)',
  )
  const labelIds = new Map<string, number>()
  for (const doc of docs) {
    const tokens = doc.tokens ?? tokenize(doc.text)
    const info = insertDoc.run(
      doc.text,
      contentHash(doc.text),
      options.source ?? null,
      doc.meta ? JSON.stringify(doc.meta) : null,
      doc.tokens ? JSON.stringify(doc.tokens.map((t) => [t.start, t.end])) : null,
      tokens.length,
      options.split ?? 'train',
      options.status ?? 'todo',
    )
    if (info.changes === 0) {
      report.duplicates++
      continue
    }
    report.documents++
    report.tokens += tokens.length
    const docId = Number(info.lastInsertRowid)
    for (const span of doc.spans) {
      let labelId = labelIds.get(span.label)
      if (labelId === undefined) {
        labelId = ensureLabel(db, span.label)
        labelIds.set(span.label, labelId)
      }
      insertSpan.run(docId, span.start, span.end, labelId, options.spanSource ?? 'import')
      report.spansPerLabel[span.label] = (report.spansPerLabel[span.label] ?? 0) + 1
    }
  }
  return report
}

interface DocRow {
  id: number
  text: string
  split: Split
  status: DocStatus
}

export function getSpans(db: Database.Database, documentId: number): StoredSpan[] {
  return db
    .prepare(
      `SELECT s.id, s.start, s.end, l.name AS label, s.source FROM spans s JOIN labels l ON l.id = s.label_id
       WHERE s.document_id = ? ORDER BY s.start, s.end`,
    )
    .all(documentId) as StoredSpan[]
}

export function getDocument(db: Database.Database, id: number): DocumentView {
  const row = db.prepare('SELECT id, text, split, status, tokens FROM documents WHERE id = ?').get(id) as
    (DocRow & { tokens: string | null }) | undefined
  if (!row) throw new NotFoundError(`There is no document with id ${id}.`)
  // Import order; with an active-learning strategy chosen, the handler replaces "next" (db/queue.ts).
  const nav = db
    .prepare(
      `SELECT (SELECT count(*) FROM documents WHERE id < @id) AS before,
              (SELECT count(*) FROM documents) AS total,
              (SELECT count(*) FROM documents WHERE status = 'done') AS done,
              (SELECT max(id) FROM documents WHERE id < @id) AS prev_id,
              (SELECT min(id) FROM documents WHERE id > @id) AS next_id`,
    )
    .get({ id }) as {
    before: number
    total: number
    done: number
    prev_id: number | null
    next_id: number | null
  }
  return {
    id: row.id,
    text: row.text,
    split: row.split,
    status: row.status,
    spans: getSpans(db, id),
    tokens: row.tokens ? (JSON.parse(row.tokens) as [number, number][]) : null,
    position: nav.before + 1,
    total: nav.total,
    done: nav.done,
    prevId: nav.prev_id,
    nextId: nav.next_id,
  }
}

export function firstDocument(db: Database.Database, status?: DocStatus): DocumentView | null {
  const row = (
    status
      ? db.prepare('SELECT id FROM documents WHERE status = ? ORDER BY id LIMIT 1').get(status)
      : db.prepare('SELECT id FROM documents ORDER BY id LIMIT 1').get()
  ) as { id: number } | undefined
  return row ? getDocument(db, row.id) : null
}

export function setDocumentStatus(db: Database.Database, id: number, status: DocStatus): DocumentView {
  const info = db
    .prepare(
      `UPDATE documents SET status = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`,
    )
    .run(status, id)
  if (info.changes === 0) throw new NotFoundError(`There is no document with id ${id}.`)
  return getDocument(db, id)
}

export interface ListQuery {
  offset: number
  limit: number
  split?: Split | undefined
  status?: DocStatus | undefined
  query?: string | undefined
}

/** Queries this long or longer are answered by the trigram index; shorter ones scan with LIKE. */
export const SEARCH_INDEX_MIN_CHARS = 3
/**
 * Searches count their matches up to a cap (the page then says "10,000+"): indexed ones cheaply
 * far, short ones, which scan the text, less far.
 */
export const SEARCH_COUNT_CAP = 10_000
export const SHORT_SEARCH_COUNT_CAP = 1_000

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>()

/** The page is asked for on every keystroke and page turn; parse each statement once per connection. */
function prepared(db: Database.Database, sql: string): Database.Statement {
  let cache = statements.get(db)
  if (!cache) statements.set(db, (cache = new Map()))
  let stmt = cache.get(sql)
  if (!stmt) cache.set(sql, (stmt = db.prepare(sql)))
  return stmt
}

interface Filter {
  /** FROM with its joins; the documents table is `d`. */
  from: string
  clause: string
  /** The order of the page; the FTS table's own rowid order lets SQLite stop after one page. */
  order: string
  params: Record<string, string>
  /** How far matches are counted; Infinity for filters without a search. */
  countCap: number
}

/** A phrase of the trigram tokenizer matches exactly the substring, case-insensitively. */
function phrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`
}

/** split, status and text search; the search is a case-insensitive substring match. */
function documentFilter(q: Omit<ListQuery, 'offset' | 'limit'>): Filter {
  const where: string[] = []
  const params: Record<string, string> = {}
  let from = 'documents d'
  let order = 'd.id'
  if (q.split) {
    where.push('d.split = @split')
    params.split = q.split
  }
  if (q.status) {
    where.push('d.status = @status')
    params.status = q.status
  }
  const text = q.query?.trim() ?? ''
  if (text !== '') {
    if ([...text].length >= SEARCH_INDEX_MIN_CHARS) {
      from = 'documents_fts f JOIN documents d ON d.id = f.rowid'
      where.push('f.documents_fts MATCH @match')
      params.match = phrase(text)
      order = 'f.rowid'
    } else {
      where.push("d.text LIKE @like ESCAPE '\\'")
      params.like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    }
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const countCap = text === '' ? Infinity : order === 'f.rowid' ? SEARCH_COUNT_CAP : SHORT_SEARCH_COUNT_CAP
  return { from, clause, order, params, countCap }
}

const countCache = new WeakMap<Database.Database, Map<string, { stamp: string; total: number }>>()

/**
 * How many documents match, remembered until the project changes: turning pages then costs nothing,
 * while any write (here, or by another process such as the CLI) makes the next count fresh. Filters
 * alone are counted from their indexes; a search counts one past its cap, so that a substring found
 * in most documents costs little more than a page.
 */
function countDocuments(db: Database.Database, filter: Filter): number {
  const changes = prepared(db, 'SELECT total_changes() AS n').get() as { n: number }
  const stamp = `${changes.n}:${String(db.pragma('data_version', { simple: true }))}`
  const key = `${filter.from}|${filter.clause}|${JSON.stringify(filter.params)}`
  let cache = countCache.get(db)
  if (!cache) countCache.set(db, (cache = new Map()))
  const hit = cache.get(key)
  if (hit && hit.stamp === stamp) return hit.total
  const sql = Number.isFinite(filter.countCap)
    ? `SELECT count(*) AS n FROM (SELECT 1 FROM ${filter.from} ${filter.clause} LIMIT ${filter.countCap + 1})`
    : `SELECT count(*) AS n FROM ${filter.from} ${filter.clause}`
  const total = (prepared(db, sql).get(filter.params) as { n: number }).n
  if (cache.size > 64) cache.clear()
  cache.set(key, { stamp, total })
  return total
}

type SummaryRow = Omit<DocumentSummary, 'spanCount' | 'labelCounts' | 'score'>

export function listDocuments(db: Database.Database, q: ListQuery): DocumentPage {
  const filter = documentFilter(q)
  const counted = countDocuments(db, filter)
  const total = Math.min(counted, filter.countCap)
  const totalCapped = counted > filter.countCap
  const rows = prepared(
    db,
    `SELECT d.id, substr(d.text, 1, 160) AS preview, length(d.text) AS length, d.split, d.status
     FROM ${filter.from} ${filter.clause} ORDER BY ${filter.order} LIMIT @limit OFFSET @offset`,
  ).all({ ...filter.params, limit: q.limit, offset: q.offset }) as SummaryRow[]
  if (rows.length === 0) return { items: [], total, totalCapped }
  // One query each for the label counts and scores of the whole page, not one per row.
  const ids = JSON.stringify(rows.map((r) => r.id))
  const counts = prepared(
    db,
    `SELECT s.document_id AS doc, l.name AS label, count(*) AS n FROM spans s JOIN labels l ON l.id = s.label_id
     WHERE s.document_id IN (SELECT value FROM json_each(?)) GROUP BY s.document_id, l.id ORDER BY l.position, l.id`,
  ).all(ids) as { doc: number; label: string; n: number }[]
  const scores = prepared(
    db,
    `SELECT document_id AS doc, min(score) AS score FROM suggestions
     WHERE document_id IN (SELECT value FROM json_each(?)) AND decision IS NULL AND score IS NOT NULL
     GROUP BY document_id`,
  ).all(ids) as { doc: number; score: number }[]
  const byId = new Map<number, DocumentSummary>()
  const items = rows.map((r) => {
    const item: DocumentSummary = { ...r, spanCount: 0, labelCounts: {}, score: null }
    byId.set(r.id, item)
    return item
  })
  for (const c of counts) {
    const item = byId.get(c.doc)
    if (!item) continue
    item.labelCounts[c.label] = c.n
    item.spanCount += c.n
  }
  for (const s of scores) {
    const item = byId.get(s.doc)
    if (item) item.score = s.score
  }
  return { items, total, totalCapped }
}
