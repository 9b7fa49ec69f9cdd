import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { calls, events } from '../../src/shared/api/contract'
import { ApiError } from '../../src/shared/api/errors'
import type { Api } from '../../src/shared/api/rpc'
import { createCore, createHandlers, type Core } from '../../src/main/core/core'
import { type TempProject } from '../helpers/temp-project'
import { closeApiSession, openApiSession } from '../helpers/api-session'

describe('the API contract over an in-memory transport', () => {
  let project: TempProject
  let core: Core
  let api: Api

  beforeEach(() => {
    ;({ project, core, api } = openApiSession())
  })
  afterEach(() => closeApiSession({ project, core, api }))

  it('has exactly one handler per call, and every call and event is documented', () => {
    const handlers = createHandlers(core.ctx)
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(calls).sort())
    for (const spec of [...Object.values(calls), ...Object.values(events)])
      expect(spec.doc.length).toBeGreaterThan(5)
  })

  it('answers typed results read from the project file', async () => {
    const stats = await api.invoke('project.stats', {})
    expect(stats.documents).toBe(320)
    expect(stats.byStatus.done).toBe(120)
    expect(Object.keys(stats.spansPerLabel).sort()).toEqual(['DATE', 'LOC', 'ORG', 'PER'])
    const info = await api.invoke('app.info', {})
    expect(info.shell).toBe('test')
    expect(['cpu', 'cuda']).toContain(info.device.provider)
    expect(info.device.reason).toMatch(/^Training (uses|will use) /)
  })

  it('rejects input that does not match the schema with a sentence naming the field', async () => {
    const err = await api
      .invoke('spans.add', { documentId: 1, start: 5, end: 2, label: 'PER' })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).code).toBe('invalid_input')
    expect((err as ApiError).message).toBe('end: A span must end after it starts.')
    expect((err as ApiError).where).toBe('end')
  })

  it('turns refusals of the core into user errors with a sentence', async () => {
    const first = await api.invoke('documents.first', { status: 'done' })
    expect(first).not.toBeNull()
    const span = first!.spans[0]!
    const err = (await api
      .invoke('spans.add', { documentId: first!.id, start: span.start, end: span.end, label: 'PER' })
      .catch((e: unknown) => e)) as ApiError
    expect(err.code).toBe('conflict')
    expect(err.message).toMatch(
      /^That overlaps the \w+ span ".+"; flat NER allows one label per character\.$/,
    )
    const missing = (await api.invoke('documents.get', { id: 99999 }).catch((e: unknown) => e)) as ApiError
    expect(missing.code).toBe('not_found')
  })

  it('refuses unknown calls and hides internal errors behind a generic sentence', async () => {
    const envelope = await core.dispatch('no.such.call', {})
    expect(envelope).toEqual({
      ok: false,
      error: { code: 'unknown_call', message: 'There is no call named "no.such.call".' },
    })
    const logged: string[] = []
    const other = createCore({ projectPath: project.path, shell: 'test', log: (m) => logged.push(m) })
    other.ctx.store.close() // every later query now throws a plain Error inside the handler
    const failing = await other.dispatch('project.stats', {})
    expect(failing).toEqual({
      ok: false,
      error: {
        code: 'internal',
        message: 'Something went wrong inside NER Studio; the details are in the log.',
      },
    })
    expect(logged).toHaveLength(1)
    expect(logged[0]).toMatch(/^\[project.stats\] .*database connection is not open/)
  })

  it('delivers events to subscribers after a change', async () => {
    const seen: unknown[] = []
    const off = api.on('project.changed', (p) => seen.push(p))
    const doc = await api.invoke('documents.first', { status: 'todo' })
    const label = await api.invoke('labels.create', { name: 'PRODUCT' })
    const span = await api.invoke('spans.add', { documentId: doc!.id, start: 0, end: 2, label: label.name })
    expect(span).toMatchObject({ start: 0, end: 2, label: 'PRODUCT', source: 'manual' })
    off()
    await api.invoke('spans.delete', { id: span.id })
    expect(seen).toEqual([{ kind: 'labels' }, { kind: 'spans', documentId: doc!.id }])
  })
})
