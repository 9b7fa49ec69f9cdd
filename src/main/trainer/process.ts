/**
 * The trainer process: receives one job, reads the project file (read-only), trains with ONNX
 * Runtime and reports typed messages. It runs apart from the app so that ONNX Runtime, which blocks
 * its thread, never freezes the UI, and so that a crash here is only a failed run.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ApiError } from '../../shared/api/errors'
import { ProjectStore } from '../db/store'
import { detectDevice } from '../runtime/device'
import { pretrainedArchitecture } from '../hf/pretrained'
import { trainTokenClassifier } from '../ml/train/train'
import { scorePool } from '../active/score-pool'
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
  // A checkpoint only fits the data it was trained on (the vocabulary comes from it), so an
  // interrupted run resumes only when the labelled data are unchanged.
  const dataHash = createHash('sha256')
    .update(JSON.stringify([data.labels, data.train, data.dev]))
    .digest('hex')
  const hashFile = join(job.outDir, 'data.sha256')
  let resumedFrom = job.resumedFrom
  if (resumedFrom !== null && (!existsSync(hashFile) || readFileSync(hashFile, 'utf8') !== dataHash)) {
    rmSync(join(job.outDir, 'last.safetensors'), { force: true })
    warnings.push('The labelled data changed since the interrupted run, so training starts over.')
    resumedFrom = null
  }
  writeFileSync(hashFile, dataHash)
  // A checkpoint is checked (and a Hub id resolved) before training starts, so a bad one fails fast.
  const pretrained = await pretrainedArchitecture(settings.model, job.outDir)
  // The sentences' piece length cannot exceed the checkpoint's position table.
  const maxLen = Math.min(settings.maxLen, pretrained.maxPositions)
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
    resumedFrom,
    warnings,
  })
  const result = await trainTokenClassifier(
    {
      // Retraining starts from the previous version when both are from-scratch models.
      architecture:
        (pretrained.architecture.kind === 'scratch' || pretrained.architecture.kind === 'cnn') &&
        job.warmStartFrom &&
        resumedFrom === null
          ? { ...pretrained.architecture, warmStartFrom: job.warmStartFrom }
          : pretrained.architecture,
      labels: data.labels,
      train: data.train,
      dev: data.dev,
      epochs: settings.epochs,
      batchSize: settings.batchSize,
      lr: settings.lr,
      maxLen,
      seed: settings.seed,
      // 'auto' resolves here so that a machine without the CUDA provider never tries to load it.
      device: settings.device === 'auto' ? device.provider : settings.device,
      k: settings.stepsPerRun ?? undefined,
      patience: settings.patience,
      outDir: job.outDir,
      resume: resumedFrom !== null,
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
  if (message.type === 'score') {
    const started = performance.now()
    scorePool(
      message.job,
      (rows, done, total) => send({ type: 'scores', rows, done, total }),
      abort.signal,
    ).then(
      (total) => {
        send({ type: 'scored', total, seconds: (performance.now() - started) / 1000 })
        process.disconnect?.()
      },
      (err: unknown) => {
        send({
          type: 'error',
          runId: 0,
          userFacing: false,
          message: `Scoring stopped: ${err instanceof Error ? err.message : String(err)}`,
        })
        process.disconnect?.()
      },
    )
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
