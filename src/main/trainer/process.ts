/**
 * The trainer process: receives one job, reads the project file (read-only), trains with ONNX
 * Runtime and reports typed messages. It runs apart from the app so that ONNX Runtime, which blocks
 * its thread, never freezes the UI, and so that a crash here is only a failed run.
 */
import { ApiError } from '../../shared/api/errors'
import { ProjectStore } from '../db/store'
import { detectDevice } from '../runtime/device'
import { trainTokenClassifier } from '../ml/train/train'
import { loadTrainingData } from './dataset'
import type { FromTrainer, ToTrainer, TrainJob } from './messages'

function send(message: FromTrainer): void {
  process.send?.(message)
}

const abort = new AbortController()
let timeLimitReached = false

async function run(job: TrainJob): Promise<void> {
  const { settings } = job
  const store = ProjectStore.open(job.projectPath, { readonly: true })
  let data
  try {
    data = loadTrainingData(store.db)
  } finally {
    store.close()
  }
  if (data.train.length === 0) {
    throw new ApiError(
      'user_error',
      'There is nothing to train on yet: mark some labelled documents of the train split as done.',
    )
  }
  if (settings.maxMinutes !== null) {
    setTimeout(() => {
      timeLimitReached = true
      abort.abort()
    }, settings.maxMinutes * 60_000).unref()
  }
  const warnings =
    data.unalignedSpans > 0
      ? [
          `${data.unalignedSpans} spans do not start and end on token boundaries; their words are left out of training rather than taught as O.`,
        ]
      : []
  // The device the run will try; the outcome reports the one ONNX Runtime actually used.
  const device =
    settings.device === 'cpu'
      ? { provider: 'cpu' as const, reason: 'Training uses the CPU, as asked.' }
      : detectDevice()
  send({
    type: 'started',
    runId: job.runId,
    provider: device.provider,
    reason: device.reason,
    trainSentences: data.train.length,
    devSentences: data.dev.length,
    autoDev: data.autoDev,
    warnings,
  })
  const result = await trainTokenClassifier(
    {
      architecture: { kind: 'scratch' },
      labels: data.labels,
      train: data.train,
      dev: data.dev,
      epochs: settings.epochs,
      batchSize: settings.batchSize,
      lr: settings.lr,
      maxLen: settings.maxLen,
      seed: settings.seed,
      // 'auto' resolves here so that a machine without the CUDA provider never tries to load it.
      device: settings.device === 'auto' ? device.provider : settings.device,
      k: settings.stepsPerRun,
      patience: settings.patience,
      outDir: job.outDir,
      resume: true,
    },
    {
      signal: abort.signal,
      // The engine counts epochs from 0; people count from 1.
      onProgress: (e) => send({ type: 'progress', runId: job.runId, ...e, epoch: e.epoch + 1 }),
      onEpoch: (e) =>
        send({
          type: 'epoch',
          runId: job.runId,
          epoch: e.epoch + 1,
          trainLoss: e.trainLoss,
          dev: e.dev,
          improved: e.improved,
          seconds: e.seconds,
        }),
    },
  )
  const best = result.history.find((h) => h.epoch === result.bestEpoch)
  send({
    type: 'done',
    runId: job.runId,
    outcome: {
      bestEpoch: result.bestEpoch + 1,
      bestF1: result.bestF1,
      dev: best?.dev ?? null,
      epochs: result.history.length,
      stoppedEarly: result.stoppedEarly,
      timeLimitReached,
      cancelled: result.cancelled && !timeLimitReached,
      provider: result.provider,
      trainSentences: data.train.length,
      devSentences: data.dev.length,
      sessionCreateMs: result.sessionCreateMs,
    },
  })
}

process.on('message', (message: ToTrainer) => {
  if (message.type === 'cancel') {
    abort.abort()
    return
  }
  const { job } = message
  run(job).then(
    () => process.disconnect?.(),
    (err: unknown) => {
      const userFacing = err instanceof ApiError
      send({
        type: 'error',
        runId: job.runId,
        userFacing,
        message: userFacing
          ? err.message
          : `Training stopped on an unexpected error: ${err instanceof Error ? err.message : String(err)}`,
      })
      process.disconnect?.()
    },
  )
})
