/**
 * The labelling queue: documents still to do, most uncertain first under the chosen strategy
 * (random is a reproducible shuffle), unscored documents after scored ones, in import order.
 * 'import' keeps plain import order, which is also the order until a model has scored the pool.
 */
import type Database from 'better-sqlite3'
import { randomScore, type Strategy } from '../active/uncertainty'
import { getSetting, setSetting } from './settings'

export type QueueOrder = Strategy | 'import'

const COLUMN: Record<Exclude<Strategy, 'random'>, string> = {
  'least-confidence': 'least_confidence',
  margin: 'margin',
  entropy: 'entropy',
  mnlp: 'mnlp',
}

export function queueStrategy(db: Database.Database): QueueOrder {
  return getSetting<QueueOrder>(db, 'queue.strategy', 'import')
}

export function setQueueStrategy(db: Database.Database, strategy: QueueOrder): void {
  setSetting(db, 'queue.strategy', strategy)
}

function ensureRandom(db: Database.Database): void {
  // Registered per connection; deterministic so the same seed gives the same order.
  db.function('ner_random', { deterministic: true }, (id: unknown, seed: unknown) =>
    randomScore(Number(id), Number(seed)),
  )
}

/** SQL expression giving a todo document's priority (higher first), or null when unscored. */
function scoreExpression(strategy: QueueOrder): string {
  if (strategy === 'import') return 'NULL'
  if (strategy === 'random')
    return "ner_random(d.id, (SELECT coalesce(json_extract(value, '$'), 0) FROM settings WHERE key = 'queue.seed'))"
  return `q.${COLUMN[strategy]}`
}

/** The queue's document ids in order (todo documents only). */
export function queueIds(db: Database.Database, limit = 1_000_000, excludeId = -1): number[] {
  const strategy = queueStrategy(db)
  ensureRandom(db)
  const score = scoreExpression(strategy)
  return (
    db
      .prepare(
        `SELECT d.id FROM documents d LEFT JOIN queue_scores q ON q.document_id = d.id
         WHERE d.status = 'todo' AND d.id != ?
         ORDER BY (${score}) IS NULL, (${score}) DESC, d.id LIMIT ?`,
      )
      .all(excludeId, limit) as { id: number }[]
  ).map((r) => r.id)
}

/** The score the queue orders a document by, for display; null when it has none. */
export function queueScore(db: Database.Database, documentId: number): number | null {
  const strategy = queueStrategy(db)
  if (strategy === 'import') return null
  ensureRandom(db)
  const row = db
    .prepare(
      `SELECT (${scoreExpression(strategy)}) AS s FROM documents d LEFT JOIN queue_scores q ON q.document_id = d.id WHERE d.id = ?`,
    )
    .get(documentId) as { s: number | null } | undefined
  return row?.s ?? null
}

export interface ScoreRow {
  documentId: number
  leastConfidence: number
  margin: number
  entropy: number
  mnlp: number
}

export function writeScores(db: Database.Database, modelId: number, rows: readonly ScoreRow[]): void {
  const stmt = db.prepare(
    `INSERT INTO queue_scores (document_id, model_id, least_confidence, margin, entropy, mnlp) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (document_id) DO UPDATE SET model_id = excluded.model_id, least_confidence = excluded.least_confidence,
       margin = excluded.margin, entropy = excluded.entropy, mnlp = excluded.mnlp, scored_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
  )
  for (const r of rows) stmt.run(r.documentId, modelId, r.leastConfidence, r.margin, r.entropy, r.mnlp)
}

/**
 * Queue navigation for a document view: when a strategy orders the queue, "next" is the most
 * uncertain document still to do (other than this one) instead of the next in import order.
 */
export function withQueueNavigation<T extends { id: number; nextId: number | null }>(
  db: Database.Database,
  view: T,
): T {
  if (queueStrategy(db) === 'import') return view
  const [next] = queueIds(db, 1, view.id)
  return { ...view, nextId: next ?? view.nextId }
}

/** The first document of the queue, or null when nothing is left to do. */
export function firstInQueue(db: Database.Database): number | null {
  return queueIds(db, 1)[0] ?? null
}
