/**
 * Runs pool scoring for the queue in a child process (the trainer entry point), one job at a time:
 * a newer request replaces a running one. Scores are written as batches arrive, so the queue order
 * improves while scoring goes on; progress goes out on the event bus.
 */
import type { ChildProcess } from 'node:child_process'
import type { EventBus } from '../../shared/api/rpc'
import type { ScoringState } from '../../shared/api/features/queue'
import { writeScores } from '../db/queue'
import type { ProjectStore } from '../db/store'
import { modelDir } from '../trainer/evaluate'
import { forkTrainer } from '../trainer/fork'
import type { FromTrainer, ToTrainer } from '../trainer/messages'

export class ScoringManager {
  private child: ChildProcess | null = null
  private state: ScoringState = {
    running: false,
    done: 0,
    total: 0,
    modelVersion: null,
    seconds: null,
    error: null,
  }

  constructor(
    private readonly store: ProjectStore,
    private readonly bus: EventBus,
  ) {}

  /** Scores every document still to do with the active model; resolves when scoring ends. */
  start(): Promise<ScoringState> {
    this.stop()
    const active = this.store.db.prepare('SELECT id, version FROM models WHERE active = 1').get() as
      { id: number; version: number } | undefined
    if (!active) {
      this.state = {
        ...this.state,
        running: false,
        error: 'There is no model to score with yet; train one first.',
      }
      return Promise.resolve(this.state)
    }
    const { dir } = modelDir(this.store.db, this.store.path, active.version)
    const child = forkTrainer()
    this.child = child
    this.state = {
      running: true,
      done: 0,
      total: 0,
      modelVersion: active.version,
      seconds: null,
      error: null,
    }
    this.bus.emit('queue.progress', { ...this.state })
    return new Promise((resolve) => {
      child.on('message', (m: FromTrainer) => {
        if (this.child !== child) return
        if (m.type === 'scores') {
          this.store.transaction(() => writeScores(this.store.db, active.id, m.rows))
          this.state = { ...this.state, done: m.done, total: m.total }
          this.bus.emit('queue.progress', { ...this.state })
        } else if (m.type === 'scored') {
          this.state = { ...this.state, running: false, total: m.total, done: m.total, seconds: m.seconds }
        } else if (m.type === 'error') {
          this.state = { ...this.state, running: false, error: m.message }
        }
      })
      child.on('exit', () => {
        if (this.child === child) {
          this.child = null
          this.state = { ...this.state, running: false }
          this.bus.emit('queue.progress', { ...this.state })
          this.bus.emit('project.changed', { kind: 'documents' })
        }
        resolve({ ...this.state })
      })
      child.send({
        type: 'score',
        job: { projectPath: this.store.path, modelDir: dir, modelId: active.id, batchDocs: 200 },
      } satisfies ToTrainer)
    })
  }

  getState(): ScoringState {
    return { ...this.state }
  }

  stop(): void {
    if (this.child) {
      const c = this.child
      this.child = null
      c.kill('SIGKILL')
    }
  }
}
