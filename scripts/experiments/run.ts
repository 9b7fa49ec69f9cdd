/**
 * Experiment harness for the default-model study (docs/adr/0009): trains on a corpus with the
 * given options, prints dev F1 per epoch, then scores the kept model on test once and measures
 * inference tokens/s. Not run by tests. Usage (from the repo root):
 *   nice -n 10 npx jiti scripts/experiments/run.ts '{"corpus":"conll","minutes":20,...}'
 * The JSON result (with `uptime` load at start and end) is appended to scripts/experiments/results.jsonl.
 */
import { execSync } from 'node:child_process'
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Tagger } from '../../src/main/ml/infer/tagger'
import { entityMetrics } from '../../src/main/ml/metrics'
import { trainTokenClassifier, type ArchitectureOptions } from '../../src/main/ml/train/train'
import { loadCorpus } from './data'

interface Spec {
  name?: string
  corpus: string
  architecture?: ArchitectureOptions
  epochs?: number
  batchSize?: number
  lr?: number
  maxLen?: number
  seed?: number
  k?: number
  patience?: number
  warmupRatio?: number
  weightDecay?: number
  /** Stop training after this many minutes (the best epoch so far is kept), like --max-minutes. */
  minutes?: number
  /** Use only the first N training sentences (scaling checks). */
  trainLimit?: number
}

const load = () =>
  execSync('uptime')
    .toString()
    .trim()
    .replace(/.*load average: /, '')

async function main() {
  const spec = JSON.parse(process.argv[2] ?? '{}') as Spec
  const c = loadCorpus(spec.corpus)
  const train = spec.trainLimit ? c.train.slice(0, spec.trainLimit) : c.train
  const outDir = mkdtempSync(join(tmpdir(), 'ner-exp-'))
  const abort = new AbortController()
  const loadStart = load()
  if (spec.minutes) setTimeout(() => abort.abort(), spec.minutes * 60_000).unref()
  const t0 = performance.now()
  let lastRate = 0
  const r = await trainTokenClassifier(
    {
      architecture: spec.architecture ?? { kind: 'scratch' },
      labels: c.labels,
      train,
      dev: c.dev,
      epochs: spec.epochs ?? 20,
      batchSize: spec.batchSize ?? 16,
      lr: spec.lr ?? 1e-3,
      maxLen: spec.maxLen ?? 128,
      seed: spec.seed ?? 13,
      k: spec.k ?? 4,
      patience: spec.patience ?? 4,
      warmupRatio: spec.warmupRatio,
      weightDecay: spec.weightDecay,
      outDir,
    },
    {
      signal: abort.signal,
      onProgress: (e) => (lastRate = e.tokensPerSec),
      onEpoch: (e) =>
        console.log(
          `epoch ${e.epoch + 1} dev F1 ${e.dev.micro.f1.toFixed(4)} loss ${e.trainLoss.toFixed(4)} ` +
            `${e.seconds.toFixed(0)} s (total ${((performance.now() - t0) / 60000).toFixed(1)} min, ` +
            `${lastRate.toFixed(0)} tok/s)`,
        ),
    },
  )
  const trainMinutes = (performance.now() - t0) / 60000
  const tagger = await Tagger.fromDir(outDir)
  const i0 = performance.now()
  const pred = await tagger.tagSentences(c.test.map((s) => s.words))
  const inferSec = (performance.now() - i0) / 1000
  await tagger.release()
  const testTokens = c.test.reduce((a, s) => a + s.words.length, 0)
  const test = entityMetrics(
    c.test.map((s) => s.tags.map((t) => c.labels[t]!)),
    pred.map((p) => p.tags),
  )
  const result = {
    name: spec.name ?? '',
    spec,
    date: new Date().toISOString(),
    loadStart,
    loadEnd: load(),
    trainSentences: train.length,
    trainMinutes: +trainMinutes.toFixed(2),
    trainTokensPerSec: Math.round(lastRate),
    inferTokensPerSec: Math.round(testTokens / inferSec),
    bestEpoch: r.bestEpoch + 1,
    devF1: r.history.map((h) => +h.dev.micro.f1.toFixed(4)),
    bestDevF1: +r.bestF1.toFixed(4),
    testF1: +test.micro.f1.toFixed(4),
    testPerType: Object.fromEntries(Object.entries(test.perType).map(([k, v]) => [k, +v.f1.toFixed(4)])),
  }
  console.log(JSON.stringify(result))
  appendFileSync(join(__dirname, 'results.jsonl'), JSON.stringify(result) + '\n')
  rmSync(outDir, { recursive: true, force: true })
}

void main()
