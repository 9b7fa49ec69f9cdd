/** Project statistics for `ner-studio stats` and the project overview. */
import type Database from 'better-sqlite3'
import type { ProjectStats } from '../../shared/api/features/project'
import { DOC_STATUSES, SPLITS, type DocStatus, type Split } from '../../shared/types'

export function projectStats(db: Database.Database): ProjectStats {
  const bySplit = Object.fromEntries(SPLITS.map((s) => [s, 0])) as Record<Split, number>
  const byStatus = Object.fromEntries(DOC_STATUSES.map((s) => [s, 0])) as Record<DocStatus, number>
  const rows = db
    .prepare(
      'SELECT split, status, count(*) AS count, sum(token_count) AS tokens FROM documents GROUP BY split, status ORDER BY split, status',
    )
    .all() as { split: Split; status: DocStatus; count: number; tokens: number }[]
  let documents = 0
  let tokens = 0
  for (const r of rows) {
    bySplit[r.split] += r.count
    byStatus[r.status] += r.count
    documents += r.count
    tokens += r.tokens
  }
  const spansPerLabel: Record<string, number> = {}
  let spans = 0
  for (const r of db
    .prepare(
      `SELECT l.name AS label, count(s.id) AS n FROM labels l LEFT JOIN spans s ON s.label_id = l.id
       GROUP BY l.id ORDER BY l.name`,
    )
    .all() as { label: string; n: number }[]) {
    spansPerLabel[r.label] = r.n
    spans += r.n
  }
  const models = (db.prepare('SELECT count(*) AS n FROM models').get() as { n: number }).n
  return {
    documents,
    bySplit,
    byStatus,
    bySplitStatus: rows.map(({ split, status, count }) => ({ split, status, count })),
    tokens,
    spans,
    spansPerLabel,
    models,
  }
}
