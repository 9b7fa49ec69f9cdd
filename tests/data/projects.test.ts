import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../src/main/core/core'
import type { PayloadOf } from '../../src/shared/api/contract'
import { ApiError } from '../../src/shared/api/errors'
import { createApiClient, createMemoryTransport, type Api } from '../../src/shared/api/rpc'
import { tempProject, type TempProject } from '../helpers/temp-project'

describe('opening, creating and remembering projects through the API', () => {
  let project: TempProject
  let home: string
  let core: Core
  let api: Api
  let changes: PayloadOf<'project.changed'>[]

  beforeEach(() => {
    project = tempProject({ seed: true })
    home = mkdtempSync(join(tmpdir(), 'ner-studio-home-'))
    core = createCore({ projectPath: project.path, shell: 'test', recentFile: join(home, 'recent.json') })
    api = createApiClient(createMemoryTransport(core.dispatch, core.bus))
    changes = []
    api.on('project.changed', (c) => changes.push(c))
  })
  afterEach(() => {
    core.close()
    project.cleanup()
    rmSync(home, { recursive: true, force: true })
  })

  it('creates an empty project, switches to it, and can switch back', async () => {
    const created = await api.invoke('project.create', { path: join(project.dir, 'second') })
    expect(created).toEqual({ path: join(project.dir, 'second.nerproj'), name: 'second' })
    expect(existsSync(created.path)).toBe(true)
    expect(changes).toEqual([{ kind: 'project' }])
    expect((await api.invoke('project.stats', {})).documents).toBe(0)
    expect((await api.invoke('app.info', {})).projectName).toBe('second')
    // Writes now go to the new file, and the old one is closed, not deleted.
    await api.invoke('labels.create', { name: 'GENE' })
    expect((await api.invoke('documents.list', {})).total).toBe(0)
    const back = await api.invoke('project.open', { path: project.path })
    expect(back.name).toBe('test')
    expect((await api.invoke('project.stats', {})).documents).toBe(320)
    expect((await api.invoke('labels.list', {})).map((l) => l.name)).not.toContain('GENE')
  })

  it('keeps the recent list newest first in the data folder, marking the open project', async () => {
    const before = await api.invoke('project.recent', {})
    expect(before.items).toEqual([
      { path: project.path, name: 'test', openedAt: null, exists: true, current: true },
    ])
    expect(before.folder).toBe(project.dir)
    const second = await api.invoke('project.create', { path: join(project.dir, 'b.nerproj') })
    const recent = await api.invoke('project.recent', {})
    expect(recent.current).toEqual(second)
    expect(recent.items.map((i) => [i.name, i.current])).toEqual([
      ['b', true],
      ['test', false],
    ])
    const stored = JSON.parse(readFileSync(join(home, 'recent.json'), 'utf8')) as { path: string }[]
    expect(stored.map((e) => e.path)).toEqual([second.path, project.path])
    rmSync(second.path)
    await api.invoke('project.open', { path: project.path })
    const after = await api.invoke('project.recent', {})
    expect(after.items.find((i) => i.name === 'b')?.exists).toBe(false)
    expect(after.items[0]).toMatchObject({ name: 'test', current: true })
  })

  it('refuses what it cannot open with a sentence naming the file, and keeps the open project', async () => {
    const notes = join(project.dir, 'notes.txt')
    writeFileSync(notes, 'not a database')
    const attempts: [string, () => Promise<unknown>, RegExp][] = [
      [
        'not sqlite',
        () => api.invoke('project.open', { path: notes }),
        /notes\.txt is not a NER Studio project/,
      ],
      [
        'missing',
        () => api.invoke('project.open', { path: join(project.dir, 'x.nerproj') }),
        /does not exist/,
      ],
      ['relative', () => api.invoke('project.open', { path: 'x.nerproj' }), /is not a full path/],
      [
        'exists',
        () => api.invoke('project.create', { path: project.path }),
        /already exists; open it instead/,
      ],
      [
        'no folder',
        () => api.invoke('project.create', { path: join(project.dir, 'nope', 'p.nerproj') }),
        /The folder .*nope does not exist/,
      ],
    ]
    for (const [what, attempt, message] of attempts) {
      const err = await attempt().catch((e: unknown) => e)
      expect(err, what).toBeInstanceOf(ApiError)
      expect((err as ApiError).message, what).toMatch(message)
    }
    expect(changes).toEqual([])
    expect((await api.invoke('project.stats', {})).documents).toBe(320)
  })
})
