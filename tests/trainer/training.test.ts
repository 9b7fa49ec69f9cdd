/**
 * Training through the trainer process, as the app and the CLI run it: a real child process, a real
 * project file and real ONNX Runtime sessions. Uses the demo project (80 labelled training
 * sentences, 40 dev) and few epochs so it stays quick.
 */
import { existsSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TrainingSettings } from '../../src/shared/api/features/training'
import { TRAINING_DEFAULTS } from '../../src/shared/api/features/training'
import { createCore, type Core } from '../../src/main/core/core'
import { exportToFile } from '../../src/main/data/export'
import { listModels } from '../../src/main/db/models'
import { evaluateFile, modelDir } from '../../src/main/trainer/evaluate'
import { tempProject, type TempProject } from '../helpers/temp-project'
import { conlleval } from './conlleval'

const built = existsSync(resolve(__dirname, '../../out/main/trainer.js'))
const quick: TrainingSettings = { ...TRAINING_DEFAULTS, epochs: 3, device: 'cpu', patience: 10 }

describe.skipIf(!built)('training in the trainer process', () => {
  let tmp: TempProject
  let core: Core
  const events: { event: string; payload: unknown }[] = []

  beforeEach(() => {
    tmp = tempProject({ seed: true })
    core = createCore({ projectPath: tmp.path, shell: 'test' })
    events.length = 0
    core.bus.subscribe((event, payload) => events.push({ event, payload }))
  })
  afterEach(() => {
    core.close()
    tmp.cleanup()
  })

  it('trains, reports progress and epochs, and registers the best model as the active version', async () => {
    const { finished } = await core.ctx.training.start(quick)
    const result = await finished
    expect(result.status).toBe('done')
    expect(result.model).toMatchObject({ version: 1, active: true, architecture: 'cnn' })
    const kinds = events.map((e) => e.event)
    expect(kinds[0]).toBe('training.started')
    expect(kinds.filter((k) => k === 'training.epoch')).toHaveLength(3)
    expect(kinds).toContain('training.progress')
    expect(kinds[kinds.length - 1]).toBe('training.finished')
    const epochs = events
      .filter((e) => e.event === 'training.epoch')
      .map((e) => e.payload as { epoch: number; dev: { micro: { f1: number } } })
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2, 3])
    const bestF1 = Math.max(...epochs.map((e) => e.dev.micro.f1))
    expect(result.model!.devF1).toBeCloseTo(bestF1, 10)
    const models = listModels(core.ctx.store.db)
    expect(models).toHaveLength(1)
    const run = core.ctx.store.db
      .prepare('SELECT status, json_array_length(epochs) AS n FROM training_runs')
      .get()
    expect(run).toEqual({ status: 'done', n: 3 })

    // eval on the dev split agrees with the trainer's own dev score and with a conlleval port.
    const dev = join(tmp.dir, 'dev.conll')
    exportToFile(core.ctx.store, { format: 'conll', split: 'dev', status: 'done' }, dev)
    const { dir } = modelDir(core.ctx.store.db, core.ctx.store.path)
    const evaluation = await evaluateFile(dir, dev)
    expect(evaluation.metrics.micro.f1).toBeCloseTo(result.model!.devF1!, 10)
    const predictions = join(tmp.dir, 'pred.txt')
    writeFileSync(predictions, evaluation.predictions)
    const oracle = conlleval(evaluation.predictions)
    expect(oracle.f1.toFixed(3)).toBe(evaluation.metrics.micro.f1.toFixed(3))
    expect(oracle.precision.toFixed(3)).toBe(evaluation.metrics.micro.precision.toFixed(3))

    // The new active model proposes spans for documents still to do, with a confidence each.
    const todo = core.ctx.store.db
      .prepare("SELECT id, text FROM documents WHERE status = 'todo' ORDER BY id LIMIT 5")
      .all() as {
      id: number
      text: string
    }[]
    let proposed = 0
    for (const doc of todo) {
      const envelope = await core.dispatch('suggestions.list', { documentId: doc.id })
      expect(envelope.ok).toBe(true)
      const list = (
        envelope as {
          result: {
            start: number
            end: number
            label: string
            score: number
            source: string
            modelVersion: number
          }[]
        }
      ).result
      for (const s of list.filter((x) => x.source === 'model')) {
        proposed++
        expect(s.modelVersion).toBe(1)
        expect(s.score).toBeGreaterThan(0)
        expect(s.score).toBeLessThanOrEqual(1)
        expect(['PER', 'ORG', 'LOC', 'DATE']).toContain(s.label)
        expect(doc.text.slice(s.start, s.end).trim()).toBe(doc.text.slice(s.start, s.end))
      }
    }
    expect(proposed).toBeGreaterThan(0)
  })

  it('cancels a run promptly and adds no model', async () => {
    const { finished } = await core.ctx.training.start({ ...quick, epochs: 500 })
    await new Promise<void>((r) => {
      const off = core.bus.subscribe((e) => e === 'training.progress' && (off(), r()))
    })
    const asked = Date.now()
    expect(await core.ctx.training.cancel()).toBe(true)
    const result = await finished
    const tookMs = Date.now() - asked
    expect(result.status).toBe('cancelled')
    expect(tookMs).toBeLessThan(3000) // liveness guard; the grace period is 0.7 s
    expect(listModels(core.ctx.store.db)).toEqual([])
    expect(core.ctx.store.db.prepare('SELECT status FROM training_runs').get()).toEqual({
      status: 'cancelled',
    })
  })

  it('says so when the time limit ends training before its first epoch', async () => {
    const result = await (await core.ctx.training.start({ ...quick, maxMinutes: 0.0005 })).finished
    expect(result.status).toBe('cancelled')
    expect(result.message).toMatch(/time limit of 0.0005 minutes ended training before its first epoch/)
    expect(listModels(core.ctx.store.db)).toEqual([])
  })

  it('reports a crash of the trainer as a failed run and keeps working', async () => {
    const { finished } = await core.ctx.training.start({ ...quick, epochs: 500 })
    await new Promise<void>((r) => {
      const off = core.bus.subscribe((e) => e === 'training.progress' && (off(), r()))
    })
    const running = (core.ctx.training as unknown as { running: { child: { kill(s: string): void } } })
      .running
    running.child.kill('SIGKILL') // as if it ran out of memory
    const crashed = await finished
    expect(crashed.status).toBe('failed')
    expect(crashed.message).toMatch(/^The trainer stopped unexpectedly \(signal SIGKILL\)/)
    const again = await (await core.ctx.training.start({ ...quick, epochs: 1 })).finished
    expect(again.status).toBe('done')
  })

  it('resumes a killed run from its last finished epoch when started again with the same settings', async () => {
    const settings = { ...quick, epochs: 4 }
    const first = await core.ctx.training.start(settings)
    await new Promise<void>((r) => {
      const off = core.bus.subscribe(
        (e, p) => e === 'training.epoch' && (p as { epoch: number }).epoch === 2 && (off(), r()),
      )
    })
    const running = (core.ctx.training as unknown as { running: { child: { kill(s: string): void } } })
      .running
    running.child.kill('SIGKILL')
    expect((await first.finished).status).toBe('failed')
    events.length = 0
    const second = await core.ctx.training.start(settings)
    const result = await second.finished
    expect(result.status).toBe('done')
    const started = events.find((e) => e.event === 'training.started')!.payload as {
      resumedFrom: number | null
    }
    expect(started.resumedFrom).toBe(first.runId)
    const epochs = events
      .filter((e) => e.event === 'training.epoch')
      .map((e) => (e.payload as { epoch: number }).epoch)
    expect(epochs[0]).toBeGreaterThanOrEqual(3) // epochs 1-2 were not trained again
    expect(epochs[epochs.length - 1]).toBe(4)
    // A different setting starts over.
    events.length = 0
    const fresh = await (await core.ctx.training.start({ ...settings, epochs: 1 })).finished
    expect(fresh.status).toBe('done')
    expect(
      (events.find((e) => e.event === 'training.started')!.payload as { resumedFrom: number | null })
        .resumedFrom,
    ).toBeNull()
  })

  it('says so when there is nothing to train on', async () => {
    core.ctx.store.db.prepare("UPDATE documents SET status = 'todo'").run()
    const result = await (await core.ctx.training.start(quick)).finished
    expect(result).toMatchObject({
      status: 'failed',
      message: 'There is nothing to train on yet: mark some labelled documents of the train split as done.',
    })
  })
})
