import { readFileSync, writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import {
  fromCsv,
  labelsToReachRandom,
  simulate,
  summarize,
  toCsv,
  type CurvePoint,
  type SimulationOptions,
} from '../../active/simulate'
import { STRATEGIES, type Strategy } from '../../active/uncertainty'
import { lineChartSvg, type ChartSeries } from '../../report/svg-chart'
import { TRAINING_DEFAULTS } from '../../../shared/api/features/training'
import { UsageError } from '../errors'
import { printJson, table } from '../output'

interface SimOpts {
  train?: string
  dev?: string
  fromCsv?: string
  strategy: string
  seedSize: string
  step: string
  rounds: string
  uncertaintyRounds?: string
  selectionDev?: string
  seeds: string
  distinct?: boolean
  epochs: string
  patience: string
  batch: string
  lr: string
  maxLen: string
  out?: string
  plot?: string
  json?: boolean
}

function int(option: string, value: string, min: number): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`${option} must be a whole number of at least ${min}, not "${value}".`)
  return n
}

export function registerSimulateAl(program: Command): void {
  program
    .command('simulate-al')
    .description(
      'replay a labelled corpus as the oracle and measure dev F1 against labelled sentences per strategy',
    )
    .option('--train <file>', 'the pool: a labelled file whose sentences are "labelled" as the strategy asks')
    .option('--dev <file>', 'labelled dev data for F1')
    .option(
      '--from-csv <file>',
      'redraw the summary and plot from a CSV an earlier run wrote (--out), without training',
    )
    .option('--strategy <list>', `comma-separated: ${STRATEGIES.join(', ')}`, STRATEGIES.join(','))
    .option('--seed-size <n>', 'sentences labelled at random before the first round', '200')
    .option('--step <n>', 'sentences added per round', '200')
    .option('--rounds <n>', 'rounds after the seed set', '9')
    .option(
      '--uncertainty-rounds <n>',
      'rounds for the strategies other than random (default: --rounds); random sets the bar, so it may run further',
    )
    .option(
      '--selection-dev <n>',
      "choose each training's best epoch on this many dev sentences (a fixed random subset); F1 is still reported on all of dev",
    )
    .option('--seeds <k>', 'repetitions with different random seed sets', '3')
    .option(
      '--distinct',
      'keep one of identical sentences in the pool, as a project keeps one document per distinct text',
    )
    .option(
      '--epochs <n>',
      'most epochs per training (early stopping may end sooner)',
      String(TRAINING_DEFAULTS.epochs),
    )
    .option(
      '--patience <n>',
      'epochs without dev F1 improvement before a training stops',
      String(TRAINING_DEFAULTS.patience),
    )
    .option('--batch <n>', 'sentences per batch', String(TRAINING_DEFAULTS.batchSize))
    .option('--lr <x>', 'peak learning rate', String(TRAINING_DEFAULTS.lr))
    .option('--max-len <n>', 'longest sentence in model pieces', String(TRAINING_DEFAULTS.maxLen))
    .option('--out <csv>', 'write every point (strategy, seed, round, labelled, tokens, f1) as CSV')
    .option('--plot <svg>', 'write the learning curves (mean ± sd over seeds) as SVG')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: SimOpts) => {
      if (opts.plot && !opts.plot.toLowerCase().endsWith('.svg')) {
        throw new UsageError('--plot writes SVG; give a file name ending in .svg.')
      }
      const points = opts.fromCsv
        ? fromCsv(opts.fromCsv, readFileSync(opts.fromCsv, 'utf8'))
        : await run(opts)
      const strategies = STRATEGIES.filter((s) => points.some((p) => p.strategy === s))
      const seeds = new Set(points.map((p) => p.seed)).size
      const summary = summarize(points)
      const bar = labelsToReachRandom(summary)
      if (opts.out) writeFileSync(opts.out, toCsv(points))
      if (opts.plot) {
        const series: ChartSeries[] = strategies.map((s) => ({
          name: s,
          points: summary
            .filter((r) => r.strategy === s)
            .map((r) => ({ x: r.labelled, y: r.mean, band: r.sd })),
        }))
        if (bar && strategies.length > 1) {
          const xs = summary.map((r) => r.labelled)
          series.push({
            name: `random @ ${bar.target.labelled}`,
            dashed: true,
            points: [Math.min(...xs), Math.max(...xs)].map((x) => ({ x, y: bar.target.f1 })),
          })
        }
        writeFileSync(
          opts.plot,
          lineChartSvg(series, {
            title: `Active learning: dev F1 (mean ± sd over ${seeds} seeds)`,
            xLabel: 'labelled sentences',
            yLabel: 'dev F1',
          }),
        )
      }
      if (opts.json) return printJson({ summary, reachRandom: bar })
      process.stdout.write(
        `${table(
          summary.map((r) => [
            r.strategy,
            r.labelled,
            (100 * r.mean).toFixed(2),
            (100 * r.sd).toFixed(2),
            r.n,
          ]),
          ['strategy', 'labelled', 'F1 mean', 'sd', 'seeds'],
        )}\n`,
      )
      if (bar && strategies.length > 1) {
        process.stdout.write(
          `\nRandom sampling reaches dev F1 ${(100 * bar.target.f1).toFixed(2)} with ${bar.target.labelled} sentences. Sentences each strategy needs to reach it:\n${table(
            bar.reach.map((r) => [
              r.strategy,
              r.labelled ?? 'not reached',
              r.labelled === null ? '' : `${((100 * r.labelled) / bar.target.labelled).toFixed(0)} %`,
            ]),
            ['strategy', 'sentences', "of random's"],
          )}\n`,
        )
      }
    })
}

