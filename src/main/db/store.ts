/**
 * A project file, open. Owns the connection; feature modules (labels, documents, spans, stats) take
 * the raw handle so they stay small and can be combined inside one transaction.
 */
import { existsSync, statSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import type Database from 'better-sqlite3'
import { UserError } from '../../shared/api/errors'
import { openProjectDatabase, type OpenOptions } from './open'

export class ProjectStore {
  readonly path: string
  readonly db: Database.Database

  private constructor(path: string, db: Database.Database) {
    this.path = path
    this.db = db
  }

  static open(path: string, options: OpenOptions = {}): ProjectStore {
    return new ProjectStore(path, openProjectDatabase(path, options))
  }

  get name(): string {
    return basename(this.path, extname(this.path))
  }

  /** Runs fn in one transaction: all of it is saved, or none of it. */
  transaction<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn)()
    } catch (err) {
      // Another connection (an import from the UI, or the CLI) holds the write lock past the timeout.
      if ((err as { code?: unknown }).code === 'SQLITE_BUSY') {
        throw new UserError(
          `${this.name} is busy with another write (an import?); nothing was changed. Try again when it has finished.`,
        )
      }
      throw err
    }
  }

  /** Records an edit for the audit trail (undo itself lives in the editor session). */
  logEdit(action: string, payload: unknown): void {
    this.db
      .prepare('INSERT INTO edit_log (action, payload) VALUES (?, ?)')
      .run(action, JSON.stringify(payload))
  }

  /** A consistent copy of the whole project, safe while the app keeps writing (VACUUM INTO). */
  backup(target?: string): { path: string; bytes: number } {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    const out =
      target ?? join(dirname(this.path), `${this.name}.backup-${stamp}${extname(this.path) || '.nerproj'}`)
    if (existsSync(out)) throw new UserError(`The backup file ${out} already exists; choose another name.`)
    this.db.prepare('VACUUM INTO ?').run(out)
    return { path: out, bytes: statSync(out).size }
  }

  close(): void {
    if (this.db.open) this.db.close()
  }
}
