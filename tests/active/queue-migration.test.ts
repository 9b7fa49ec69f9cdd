import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../src/main/db/open'
import { getSetting, setSetting } from '../../src/main/db/settings'

describe('migration 0004 (queue)', () => {
  it('adds queue scores that go with their document and model, and project settings', () => {
    const db = new Database(':memory:')
    migrate(db, 3)
    db.exec(`INSERT INTO documents (id, text, content_hash) VALUES (1, 'a', 'h1');
             INSERT INTO models (id, version, architecture, config) VALUES (1, 1, 'scratch', '{}');`)
    migrate(db, 4)
    expect(db.pragma('user_version', { simple: true })).toBe(4)
    db.pragma('foreign_keys = ON')
    db.exec(
      'INSERT INTO queue_scores (document_id, model_id, least_confidence, margin, entropy, mnlp) VALUES (1, 1, 0.5, 0.4, 1.2, 0.3)',
    )
    db.exec('DELETE FROM models WHERE id = 1')
    expect(db.prepare('SELECT count(*) AS n FROM queue_scores').get()).toEqual({ n: 0 })
    expect(getSetting(db, 'queue.strategy', 'import')).toBe('import')
    setSetting(db, 'queue.strategy', 'mnlp')
    setSetting(db, 'queue.strategy', 'margin')
    expect(getSetting(db, 'queue.strategy', 'import')).toBe('margin')
    db.close()
  })
})
