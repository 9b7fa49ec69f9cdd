/** The typed messages between the core and the trainer process (over the child-process IPC channel). */
import type { ScoreRow } from '../db/queue'
import type {
  TrainingEpoch,
  TrainingProgress,
  TrainingSettings,
  TrainingStarted,
} from '../../shared/api/features/training'

export interface TrainJob {
  projectPath: string
  runId: number
  outDir: string
  settings: TrainingSettings
  /** The interrupted run whose checkpoint this run continues, if any. */
  resumedFrom: number | null
  /** A previous model's folder to start from (background retraining), if any. */
  warmStartFrom: string | null
}

/** Scoring the documents still to do with a model, for the active-learning queue. */
export interface ScoreJob {
  projectPath: string
  modelDir: string
  modelId: number
  /** Documents per message back (one transaction each on the main side). */
  batchDocs: number
}

export type ToTrainer =
  { type: 'start'; job: TrainJob } | { type: 'score'; job: ScoreJob } | { type: 'cancel' }

export interface TrainOutcome {
  bestEpoch: number
  bestF1: number
  dev: TrainingEpoch['dev'] | null
  epochs: number
  stoppedEarly: boolean
  timeLimitReached: boolean
  cancelled: boolean
  provider: 'cpu' | 'cuda'
  trainSentences: number
  devSentences: number
  sessionCreateMs: number
}

export type FromTrainer =
  | ({ type: 'started' } & TrainingStarted)
  | ({ type: 'progress' } & TrainingProgress)
  | ({ type: 'epoch' } & TrainingEpoch)
  | { type: 'done'; runId: number; outcome: TrainOutcome }
  | { type: 'error'; runId: number; message: string; userFacing: boolean }
  | { type: 'scores'; rows: ScoreRow[]; done: number; total: number }
  | { type: 'scored'; total: number; seconds: number }