async function run(opts: SimOpts): Promise<CurvePoint[]> {
  if (!opts.train || !opts.dev)
    throw new UsageError('Give --train and --dev (or --from-csv to redraw a run).')
  const strategies = opts.strategy.split(',').map((s) => s.trim()) as Strategy[]
  for (const s of strategies) {
    if (!STRATEGIES.includes(s))
      throw new UsageError(`--strategy: "${s}" is not one of ${STRATEGIES.join(', ')}.`)
  }
  const o: SimulationOptions = {
    train: opts.train,
    dev: opts.dev,
    strategies,
    seedSize: int('--seed-size', opts.seedSize, 1),
    step: int('--step', opts.step, 1),
    rounds: int('--rounds', opts.rounds, 0),
    uncertaintyRounds:
      opts.uncertaintyRounds === undefined
        ? undefined
        : int('--uncertainty-rounds', opts.uncertaintyRounds, 0),
    selectionDev: opts.selectionDev === undefined ? undefined : int('--selection-dev', opts.selectionDev, 1),
    seeds: int('--seeds', opts.seeds, 1),
    distinct: opts.distinct === true,
    epochs: int('--epochs', opts.epochs, 1),
    patience: int('--patience', opts.patience, 1),
    batchSize: int('--batch', opts.batch, 1),
    lr: Number(opts.lr),
    maxLen: int('--max-len', opts.maxLen, 8),
  }
  const roundsOf = (s: Strategy) => (s === 'random' ? o.rounds : (o.uncertaintyRounds ?? o.rounds))
  const total = o.seeds * strategies.reduce((n, s) => n + roundsOf(s) + 1, 0)
  const seen: CurvePoint[] = []
  return simulate(o, (p) => {
    // Written after every point, so hours of simulation survive an interruption.
    seen.push(p)
    if (opts.out) writeFileSync(opts.out, toCsv(seen))
    if (!opts.json) {
      process.stderr.write(
        `[${seen.length}/${total}] ${p.strategy} seed ${p.seed} round ${p.round}: ${p.labelled} sentences (${p.tokens} words), dev F1 ${(100 * p.f1).toFixed(2)} (${p.seconds.toFixed(0)} s)\n`,
      )
    }
  })
}
