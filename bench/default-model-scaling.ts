/**
 * Does one-click training time grow linearly with the project? One epoch of the default model
 * (`TRAINING_DEFAULTS`, the CNN of ADR 0009) on 300, 3,000 and 14,041 CoNLL-2003 training sentences
 * and on 50,000 (the train file plus mention-swapped variants, scripts/experiments/make-large-conll.mjs).
 * Reports seconds per epoch, training tokens/s (dev evaluation excluded) and each size's
 * tokens/s as a ratio of the 14,041-sentence run: about 1 everywhere means linear time.
 * Run: `npm run bench -- default-model-scaling` (skipped when the corpus is absent). Nothing is asserted.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { DATASETS, readColumns } from '../scripts/experiments/data'
import { TRAINING_DEFAULTS } from '../src/shared/api/features/training'
import { trainTokenClassifier } from '../src/main/ml/train/train'
import { tagList } from '../src/main/trainer/dataset'
import { report } from './report'

const TRAIN = join(DATASETS, 'conll2003/train.txt')
const DEV = join(DATASETS, 'conll2003/dev.txt')

async function main() {
  if (!existsSync(TRAIN)) {
    console.log(`CoNLL-2003 is absent (${TRAIN}); nothing to measure.`)
    return
  }
  const work = mkdtempSync(join(tmpdir(), 'ner-studio-scaling-'))
  try {
    const large = join(work, 'train-50k.txt')
    const made = spawnSync(
      process.execPath,
      [resolve(__dirname, '../scripts/experiments/make-large-conll.mjs'), TRAIN, large, '50000'],
      { encoding: 'utf8' },
    )
    if (made.status !== 0) throw new Error(made.stderr)
    const base = readColumns(TRAIN)
    const corpora: [number, { words: string[]; tags: string[] }[]][] = [
      [300, base.slice(0, 300)],
      [3000, base.slice(0, 3000)],
      [base.length, base],
      [50000, readColumns(large)],
    ]
    // A small fixed dev set: the epoch's evaluation is timed apart and left out of tokens/s anyway.
    const dev = readColumns(DEV).slice(0, 300)
    const labels = tagList(
      [
        ...new Set(
          base
            .flatMap((s) => s.tags)
            .filter((t) => t !== 'O')
            .map((t) => t.slice(2)),
        ),
      ].sort(),
    )
    const index = new Map(labels.map((l, i) => [l, i]))
    const encode = (c: { words: string[]; tags: string[] }[]) =>
      c.map((s) => ({ words: s.words, tags: s.tags.map((t) => index.get(t) ?? 0) }))
    const rows: Record<string, string | number>[] = []
    for (const [n, sentences] of corpora) {
      let tokensPerSec = 0
      const t0 = performance.now()
      const result = await trainTokenClassifier(
        {
          architecture: { kind: 'cnn' },
          labels,
          train: encode(sentences),
          dev: encode(dev),
          epochs: 1,
          batchSize: TRAINING_DEFAULTS.batchSize,
          lr: TRAINING_DEFAULTS.lr,
          maxLen: TRAINING_DEFAULTS.maxLen,
          seed: TRAINING_DEFAULTS.seed,
          k: TRAINING_DEFAULTS.stepsPerRun ?? undefined,
          device: 'cpu',
          outDir: join(work, `run-${n}`),
        },
        { onProgress: (e) => (tokensPerSec = e.tokensPerSec) },
      )
      const seconds = (performance.now() - t0) / 1000
      const tokens = sentences.reduce((s, x) => s + x.words.length, 0)
      rows.push({
        sentences: n,
        tokens,
        'epoch s': +seconds.toFixed(1),
        'train tokens/s': Math.round(tokensPerSec),
        'dev F1 after 1 epoch': +result.bestF1.toFixed(3),
      })
      rmSync(join(work, `run-${n}`), { recursive: true, force: true })
    }
    const ref = rows.find((r) => r.sentences === base.length)!['train tokens/s'] as number
    for (const r of rows) r['tokens/s ÷ 14k run'] = +((r['train tokens/s'] as number) / ref).toFixed(2)
    report('default-model-scaling', rows)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

void main()
