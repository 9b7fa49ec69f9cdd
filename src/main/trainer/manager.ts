/**
 * Starts and supervises the trainer process for the open project: one run at a time (a newer
 * request supersedes the running one), cancel within a second, and every outcome — including a
 * crash of the trainer — recorded in the project file and announced on the event bus.
 */
import type { ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import type { EventBus } from '../../shared/api/rpc'
import type { TrainingFinished, TrainingSettings, TrainingStatus } from '../../shared/api/features/training'
import { failInterruptedRuns, finishRun, recordEpoch, registerModel, startRun } from '../db/models'
import type { ProjectStore } from '../db/store'
import { forkTrainer } from './fork'
import type { FromTrainer, ToTrainer } from './messages'

/** How long a cancelled trainer may take to stop by itself before it is killed. */
const CANCEL_GRACE_MS = 700

/** Log sentences of runs that were interrupted rather than refused; such runs can be resumed. */
export const INTERRUPTED = {
  crash: 'The trainer stopped unexpectedly',
  appStopped: 'The app stopped while this run was going on.',
}

/** The kind the engine recorded for a trained model ('scratch', 'bert'), not the path it started from. */
function architectureOf(outDir: string, fallback: string): string {
  try {
    const d = JSON.parse(readFileSync(join(outDir, 'model.json'), 'utf8')) as {
      architecture?: { kind?: string }
    }
    return d.architecture?.kind ?? fallback
  } catch {
    return fallback
  }
}

interface Running {
  child: ChildProcess
  runId: number
  cancelRequested: boolean
  settings: TrainingSettings
  finished: Promise<TrainingFinished>
}

export class TrainingManager {
  private running: Running | null = null
  private status: TrainingStatus = {
    running: false,
    runId: null,
    started: null,
    progress: null,
    epochs: [],
    last: null,
  }

  constructor(
    private readonly store: ProjectStore,
    private readonly bus: EventBus,
  ) {
    failInterruptedRuns(store.db)
  }

  /** Where a run's model files go: a folder next to the project file. */
  private outDir(runId: number): string {
    return join(dirname(this.store.path), `${this.store.name}.models`, `run-${runId}`)
  }

  /**
   * The folder of the latest run when it was interrupted (crash, kill, app stopped) with the same
   * settings and left a checkpoint: training then continues from it instead of starting over.
   */
  private interruptedRun(settings: TrainingSettings): { runId: number; outDir: string } | null {
    const row = this.store.db
      .prepare('SELECT id, config, status, log FROM training_runs ORDER BY id DESC LIMIT 1')
      .get() as { id: number; config: string; status: string; log: string } | undefined
    if (!row || row.status !== 'failed' || row.config !== JSON.stringify(settings)) return null
    if (!row.log.startsWith(INTERRUPTED.crash) && !row.log.startsWith(INTERRUPTED.appStopped)) return null
    const outDir = this.outDir(row.id)
    return existsSync(join(outDir, 'last.safetensors')) ? { runId: row.id, outDir } : null
  }

  async start(
    settings: TrainingSettings,
    options: { warmStartFrom?: string | null } = {},
  ): Promise<{ runId: number; finished: Promise<TrainingFinished> }> {
    if (this.running) await this.cancel()
    const resumed = this.interruptedRun(settings)
    const runId = startRun(this.store.db, settings)
    const outDir = resumed?.outDir ?? this.outDir(runId)
    mkdirSync(outDir, { recursive: true })
    const child = forkTrainer()
    this.status = { running: true, runId, started: null, progress: null, epochs: [], last: this.status.last }
    const finished = new Promise<TrainingFinished>((resolve) => {
      let outcome: TrainingFinished | null = null
      child.on('message', (m: FromTrainer) => {
        const result = this.onMessage(runId, m, outDir, settings)
        if (result) outcome = result
      })
      child.on('exit', (code, signal) => {
        const run = this.running
        if (!outcome) {
          const cancelled = run?.runId === runId && run.cancelRequested
          const message = cancelled
            ? null
            : `${INTERRUPTED.crash} (${signal ? `signal ${signal}` : `exit code ${code}`}); starting the same training again resumes from its last finished epoch.`
          outcome = this.finish(runId, cancelled ? 'cancelled' : 'failed', message)
        }
        if (this.running?.runId === runId) this.running = null
        this.status.running = false
        resolve(outcome)
      })
    })
    this.running = { child, runId, cancelRequested: false, settings, finished }
    const start: ToTrainer = {
      type: 'start',
      job: {
        projectPath: this.store.path,
        runId,
        outDir,
        settings,
        resumedFrom: resumed?.runId ?? null,
        warmStartFrom: options.warmStartFrom ?? null,
      },
    }
    child.send(start)
    return { runId, finished }
  }

  private onMessage(
    runId: number,
    m: FromTrainer,
    outDir: string,
    settings: TrainingSettings,
  ): TrainingFinished | null {
    switch (m.type) {
      case 'started': {
        const { type: _t, ...started } = m
        this.status.started = started
        this.bus.emit('training.started', started)
        return null
      }
      case 'progress': {
        const { type: _t, ...progress } = m
        this.status.progress = progress
        this.bus.emit('training.progress', progress)
        return null
      }
      case 'epoch': {
        const { type: _t, ...epoch } = m
        this.status.epochs.push(epoch)
        recordEpoch(this.store.db, runId, epoch)
        this.bus.emit('training.epoch', epoch)
        return null
      }
      case 'done': {
        const o = m.outcome
        if (o.cancelled || o.bestEpoch < 1) {
          const note =
            o.timeLimitReached && !o.cancelled
              ? `The time limit of ${settings.maxMinutes} minutes ended training before its first epoch finished, so no model version was added; allow more time.`
              : null
          return this.finish(runId, 'cancelled', note)
        }
        const model = this.store.transaction(() =>
          registerModel(this.store.db, {
            architecture: architectureOf(outDir, settings.model),
            config: { settings, trainSentences: o.trainSentences, provider: o.provider },
            metrics: o.dev,
            artifactPath: relative(dirname(this.store.path), outDir),
          }),
        )
        const note = o.timeLimitReached
          ? `Stopped at the time limit after ${o.epochs} epochs; the best epoch (${o.bestEpoch}) was kept.`
          : o.stoppedEarly
            ? `Stopped early after ${o.epochs} epochs: dev F1 stopped improving; the best epoch (${o.bestEpoch}) was kept.`
            : null
        this.bus.emit('project.changed', { kind: 'models' })
        return this.finish(runId, 'done', note, model)
      }
      case 'error':
        return this.finish(runId, 'failed', m.message)
      default:
        return null
    }
  }

  private finish(
    runId: number,
    status: TrainingFinished['status'],
    message: string | null,
    model: TrainingFinished['model'] = null,
  ): TrainingFinished {
    finishRun(this.store.db, runId, status, message ?? '', model?.id ?? null)
    const finished: TrainingFinished = { runId, status, model, message }
    this.status.last = finished
    this.bus.emit('training.finished', finished)
    return finished
  }

  /** Asks the trainer to stop; kills it if it has not stopped within the grace period. */
  async cancel(): Promise<boolean> {
    const run = this.running
    if (!run) return false
    run.cancelRequested = true
    if (run.child.connected) run.child.send({ type: 'cancel' } satisfies ToTrainer)
    const timer = setTimeout(() => run.child.kill('SIGKILL'), CANCEL_GRACE_MS)
    await run.finished
    clearTimeout(timer)
    return true
  }

  get isRunning(): boolean {
    return this.running !== null
  }

  getStatus(): TrainingStatus {
    return structuredClone(this.status)
  }

  /** Stops any run when the project closes. */
  dispose(): void {
    this.running?.child.kill('SIGKILL')
  }
}
