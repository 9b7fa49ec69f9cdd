/**
 * Opening a project file safely: refuse what is not ours or is from a newer version, check
 * integrity, switch on WAL and foreign keys, then bring the schema up to date.
 */
import { existsSync, openSync, readSync, closeSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import Database from 'better-sqlite3'
import { UserError } from '../../shared/api/errors'
import { LATEST_SCHEMA_VERSION, migrations } from './migrations'

/** PRAGMA application_id of every NER Studio project: "NERS" in ASCII. */
export const APPLICATION_ID = 0x4e455253

const SQLITE_MAGIC = 'SQLite format 3\u0000'

export interface OpenOptions {
  /** Create the file when it does not exist (default false). */
  create?: boolean
  readonly?: boolean
}

function looksLikeSqlite(path: string): boolean {
  if (statSync(path).size === 0) return true // an empty file is a fresh database to SQLite
  const fd = openSync(path, 'r')
  try {
    const buf = Buffer.alloc(16)
    readSync(fd, buf, 0, 16, 0)
    return buf.toString('latin1') === SQLITE_MAGIC
  } finally {
    closeSync(fd)
  }
}

export function openProjectDatabase(path: string, options: OpenOptions = {}): Database.Database {
  const name = basename(path)
  const exists = existsSync(path)
  if (!exists && !options.create) {
    throw new UserError(`The project file ${path} does not exist.`)
  }
  if (exists && !looksLikeSqlite(path)) {
    throw new UserError(`${name} is not a NER Studio project: it is not an SQLite database.`)
  }
  const db = new Database(path, { readonly: options.readonly ?? false })
  try {
    const appId = db.pragma('application_id', { simple: true }) as number
    const version = db.pragma('user_version', { simple: true }) as number
    const tableCount = (
      db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }
    ).n
    if (appId !== APPLICATION_ID && (appId !== 0 || tableCount > 0)) {
      throw new UserError(`${name} is an SQLite database but not a NER Studio project.`)
    }
    if (version > LATEST_SCHEMA_VERSION) {
      throw new UserError(
        `${name} was saved by a newer NER Studio (project schema ${version}; this version reads up to ${LATEST_SCHEMA_VERSION}). Update NER Studio to open it.`,
      )
    }
    const integrity = db.pragma('integrity_check', { simple: true })
    if (integrity !== 'ok') {
      throw new UserError(
        `${name} failed SQLite's integrity check (${String(integrity)}). Open a backup, or run "sqlite3 ${name} .recover" to salvage it.`,
      )
    }
    if (!options.readonly) {
      db.pragma('journal_mode = WAL')
      db.pragma('synchronous = NORMAL')
    }
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    if (!options.readonly) migrate(db)
    return db
  } catch (err) {
    db.close()
    throw err
  }
}

/**
 * Another connection to a project the app already has open, for a long write that should leave the
 * first connection free to answer reads meanwhile (WAL lets them see the last committed state). The
 * first connection has already checked and migrated the file.
 */
export function openWriterConnection(path: string): Database.Database {
  const db = new Database(path, { fileMustExist: true })
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  return db
}

export function migrate(db: Database.Database, upTo: number = LATEST_SCHEMA_VERSION): void {
  const current = db.pragma('user_version', { simple: true }) as number
  for (const m of migrations) {
    if (m.version <= current || m.version > upTo) continue
    db.transaction(() => {
      db.exec(m.up)
      db.pragma(`application_id = ${APPLICATION_ID}`)
      db.pragma(`user_version = ${m.version}`)
    })()
  }
}
