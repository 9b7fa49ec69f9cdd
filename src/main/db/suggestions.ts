/**
 * Suggestions and the user's decisions on them. Accepting turns a suggestion into a span (refused,
 * with the reason, where it would overlap a span); rejecting keeps the row as negative evidence. A
 * rejection never becomes gold O by itself: only marking the document done does that.
 */
import type Database from 'better-sqlite3'
import type { DecideResult, Suggestion } from '../../shared/api/features/suggestions'
import { ApiError } from '../../shared/api/errors'
import { ensureLabel } from './labels'
import { addSpan } from './spans'

interface Row {
  id: number
  document_id: number
  start: number
  end: number
  label: string
  score: number | null
  source: 'model' | 'pattern'
  model_version: number | null
  decision: 'accepted' | 'rejected' | null
}

const SELECT = `SELECT s.id, s.document_id, s.start, s.end, l.name AS label, s.score, s.source, m.version AS model_version, s.decision
  FROM suggestions s JOIN labels l ON l.id = s.label_id LEFT JOIN models m ON m.id = s.model_id`

const toSuggestion = (r: Row): Suggestion => ({
  id: r.id,
  documentId: r.document_id,
  start: r.start,
  end: r.end,
  label: r.label,
  score: r.score,
  source: r.source,
  modelVersion: r.model_version,
  decision: r.decision,
})

export function listSuggestions(
  db: Database.Database,
  documentId: number,
  includeDecided = false,
): Suggestion[] {
  const rows = db
    .prepare(
      `${SELECT} WHERE s.document_id = ? ${includeDecided ? '' : 'AND s.decision IS NULL'} ORDER BY s.start, s.end`,
    )
    .all(documentId) as Row[]
  if (includeDecided) return rows.map(toSuggestion)
  // The same span proposed by a pattern and by the model is shown once, with the higher confidence.
  const best = new Map<string, Row>()
  for (const r of rows) {
    const key = `${r.start}:${r.end}:${r.label}`
    const seen = best.get(key)
    if (!seen || (r.score ?? 0) > (seen.score ?? 0)) best.set(key, r)
  }
  return [...best.values()].map(toSuggestion)
}

function getSuggestions(db: Database.Database, ids: readonly number[]): Suggestion[] {
  const stmt = db.prepare(`${SELECT} WHERE s.id = ?`)
  return ids.map((id) => {
    const row = stmt.get(id) as Row | undefined
    if (!row) throw new ApiError('not_found', `There is no suggestion with id ${id}.`)
    return toSuggestion(row)
  })
}

export interface NewSuggestion {
  start: number
  end: number
  label: string
  score: number | null
}

/**
 * Brings a document's undecided suggestions from one source in line with a new list: identical ones
 * keep their ids (an open editor may hold them), others are removed or added. Decided ones stay, and a
 * new suggestion identical to a decided one, or overlapping a span the user made, is not proposed.
 */
export function replaceSuggestions(
  db: Database.Database,
  documentId: number,
  source: 'model' | 'pattern',
  modelId: number | null,
  suggestions: readonly NewSuggestion[],
): number {
  const key = (s: { start: number; end: number; label: string }) => `${s.start}:${s.end}:${s.label}`
  const existing = db
    .prepare(
      `SELECT s.id, s.start, s.end, l.name AS label, s.decision FROM suggestions s JOIN labels l ON l.id = s.label_id
       WHERE s.document_id = ? AND s.source = ?`,
    )
    .all(documentId, source) as {
    id: number
    start: number
    end: number
    label: string
    decision: string | null
  }[]
  const decided = new Set(existing.filter((e) => e.decision !== null).map(key))
  const undecided = new Map(existing.filter((e) => e.decision === null).map((e) => [key(e), e.id]))
  const spans = db.prepare('SELECT start, end FROM spans WHERE document_id = ?').all(documentId) as {
    start: number
    end: number
  }[]
  const wanted = suggestions.filter(
    (s) => !decided.has(key(s)) && !spans.some((x) => x.start < s.end && x.end > s.start),
  )
  const wantedKeys = new Set(wanted.map(key))
  const remove = db.prepare('DELETE FROM suggestions WHERE id = ?')
  for (const [k, id] of undecided) if (!wantedKeys.has(k)) remove.run(id)
  const insert = db.prepare(
    'INSERT INTO suggestions (document_id, model_id, start, end, label_id, score, source) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  const update = db.prepare('UPDATE suggestions SET score = ?, model_id = ? WHERE id = ?')
  let added = 0
  for (const s of wanted) {
    const id = undecided.get(key(s))
    if (id !== undefined) {
      update.run(s.score, modelId, id)
      continue
    }
    insert.run(documentId, modelId, s.start, s.end, ensureLabel(db, s.label), s.score, source)
    added++
  }
  return added
}

export function decideSuggestions(
  db: Database.Database,
  ids: readonly number[],
  decision: 'accepted' | 'rejected',
): DecideResult {
  const result: DecideResult = { suggestions: [], createdSpans: [], skipped: [] }
  const mark = db.prepare(
    "UPDATE suggestions SET decision = ?, decided_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?",
  )
  const twins = db.prepare(
    `UPDATE suggestions SET decision = ?, decided_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
     WHERE document_id = ? AND start = ? AND end = ? AND id != ? AND decision IS NULL
       AND label_id = (SELECT id FROM labels WHERE name = ?)`,
  )
  for (const s of getSuggestions(db, ids)) {
    if (decision === 'accepted') {
      try {
        const span = addSpan(db, {
          documentId: s.documentId,
          start: s.start,
          end: s.end,
          label: s.label,
          source: s.source,
        })
        result.createdSpans.push({ suggestionId: s.id, spanId: span.id })
      } catch (err) {
        if (!(err instanceof ApiError)) throw err
        result.skipped.push({ suggestionId: s.id, reason: err.message })
        continue
      }
    }
    mark.run(decision, s.id)
    // A twin from the other source (shown as one suggestion) gets the same decision.
    twins.run(decision, s.documentId, s.start, s.end, s.id, s.label)
  }
  result.suggestions = getSuggestions(db, ids)
  return result
}

export function undecideSuggestions(db: Database.Database, ids: readonly number[]): Suggestion[] {
  const clearSpan = db.prepare(
    "DELETE FROM spans WHERE document_id = ? AND start = ? AND end = ? AND source IN ('model', 'pattern')",
  )
  const clear = db.prepare('UPDATE suggestions SET decision = NULL, decided_at = NULL WHERE id = ?')
  for (const s of getSuggestions(db, ids)) {
    if (s.decision === 'accepted') clearSpan.run(s.documentId, s.start, s.end)
    clear.run(s.id)
  }
  return getSuggestions(db, ids)
}
