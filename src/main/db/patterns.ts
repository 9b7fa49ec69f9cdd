/** Pattern rows (terms and regular expressions per label). */
import type Database from 'better-sqlite3'
import { NotFoundError } from '../../shared/api/errors'
import type { Pattern } from '../../shared/api/features/patterns'
import { compileRegex, type PatternRule } from '../active/patterns'
import { ensureLabel } from './labels'

interface Row {
  id: number
  label: string
  kind: 'term' | 'regex'
  pattern: string
  case_sensitive: number
}

const toPattern = (r: Row): Pattern => ({
  id: r.id,
  label: r.label,
  kind: r.kind,
  pattern: r.pattern,
  caseSensitive: r.case_sensitive === 1,
})

export function listPatterns(db: Database.Database): Pattern[] {
  return (
    db
      .prepare(
        `SELECT p.id, l.name AS label, p.kind, p.pattern, p.case_sensitive FROM patterns p
         JOIN labels l ON l.id = p.label_id ORDER BY l.position, l.id, p.kind, p.pattern`,
      )
      .all() as Row[]
  ).map(toPattern)
}

/** Adds rules (labels created as needed); rules already present are skipped. Returns how many were new. */
export function addPatterns(db: Database.Database, rules: readonly PatternRule[]): number {
  const insert = db.prepare(
    'INSERT OR IGNORE INTO patterns (label_id, kind, pattern, case_sensitive) VALUES (?, ?, ?, ?)',
  )
  let added = 0
  for (const r of rules) {
    if (r.kind === 'regex') compileRegex(r.pattern, r.caseSensitive)
    added += insert.run(ensureLabel(db, r.label), r.kind, r.pattern, r.caseSensitive ? 1 : 0).changes
  }
  return added
}

export function deletePattern(db: Database.Database, id: number): void {
  if (db.prepare('DELETE FROM patterns WHERE id = ?').run(id).changes === 0) {
    throw new NotFoundError(`There is no pattern with id ${id}.`)
  }
}
