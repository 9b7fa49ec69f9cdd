import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../../src/main/core/core'
import { createLabel } from '../../src/main/db/labels'
import { ProjectStore } from '../../src/main/db/store'
import type { PayloadOf } from '../../src/shared/api/contract'
import { ApiError } from '../../src/shared/api/errors'
import type { Api } from '../../src/shared/api/rpc'
import { tempProject, type TempProject } from '../helpers/temp-project'
import { closeApiSession, openApiSession } from '../helpers/api-session'

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')

/** Enough text for several write chunks, so progress is reported while the import runs. */
function manyLines(n: number): string {
  return Array.from(
    { length: n },
    (_, i) => `Line ${i} of a long import about Lisbon ${'x'.repeat(200)}`,
  ).join('\n')
}

describe('data.import from the UI', () => {
  let project: TempProject
  let core: Core
  let api: Api
  beforeEach(() => {
    ;({ project, core, api } = openApiSession())
  })
  afterEach(() => closeApiSession({ project, core, api }))

  it('reports progress and answers other calls while it writes, showing the import only once committed', async () => {
    const progress: PayloadOf<'data.importProgress'>[] = []
    const seenDuring: number[] = []
    api.on('data.importProgress', (p) => {
      progress.push(p)
      // Calls made mid-import are answered from the last committed state.
      if (p.phase === 'write' && p.done > 0 && p.done < p.total) {
        void api.invoke('documents.list', { limit: 1 }).then((page) => seenDuring.push(page.total))
      }
    })
    const summary = await api.invoke('data.import', {
      files: [{ name: 'long.txt', contentBase64: b64(manyLines(5000)) }],
    })
    expect(summary.documents).toBe(5000)
    const writes = progress.filter((p) => p.phase === 'write')
    expect(writes.length).toBeGreaterThan(3)
    expect(writes.map((p) => p.done)).toEqual([...writes.map((p) => p.done)].sort((a, b) => a - b))
    expect(writes.at(-1)).toEqual({ phase: 'write', done: 5000, total: 5000 })
    expect(seenDuring.length).toBeGreaterThan(0)
    expect(new Set(seenDuring)).toEqual(new Set([320]))
    expect((await api.invoke('documents.list', { limit: 1 })).total).toBe(5320)
  })

  it('writes nothing when one of the files is malformed, and leaves the project writable', async () => {
    const err = await api
      .invoke('data.import', {
        files: [
          { name: 'fine.txt', contentBase64: b64(manyLines(50)) },
          { name: 'bad.conll', contentBase64: b64('Ada B-PER\n\nParis X-LOC\n') },
        ],
      })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).message).toMatch(/^bad\.conll:3: /)
    expect((await api.invoke('project.stats', {})).documents).toBe(320)
    await api.invoke('labels.create', { name: 'AFTER' })
    expect((await api.invoke('labels.list', {})).map((l) => l.name)).toContain('AFTER')
  })

  it('refuses a second import while one runs', async () => {
    const first = api.invoke('data.import', {
      files: [{ name: 'a.txt', contentBase64: b64(manyLines(3000)) }],
    })
    const second = await api
      .invoke('data.import', { files: [{ name: 'b.txt', contentBase64: b64('one more line') }] })
      .catch((e: unknown) => e)
    expect((second as ApiError).message).toBe('An import is already running; wait for it to finish.')
    expect((await first).documents).toBe(3000)
  })
})

describe('a write while another connection holds the project', () => {
  it('is refused with a sentence naming the project, and nothing is changed', () => {
    const project = tempProject()
    const store = ProjectStore.open(project.path)
    const other = new Database(project.path)
    try {
      other.exec('BEGIN IMMEDIATE')
      store.db.pragma('busy_timeout = 20')
      expect(() => store.transaction(() => createLabel(store.db, { name: 'PER' }))).toThrow(
        'test is busy with another write (an import?); nothing was changed. Try again when it has finished.',
      )
      other.exec('ROLLBACK')
      store.transaction(() => createLabel(store.db, { name: 'PER' }))
      expect(store.db.prepare('SELECT name FROM labels').all()).toEqual([{ name: 'PER' }])
    } finally {
      other.close()
      store.close()
      project.cleanup()
    }
  })
})
