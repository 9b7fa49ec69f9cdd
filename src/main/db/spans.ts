/** Span edits. Flat NER: a span may not overlap another in the same document. */
import type Database from 'better-sqlite3'
import { ApiError, NotFoundError, UserError } from '../../shared/api/errors'
import type { StoredSpan } from '../../shared/api/features/documents'
import type { SpanSource } from '../../shared/types'
import { labelIdByName } from './labels'

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}

export function addSpan(
  db: Database.Database,
  input: { documentId: number; start: number; end: number; label: string; source?: SpanSource },
): StoredSpan {
  const doc = db.prepare('SELECT text FROM documents WHERE id = ?').get(input.documentId) as
    { text: string } | undefined
  if (!doc) throw new NotFoundError(`There is no document with id ${input.documentId}.`)
  const { start, end } = input
  if (end > doc.text.length) {
    throw new UserError(
      `The span ends at ${end}, past the end of the document (${doc.text.length} characters).`,
    )
  }
  if (
    isLowSurrogate(doc.text.charCodeAt(start)) ||
    (end < doc.text.length && isLowSurrogate(doc.text.charCodeAt(end)))
  ) {
    throw new UserError('The span would cut a character in half; select whole characters.')
  }
  const labelId = labelIdByName(db, input.label)
  const overlap = db
    .prepare(
      `SELECT s.start, s.end, l.name AS label FROM spans s JOIN labels l ON l.id = s.label_id
       WHERE s.document_id = ? AND s.start < ? AND s.end > ? LIMIT 1`,
    )
    .get(input.documentId, end, start) as { start: number; end: number; label: string } | undefined
  if (overlap) {
    throw new ApiError(
      'conflict',
      `That overlaps the ${overlap.label} span "${doc.text.slice(overlap.start, overlap.end)}"; flat NER allows one label per character.`,
    )
  }
  const info = db
    .prepare('INSERT INTO spans (document_id, start, end, label_id, source) VALUES (?, ?, ?, ?, ?)')
    .run(input.documentId, start, end, labelId, input.source ?? 'manual')
  return getSpan(db, Number(info.lastInsertRowid))
}

export function getSpan(db: Database.Database, id: number): StoredSpan & { documentId: number } {
  const row = db
    .prepare(
      `SELECT s.id, s.document_id AS documentId, s.start, s.end, l.name AS label, s.source
       FROM spans s JOIN labels l ON l.id = s.label_id WHERE s.id = ?`,
    )
    .get(id) as (StoredSpan & { documentId: number }) | undefined
  if (!row) throw new NotFoundError(`There is no span with id ${id}.`)
  return row
}

export function deleteSpan(db: Database.Database, id: number): number {
  return db.prepare('DELETE FROM spans WHERE id = ?').run(id).changes
}

export function relabelSpan(db: Database.Database, id: number, label: string): StoredSpan {
  const labelId = labelIdByName(db, label)
  const info = db.prepare('UPDATE spans SET label_id = ? WHERE id = ?').run(labelId, id)
  if (info.changes === 0) throw new NotFoundError(`There is no span with id ${id}.`)
  return getSpan(db, id)
}
