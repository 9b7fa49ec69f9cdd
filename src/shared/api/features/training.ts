/** Training a model from the project's labelled documents, and the model versions it produces. */
import { z } from 'zod'
import { call, event } from '../define'

export interface Prf {
  precision: number
  recall: number
  f1: number
  support: number
}

export interface DevMetrics {
  micro: Prf
  perType: Record<string, Prf>
}

export interface TrainingSettings {
  /** 'scratch' (the from-scratch model), a checkpoint folder in Hugging Face layout, or a Hub model id. */
  model: string
  epochs: number
  batchSize: number
  lr: number
  maxLen: number
  device: 'auto' | 'cpu' | 'cuda'
  seed: number
  /**
   * Steps per session.run (ONNX Loop); larger amortises copying state in and out. null: 4, or 1 for
   * models over 10 M parameters training on the CPU, where a Loop's extra copy of the state costs
   * memory and buys little speed (docs/adr/0004).
   */
  stepsPerRun: number | null
  patience: number
  maxMinutes: number | null
}

export interface TrainingStarted {
  runId: number
  provider: 'cpu' | 'cuda'
  reason: string
  trainSentences: number
  devSentences: number
  autoDev: boolean
  /** The interrupted run this one continues from its last checkpoint, if any. */
  resumedFrom: number | null
  /** Sentences about spans that could not be used (not on token boundaries). */
  warnings: string[]
}

export interface TrainingProgress {
  runId: number
  epoch: number
  step: number
  totalSteps: number
  loss: number
  tokensPerSec: number
  etaSec: number
}

export interface TrainingEpoch {
  runId: number
  epoch: number
  trainLoss: number
  dev: DevMetrics
  improved: boolean
  seconds: number
}

export interface ModelVersion {
  id: number
  version: number
  architecture: string
  active: boolean
  createdAt: string
  devF1: number | null
  metrics: DevMetrics | null
  settings: Partial<TrainingSettings>
  trainSentences: number | null
  provider: string | null
}

export interface TrainingFinished {
  runId: number
  status: 'done' | 'cancelled' | 'failed'
  model: ModelVersion | null
  /** A sentence for the user when the run failed or stopped early. */
  message: string | null
}

export interface TrainingStatus {
  running: boolean
  runId: number | null
  started: TrainingStarted | null
  progress: TrainingProgress | null
  epochs: TrainingEpoch[]
  last: TrainingFinished | null
}

export const TRAINING_DEFAULTS: TrainingSettings = {
  model: 'scratch',
  epochs: 20,
  batchSize: 16,
  lr: 1e-3,
  maxLen: 128,
  device: 'auto',
  seed: 13,
  stepsPerRun: null,
  patience: 4,
  maxMinutes: null,
}

export const trainingSettingsSchema = z
  .object({
    model: z.string().trim().min(1).max(1000).default(TRAINING_DEFAULTS.model),
    epochs: z.number().int().min(1).max(1000).default(TRAINING_DEFAULTS.epochs),
    batchSize: z.number().int().min(1).max(1024).default(TRAINING_DEFAULTS.batchSize),
    lr: z.number().positive().max(1).default(TRAINING_DEFAULTS.lr),
    maxLen: z.number().int().min(8).max(4096).default(TRAINING_DEFAULTS.maxLen),
    device: z.enum(['auto', 'cpu', 'cuda']).default(TRAINING_DEFAULTS.device),
    seed: z.number().int().min(0).default(TRAINING_DEFAULTS.seed),
    stepsPerRun: z.number().int().min(1).max(256).nullable().default(TRAINING_DEFAULTS.stepsPerRun),
    patience: z.number().int().min(1).max(100).default(TRAINING_DEFAULTS.patience),
    maxMinutes: z.number().positive().nullable().default(TRAINING_DEFAULTS.maxMinutes),
  })
  .strict()

export interface RetrainPolicyView {
  /** Retrain in the background after `every` documents are marked done. */
  auto: boolean
  every: number
  /** Documents marked done since the active model was trained. */
  doneSinceModel: number
}

export interface ModelExportView {
  version: number
  outDir: string
  files: { name: string; bytes: number }[]
  onnxBytes: number
  fp32Bytes: number
  warnings: string[]
  /** Micro F1 of the package on the project's labelled test documents, when it has any. */
  testF1: number | null
}

export const trainingCalls = {
  'models.export': call<ModelExportView>()(
    z
      .object({
        version: z.number().int().positive(),
        /** Absolute folder; default: <project>.exports/v<version> next to the project file. */
        outDir: z.string().min(1).optional(),
        quantize: z.enum(['int8']).optional(),
        hf: z.boolean().default(false),
      })
      .strict(),
    'Writes the deployable package of a model version (ONNX, tokenizer, labels, model card, samples).',
  ),
  'models.openFolder': call<{ opened: boolean }>()(
    z.object({ path: z.string().min(1) }).strict(),
    'Opens a folder the app exported to in the file manager.',
  ),
  'training.retrainPolicy': call<RetrainPolicyView>()(
    z.object({}).strict(),
    'When background retraining happens, and how close the next one is.',
  ),
  'training.setRetrainPolicy': call<RetrainPolicyView>()(
    z.object({ auto: z.boolean(), every: z.number().int().min(1).max(100_000) }).strict(),
    'Turns background retraining on or off and sets after how many done documents it runs.',
  ),
  'training.retrainNow': call<{ requested: true }>()(
    z.object({}).strict(),
    'Retrains (warm-started from the active model) now, or right after the running training.',
  ),
  'training.start': call<{ runId: number }>()(
    trainingSettingsSchema,
    'Starts training in the trainer process (a newer request supersedes a running one).',
  ),
  'training.cancel': call<{ cancelled: boolean }>()(
    z.object({}).strict(),
    'Stops the running training within a second.',
  ),
  'training.status': call<TrainingStatus>()(
    z.object({}).strict(),
    'What the trainer is doing, with the curves so far.',
  ),
  'models.list': call<ModelVersion[]>()(
    z.object({}).strict(),
    'Model versions, newest first, with their dev metrics.',
  ),
  'models.activate': call<ModelVersion>()(
    z.object({ version: z.number().int().positive() }).strict(),
    'Makes a model version the one used for suggestions.',
  ),
}

export const trainingEvents = {
  'training.download': event<{ model: string; file: string; done: number; total: number }>(
    'Download progress of a Hugging Face model before training starts.',
  ),
  'models.exportProgress': event<{ version: number; stage: 'writing' | 'quantizing' | 'scoring' | 'done' }>(
    'Where a model export is.',
  ),
  'training.started': event<TrainingStarted>('The trainer loaded the data and chose a device.'),
  'training.progress': event<TrainingProgress>('Step, loss, tokens per second and time left.'),
  'training.epoch': event<TrainingEpoch>('Dev metrics after an epoch.'),
  'training.finished': event<TrainingFinished>('The run ended: done, cancelled or failed.'),
}
