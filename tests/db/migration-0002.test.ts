import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { listDocuments } from '../../src/main/db/documents'
import { LATEST_SCHEMA_VERSION } from '../../src/main/db/migrations'
import { migrate } from '../../src/main/db/open'
import { ProjectStore } from '../../src/main/db/store'
import { tempProject } from '../helpers/temp-project'

const TEXTS = [
  'Ada Lovelace wrote the first program in London.',
  '东京都的王小明昨天去了上海浦东机场。',
  'Grace Hopper found a moth in the Mark II at Harvard.',
  'No entities here, only 50% of a sentence_with underscores.',
]

/** A project file exactly as schema 1 left it, with documents already in it. */
function versionOneProject(): { path: string; cleanup: () => void } {
  const tmp = tempProject()
  const fresh = new Database(`${tmp.path}.v1`)
  migrate(fresh, 1)
  const insert = fresh.prepare('INSERT INTO documents (text, content_hash) VALUES (?, ?)')
  TEXTS.forEach((t, i) => insert.run(t, `h${i}`))
  fresh.close()
  return { path: `${tmp.path}.v1`, cleanup: tmp.cleanup }
}

const search = (db: Database.Database, query: string) =>
  listDocuments(db, { offset: 0, limit: 50, query }).items.map((d) => d.preview)

describe('migration 0002 (document search)', () => {
  it('indexes the documents a version-1 project already holds, and finds substrings in any script', () => {
    const v1 = versionOneProject()
    try {
      const before = new Database(v1.path)
      expect(before.pragma('user_version', { simple: true })).toBe(1)
      before.close()
      const store = ProjectStore.open(v1.path)
      expect(store.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION)
      const { n } = store.db.prepare('SELECT count(*) AS n FROM documents_fts').get() as { n: number }
      expect(n).toBe(TEXTS.length)
      // Served by the trigram index: the query plan goes through documents_fts.
      const plan = store.db
        .prepare(`EXPLAIN QUERY PLAN SELECT rowid FROM documents_fts WHERE documents_fts MATCH '"Hopper"'`)
        .all() as { detail: string }[]
      expect(plan.map((p) => p.detail).join(' ')).toMatch(/VIRTUAL TABLE INDEX/)
      expect(search(store.db, 'lovelace')).toEqual([TEXTS[0]])
      expect(search(store.db, '浦东机')).toEqual([TEXTS[1]])
      expect(search(store.db, 'moth in the Mark')).toEqual([TEXTS[2]])
      // Shorter than a trigram: answered by LIKE, same meaning.
      expect(search(store.db, '王')).toEqual([TEXTS[1]])
      expect(search(store.db, 'IN')).toEqual(TEXTS.filter((t) => t.toLowerCase().includes('in')))
      // Case-insensitive, as LIKE is for the short queries.
      expect(search(store.db, 'HOPPER found')).toEqual([TEXTS[2]])
      // LIKE wildcards and quotes typed by the user are plain characters.
      expect(search(store.db, '"moth"')).toEqual([])
      expect(search(store.db, '50%')).toEqual([TEXTS[3]])
      expect(search(store.db, 'e_w')).toEqual([TEXTS[3]])
      expect(search(store.db, 'a_b')).toEqual([])
      store.close()
    } finally {
      v1.cleanup()
    }
  })

  it('keeps the index in step with inserts, edits and deletes', () => {
    const db = new Database(':memory:')
    migrate(db)
    db.pragma('foreign_keys = ON')
    const insert = db.prepare('INSERT INTO documents (text, content_hash) VALUES (?, ?)')
    const id = Number(insert.run('The Danube flows through Vienna.', 'a').lastInsertRowid)
    insert.run('Budapest sits on the Danube too.', 'b')
    expect(search(db, 'danube')).toHaveLength(2)
    db.prepare('UPDATE documents SET text = ? WHERE id = ?').run('The Rhine flows through Basel.', id)
    expect(search(db, 'vienna')).toEqual([])
    expect(search(db, 'rhine')).toEqual(['The Rhine flows through Basel.'])
    db.prepare('DELETE FROM documents WHERE id = ?').run(id)
    expect(search(db, 'rhine')).toEqual([])
    expect(
      db.prepare("INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')").run(),
    ).toBeTruthy()
    db.close()
  })
})
