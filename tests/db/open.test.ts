import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LATEST_SCHEMA_VERSION } from '../../src/main/db/migrations'
import { APPLICATION_ID, migrate } from '../../src/main/db/open'
import { ProjectStore } from '../../src/main/db/store'
import { UserError } from '../../src/shared/api/errors'
import { tempProject, type TempProject } from '../helpers/temp-project'

describe('opening a project file', () => {
  let tmp: TempProject
  beforeEach(() => {
    tmp = tempProject()
  })
  afterEach(() => tmp.cleanup())

  it('creates a project with WAL, foreign keys and the latest schema', () => {
    const store = ProjectStore.open(tmp.path)
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(store.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID)
    expect(store.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION)
    store.close()
  })

  it('refuses a missing file unless asked to create it', () => {
    expect(() => ProjectStore.open(join(tmp.dir, 'nope.nerproj'))).toThrow(/does not exist/)
  })

  it('refuses a file that is not an SQLite database, naming it', () => {
    const path = join(tmp.dir, 'notes.txt')
    writeFileSync(path, 'hello, this is not a database at all')
    expect(() => ProjectStore.open(path)).toThrow(
      new UserError('notes.txt is not a NER Studio project: it is not an SQLite database.'),
    )
  })

  it('refuses another application’s SQLite database and leaves it untouched', () => {
    const path = join(tmp.dir, 'other.db')
    const other = new Database(path)
    other.exec('CREATE TABLE things (x)')
    other.close()
    expect(() => ProjectStore.open(path)).toThrow(
      'other.db is an SQLite database but not a NER Studio project.',
    )
    const check = new Database(path)
    expect(check.pragma('user_version', { simple: true })).toBe(0)
    check.close()
  })

  it('refuses a project saved by a newer version, with the schema numbers', () => {
    const db = new Database(tmp.path)
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`)
    db.close()
    expect(() => ProjectStore.open(tmp.path)).toThrow(
      `was saved by a newer NER Studio (project schema ${LATEST_SCHEMA_VERSION + 1}; this version reads up to ${LATEST_SCHEMA_VERSION})`,
    )
  })

  it('writes a consistent backup with VACUUM INTO that opens as a project', () => {
    const store = ProjectStore.open(tmp.path)
    store.db.prepare("INSERT INTO labels (name, color, position) VALUES ('PER', '#000000', 0)").run()
    const backup = store.backup(join(tmp.dir, 'copy.nerproj'))
    expect(backup.bytes).toBeGreaterThan(0)
    expect(() => store.backup(join(tmp.dir, 'copy.nerproj'))).toThrow(/already exists/)
    store.close()
    const copy = ProjectStore.open(backup.path)
    expect(copy.db.prepare('SELECT name FROM labels').all()).toEqual([{ name: 'PER' }])
    copy.close()
  })
})

describe('migration 0001 (initial)', () => {
  it('creates every table of the schema on an empty database, and is idempotent', () => {
    const db = new Database(':memory:')
    migrate(db, 1)
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
        name: string
      }[]
    ).map((r) => r.name)
    expect(tables).toEqual([
      'documents',
      'edit_log',
      'labels',
      'models',
      'spans',
      'suggestions',
      'training_runs',
    ])
    expect(db.pragma('user_version', { simple: true })).toBe(1)
    migrate(db, 1)
    expect(db.pragma('user_version', { simple: true })).toBe(1)
    db.pragma('foreign_keys = ON')
    // Spans go with their document, and a span must end after it starts.
    db.exec(`INSERT INTO labels (id, name, color, position) VALUES (1, 'PER', '#000000', 0);
             INSERT INTO documents (id, text, content_hash) VALUES (1, 'Ada Lovelace', 'h1');
             INSERT INTO spans (document_id, start, end, label_id) VALUES (1, 0, 3, 1);`)
    expect(() =>
      db.exec('INSERT INTO spans (document_id, start, end, label_id) VALUES (1, 3, 3, 1)'),
    ).toThrow(/CHECK/)
    db.exec('DELETE FROM documents WHERE id = 1')
    expect(db.prepare('SELECT count(*) AS n FROM spans').get()).toEqual({ n: 0 })
    db.close()
  })
})
