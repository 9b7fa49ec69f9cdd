import type { Command } from 'commander'
import { trainingSettingsSchema, type TrainingFinished } from '../../../shared/api/features/training'
import { UserError } from '../../../shared/api/errors'
import { createCore } from '../../core/core'
import { resolveModelOption } from '../../hf/modelOption'
import { UsageError } from '../errors'
import { oneOf } from '../options'
import { printJson, progressReporter, table } from '../output'

interface TrainOpts {
  project: string
  model?: string
  epochs?: string
  batch?: string
  lr?: string
  maxLen?: string
  device?: string
  seed?: string
  maxMinutes?: string
  stepsPerRun?: string
  json?: boolean
}

function num(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isFinite(n)) throw new UsageError(`${option} must be a number, not "${value}".`)
  return n
}

const PRETRAINED_LR = 5e-5

const pct = (x: number) => (100 * x).toFixed(2)

export function registerTrain(program: Command): void {
  program
    .command('train')
    .description(
      'train on the done documents of split train, evaluate on dev each epoch, keep the best as a new model version',
    )
    .requiredOption('--project <file>', 'the project file')
    .option(
      '--model <m>',
      'scratch (the default from-scratch model: a dilated CNN over word, shape, affix and bigram features; no download), a checkpoint folder in Hugging Face layout, or a Hub model id such as bert-base-cased (downloaded into the data folder)',
    )
    .option('--epochs <n>', 'most epochs (early stopping may end sooner)')
    .option('--batch <n>', 'sentences per batch')
    .option('--lr <x>', 'peak learning rate')
    .option('--max-len <n>', 'longest sentence in model pieces')
    .option('--device <d>', 'auto, cpu or cuda')
    .option('--seed <s>', 'random seed')
    .option(
      '--steps-per-run <k>',
      'optimizer steps per ONNX Runtime run (default 4; 1 for models over 10 M parameters on the CPU)',
    )
    .option('--max-minutes <m>', 'stop after this many minutes, keeping the best epoch')
    .option('--json', 'print the result as JSON')
    .action(async (opts: TrainOpts) => {
      const bars = new Map<string, ReturnType<typeof progressReporter>>()
      const model =
        opts.model === undefined
          ? undefined
          : await resolveModelOption(opts.model, {
              onProgress: (file, done, total) => {
                if (opts.json) return
                if (!bars.has(file)) bars.set(file, progressReporter(`Downloading ${file}`))
                bars.get(file)!(done, total)
              },
            })
      const device = oneOf('--device', opts.device, ['auto', 'cpu', 'cuda'] as const)
      const parsed = trainingSettingsSchema.safeParse({
        ...(model ? { model } : {}),
        ...(device ? { device } : {}),
        epochs: num('--epochs', opts.epochs),
        batchSize: num('--batch', opts.batch),
        // Pretrained encoders are fine-tuned with a far smaller step than a model learned from scratch.
        lr: num('--lr', opts.lr) ?? (model && model !== 'scratch' ? PRETRAINED_LR : undefined),
        maxLen: num('--max-len', opts.maxLen),
        seed: num('--seed', opts.seed),
        stepsPerRun: num('--steps-per-run', opts.stepsPerRun),
        maxMinutes: num('--max-minutes', opts.maxMinutes) ?? null,
      })
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!
        throw new UsageError(`${String(issue.path[0] ?? 'option')}: ${issue.message}.`)
      }
      const core = createCore({ projectPath: opts.project, shell: 'test' })
      const log = (line: string) => !opts.json && process.stdout.write(`${line}\n`)
      try {
        const bar = opts.json ? null : progressReporter('Training')
        core.bus.subscribe((event, payload) => {
          if (event === 'training.started') {
            const p = payload as {
              provider: string
              reason: string
              trainSentences: number
              devSentences: number
              autoDev: boolean
              resumedFrom: number | null
              warnings: string[]
            }
            log(`Device: ${p.provider.toUpperCase()}. ${p.reason}`)
            if (p.resumedFrom !== null)
              log(`Resuming the interrupted run ${p.resumedFrom} from its last finished epoch.`)
            log(
              `${p.trainSentences} training sentences, ${p.devSentences} dev sentences${p.autoDev ? ' (held out from train: the project has no labelled dev documents)' : ''}.`,
            )
            for (const w of p.warnings) log(`Warning: ${w}`)
          } else if (event === 'training.progress') {
            const p = payload as { step: number; totalSteps: number }
            bar?.(p.step, p.totalSteps)
          } else if (event === 'training.epoch') {
            const e = payload as {
              epoch: number
              trainLoss: number
              dev: { micro: { f1: number } }
              improved: boolean
              seconds: number
            }
            log(
              `epoch ${e.epoch}: loss ${e.trainLoss.toFixed(4)}, dev F1 ${pct(e.dev.micro.f1)}${e.improved ? ' (best so far)' : ''}, ${e.seconds.toFixed(1)} s`,
            )
          }
        })
        const onSignal = () => void core.ctx.training.cancel()
        process.once('SIGINT', onSignal)
        const { finished } = await core.ctx.training.start(parsed.data)
        const result: TrainingFinished = await finished
        process.off('SIGINT', onSignal)
        if (opts.json) return printJson(result)
        if (result.status === 'failed') throw new UserError(result.message ?? 'Training failed.')
        if (result.status === 'cancelled' || !result.model) {
          log(result.message ?? 'Training was cancelled; no model version was added.')
          return
        }
        if (result.message) log(result.message)
        const m = result.model
        log(`\nModel version ${m.version} (dev F1 ${pct(m.devF1 ?? 0)}) is now the active model.\n`)
        if (m.metrics) {
          const rows = Object.entries(m.metrics.perType)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([type, p]) => [type, pct(p.precision), pct(p.recall), pct(p.f1), p.support])
          rows.push([
            'micro',
            pct(m.metrics.micro.precision),
            pct(m.metrics.micro.recall),
            pct(m.metrics.micro.f1),
            m.metrics.micro.support,
          ])
          log(table(rows, ['type', 'precision', 'recall', 'F1', 'support']))
        }
      } finally {
        core.close()
      }
    })
}
