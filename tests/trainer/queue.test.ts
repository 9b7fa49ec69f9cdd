/** The active-learning queue: pool scoring in the trainer process, and the order the editor follows. */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TRAINING_DEFAULTS } from '../../src/shared/api/features/training'
import type { Api } from '../../src/shared/api/rpc'
import type { Core } from '../../src/main/core/core'
import { closeApiSession, openApiSession, type ApiSession } from '../helpers/api-session'

const built = existsSync(resolve(__dirname, '../../out/main/trainer.js'))

describe.skipIf(!built)('the labelling queue', () => {
  let session: ApiSession
  let core: Core
  let api: Api
  beforeAll(async () => {
    session = openApiSession()
    ;({ core, api } = session)
    const run = await core.ctx.training.start({ ...TRAINING_DEFAULTS, epochs: 2, device: 'cpu' })
    expect((await run.finished).status).toBe('done')
  })
  afterAll(() => {
    closeApiSession(session)
  })

  it('scores every document still to do in the background, with progress', async () => {
    const before = await api.invoke('queue.status', {})
    expect(before).toMatchObject({ strategy: 'import', scored: 0, todo: 200 })
    const progress: number[] = []
    const off = api.on('queue.progress', (p) => progress.push(p.done))
    const done = core.ctx.scoring.start()
    const state = await done
    off()
    expect(state).toMatchObject({ running: false, done: 200, total: 200, modelVersion: 1, error: null })
    expect(progress[progress.length - 1]).toBe(200)
    expect((await api.invoke('queue.status', {})).scored).toBe(200)
  })

  it('serves the most uncertain document first under an uncertainty strategy, and next follows the ranking', async () => {
    const db = core.ctx.store.db
    for (const [strategy, column] of [
      ['least-confidence', 'least_confidence'],
      ['margin', 'margin'],
      ['entropy', 'entropy'],
      ['mnlp', 'mnlp'],
    ] as const) {
      await api.invoke('queue.setStrategy', { strategy })
      const ranked = db
        .prepare(
          `SELECT d.id FROM documents d JOIN queue_scores q ON q.document_id = d.id WHERE d.status = 'todo' ORDER BY q.${column} DESC, d.id LIMIT 2`,
        )
        .all() as { id: number }[]
      const first = await api.invoke('documents.first', { status: 'todo' })
      expect(first!.id).toBe(ranked[0]!.id)
      expect(first!.nextId).toBe(ranked[1]!.id)
    }
  })

  it('gives a reproducible random order per seed, and import order back on request', async () => {
    await api.invoke('queue.setStrategy', { strategy: 'random', seed: 1 })
    const a = (await api.invoke('documents.first', { status: 'todo' }))!.id
    await api.invoke('queue.setStrategy', { strategy: 'random', seed: 1 })
    expect((await api.invoke('documents.first', { status: 'todo' }))!.id).toBe(a)
    const firsts = new Set<number>()
    for (const seed of [2, 3, 4, 5]) {
      await api.invoke('queue.setStrategy', { strategy: 'random', seed })
      firsts.add((await api.invoke('documents.first', { status: 'todo' }))!.id)
    }
    expect(firsts.size).toBeGreaterThan(1)
    await api.invoke('queue.setStrategy', { strategy: 'import' })
    const minTodo = core.ctx.store.db
      .prepare("SELECT min(id) AS id FROM documents WHERE status = 'todo'")
      .get() as { id: number }
    expect((await api.invoke('documents.first', { status: 'todo' }))!.id).toBe(minTodo.id)
  })
})
