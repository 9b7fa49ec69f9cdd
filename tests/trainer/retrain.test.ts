/** Background retraining: after N documents are marked done, a warm-started retrain runs, then the pool is scored. */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TRAINING_DEFAULTS } from '../../src/shared/api/features/training'
import type { Api } from '../../src/shared/api/rpc'
import type { Core } from '../../src/main/core/core'
import { closeApiSession, openApiSession, type ApiSession } from '../helpers/api-session'

const built = existsSync(resolve(__dirname, '../../out/main/trainer.js'))

function next(core: Core, event: string, when: (p: unknown) => boolean = () => true): Promise<unknown> {
  return new Promise((r) => {
    const off = core.bus.subscribe((e, p) => {
      if (e === event && when(p)) {
        off()
        r(p)
      }
    })
  })
}

describe.skipIf(!built)('background retraining', () => {
  let session: ApiSession
  let core: Core
  let api: Api
  beforeAll(async () => {
    session = openApiSession()
    ;({ core, api } = session)
    await api.invoke('training.setRetrainPolicy', { auto: true, every: 3 })
    const first = await core.ctx.training.start({ ...TRAINING_DEFAULTS, epochs: 2, device: 'cpu' })
    expect((await first.finished).status).toBe('done')
  })
  afterAll(() => {
    closeApiSession(session)
  })

  it('waits for N newly done documents, retrains from the active model and rescores the queue', async () => {
    expect(await api.invoke('training.retrainPolicy', {})).toEqual({
      auto: true,
      every: 3,
      doneSinceModel: 0,
    })
    const todo = core.ctx.store.db
      .prepare("SELECT id FROM documents WHERE status = 'todo' ORDER BY id LIMIT 3")
      .all() as {
      id: number
    }[]
    const started: unknown[] = []
    const off = core.bus.subscribe((e, p) => e === 'training.started' && started.push(p))
    for (const d of todo.slice(0, 2)) await api.invoke('documents.setStatus', { id: d.id, status: 'done' })
    await new Promise((r) => setTimeout(r, 200))
    expect(started).toHaveLength(0) // two of three: not yet
    expect((await api.invoke('training.retrainPolicy', {})).doneSinceModel).toBe(2)

    const finished = next(core, 'training.finished')
    const scored = next(
      core,
      'queue.progress',
      (p) => !(p as { running: boolean }).running && (p as { done: number }).done > 0,
    )
    await api.invoke('documents.setStatus', { id: todo[2]!.id, status: 'done' })
    expect(await finished).toMatchObject({ status: 'done', model: { version: 2, active: true } })
    expect(await scored).toMatchObject({ modelVersion: 2, error: null })
    off()
    expect(started).toHaveLength(1)
    const status = await api.invoke('queue.status', {})
    expect(status.scored).toBe(status.todo)
    expect((await api.invoke('training.retrainPolicy', {})).doneSinceModel).toBe(0)
  })

  it('runs on demand, and not automatically when switched off', async () => {
    await api.invoke('training.setRetrainPolicy', { auto: false, every: 1 })
    const todo = core.ctx.store.db
      .prepare("SELECT id FROM documents WHERE status = 'todo' ORDER BY id LIMIT 1")
      .get() as {
      id: number
    }
    await api.invoke('documents.setStatus', { id: todo.id, status: 'done' })
    await new Promise((r) => setTimeout(r, 200))
    expect(core.ctx.training.isRunning).toBe(false)
    const finished = next(core, 'training.finished')
    const scored = next(
      core,
      'queue.progress',
      (p) => !(p as { running: boolean }).running && (p as { done: number }).done > 0,
    )
    await api.invoke('training.retrainNow', {})
    expect(await finished).toMatchObject({ status: 'done', model: { version: 3 } })
    expect(await scored).toMatchObject({ modelVersion: 3 })
  })
})
