/**
 * Background retraining as labels accumulate: after every N documents marked done since the active
 * model was trained (or on demand), a warm-started retrain runs in the trainer process, then the
 * pool is scored again, so suggestions and the queue follow the newest model. Never two trainings at
 * once: a request during a run waits in a single slot, and a newer request replaces a waiting one.
 */
import type { EventBus } from '../../shared/api/rpc'
import { TRAINING_DEFAULTS, type TrainingSettings } from '../../shared/api/features/training'
import type { ProjectStore } from '../db/store'
import { getSetting } from '../db/settings'
import { modelDir } from '../trainer/evaluate'
import type { TrainingManager } from '../trainer/manager'
import type { ScoringManager } from './scoring'

export interface RetrainPolicy {
  auto: boolean
  every: number
}

export const DEFAULT_POLICY: RetrainPolicy = { auto: true, every: 20 }

export function retrainPolicy(store: ProjectStore): RetrainPolicy {
  return getSetting<RetrainPolicy>(store.db, 'al.retrain', DEFAULT_POLICY)
}

/** Documents marked done since the active model version was made (all done ones without a model). */
export function doneSinceActiveModel(store: ProjectStore): number {
  const row = store.db
    .prepare(
      `SELECT count(*) AS n FROM documents WHERE status = 'done'
       AND updated_at > coalesce((SELECT created_at FROM models WHERE active = 1), '')`,
    )
    .get() as { n: number }
  return row.n
}

export class Retrainer {
  private waiting = false
  private busy = false
  private disposed = false

  constructor(
    private readonly store: ProjectStore,
    private readonly bus: EventBus,
    private readonly training: TrainingManager,
    private readonly scoring: ScoringManager,
  ) {
    // A request that arrived during someone else's run starts when that run ends.
    bus.subscribe((event) => {
      if (event === 'training.finished' && this.waiting && !this.busy) setImmediate(() => void this.request())
    })
  }

  /**
   * Called after a document is marked done: retrains when the policy's count is reached. Only a
   * project that has a model retrains by itself; the first model is the user's to start.
   */
  noteDone(): void {
    const policy = retrainPolicy(this.store)
    if (!policy.auto) return
    const hasModel = this.store.db.prepare('SELECT 1 FROM models WHERE active = 1').get() !== undefined
    if (hasModel && doneSinceActiveModel(this.store) >= policy.every) void this.request()
  }

  /** The settings of the last successful run (the user's choices), else the defaults. */
  private settings(): TrainingSettings {
    const row = this.store.db
      .prepare("SELECT config FROM training_runs WHERE status = 'done' ORDER BY id DESC LIMIT 1")
      .get() as { config: string } | undefined
    return row
      ? { ...TRAINING_DEFAULTS, ...(JSON.parse(row.config) as Partial<TrainingSettings>) }
      : TRAINING_DEFAULTS
  }

  /** Starts a retrain now, or after the running training when one is going on. */
  async request(): Promise<void> {
    if (this.disposed) return
    if (this.busy || this.training.isRunning) {
      this.waiting = true
      return
    }
    this.busy = true
    try {
      do {
        this.waiting = false
        let warmStartFrom: string | null = null
        try {
          warmStartFrom = modelDir(this.store.db, this.store.path).dir
        } catch {
          warmStartFrom = null // no model yet: the first one trains from scratch
        }
        const { finished } = await this.training.start(this.settings(), { warmStartFrom })
        const result = await finished
        if (this.disposed || result.status !== 'done') break
        await this.scoring.start()
      } while (this.waiting && !this.disposed)
    } catch (err) {
      // A failure here must not crash the app: the run itself already reported its outcome.
      if (!this.disposed) process.stderr.write(`Background retraining stopped: ${String(err)}\n`)
    } finally {
      this.busy = false
      if (!this.disposed) this.bus.emit('project.changed', { kind: 'models' })
    }
  }

  /** The project is closing: start nothing more. */
  dispose(): void {
    this.disposed = true
  }
}
