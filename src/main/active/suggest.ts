/** Keeps a document's pattern suggestions in step with the project's patterns. */
import type Database from 'better-sqlite3'
import { listPatterns } from '../db/patterns'
import { replaceSuggestions } from '../db/suggestions'
import { storedTokens } from '../trainer/dataset'
import { PatternMatcher } from './patterns'

/** Re-runs the patterns on a document that is still to do; done documents keep what they have. */
export function refreshPatternSuggestions(db: Database.Database, documentId: number): number {
  const doc = db.prepare('SELECT text, tokens, status FROM documents WHERE id = ?').get(documentId) as
    { text: string; tokens: string | null; status: string } | undefined
  if (!doc || doc.status === 'done') return 0
  const patterns = listPatterns(db)
  const matcher = new PatternMatcher(patterns)
  return replaceSuggestions(
    db,
    documentId,
    'pattern',
    null,
    matcher.match(doc.text, storedTokens(doc.text, doc.tokens)),
  )
}
