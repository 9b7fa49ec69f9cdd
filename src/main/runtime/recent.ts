/**
 * The recently opened projects, kept as a small JSON file in the user's data folder so that the
 * Electron app and browser mode offer the same list. A missing or damaged file is an empty list:
 * losing the list must never stop the app from starting.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { basename, dirname, extname, join, resolve } from 'node:path'
import { userDataDir } from './paths'

export interface RecentEntry {
  path: string
  openedAt: string
}

export const RECENT_LIMIT = 12

export function defaultRecentFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(userDataDir(env), 'recent-projects.json')
}

export function projectName(path: string): string {
  return basename(path, extname(path))
}

export class RecentProjects {
  /** `file` null keeps no list (tests, one-off CLI runs). */
  constructor(
    readonly file: string | null,
    private readonly limit = RECENT_LIMIT,
  ) {}

  list(): RecentEntry[] {
    if (!this.file || !existsSync(this.file)) return []
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as unknown
      if (!Array.isArray(data)) return []
      return data.filter(
        (e): e is RecentEntry =>
          typeof e === 'object' &&
          e !== null &&
          typeof (e as RecentEntry).path === 'string' &&
          typeof (e as RecentEntry).openedAt === 'string',
      )
    } catch {
      return []
    }
  }

  /**
   * Puts the project first; the oldest fall off past the limit. Returns false when the list could
   * not be written (a read-only data folder), which costs the user a shortcut, not their work.
   */
  add(path: string, at: Date = new Date()): boolean {
    if (!this.file) return false
    const full = resolve(path)
    const entries = [
      { path: full, openedAt: at.toISOString() },
      ...this.list().filter((e) => e.path !== full),
    ].slice(0, this.limit)
    try {
      mkdirSync(dirname(this.file), { recursive: true })
      // Write then rename, so a crash mid-write leaves the old list rather than half a file.
      const tmp = `${this.file}.tmp`
      writeFileSync(tmp, JSON.stringify(entries, null, 2))
      renameSync(tmp, this.file)
      return true
    } catch {
      return false
    }
  }
}
