/**
 * The default from-scratch model (docs/adr/0009) through trainTokenClassifier: a dev-F1 floor on the
 * CoNLL-2003 sample, the saved model reproducing its dev score, and seed reproducibility.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Tagger } from '../../src/main/ml/infer/tagger'
import { entityMetrics } from '../../src/main/ml/metrics'
import { trainTokenClassifier, type TrainOptions } from '../../src/main/ml/train/train'
import { CONLL_LABELS, readConll } from './helpers/conll'

const dir = resolve(__dirname, '../../../shared/datasets/conll2003')

describe.skipIf(!existsSync(dir))(
  'default CNN model on the CoNLL-2003 sample (skipped without ../shared/datasets)',
  () => {
    const train = () => readConll(join(dir, 'sample-train.txt'))
    const dev = () => readConll(join(dir, 'sample-dev.txt'))
    const withDir = async <T>(fn: (outDir: string) => Promise<T>): Promise<T> => {
      const outDir = mkdtempSync(join(tmpdir(), 'ner-cnn-'))
      try {
        return await fn(outDir)
      } finally {
        rmSync(outDir, { recursive: true, force: true })
      }
    }

    it('clears a dev F1 floor with margin, and the saved model reproduces its dev score', async () => {
      const d = dev()
      await withDir(async (outDir) => {
        const r = await trainTokenClassifier({
          architecture: { kind: 'cnn' },
          labels: CONLL_LABELS,
          train: train(),
          dev: d,
          epochs: 5,
          batchSize: 16,
          lr: 3e-3,
          maxLen: 64,
          seed: 1,
          outDir,
        })
        // Measured 0.766 (the transformer of models/scratch.ts: 0.63-0.65 on the same data).
        expect(r.bestF1).toBeGreaterThan(0.7)
        const best = r.history[r.bestEpoch]!.dev
        for (const t of ['PER', 'LOC', 'ORG', 'MISC']) expect(best.perType[t]!.f1).toBeGreaterThan(0.45)
        const tagger = await Tagger.fromDir(outDir)
        const pred = await tagger.tagSentences(d.map((s) => s.words))
        await tagger.release()
        const m = entityMetrics(
          d.map((s) => s.tags.map((t) => CONLL_LABELS[t]!)),
          pred.map((p) => p.tags),
        )
        expect(m.micro.f1).toBeCloseTo(r.bestF1, 6)
      })
    }, 180_000)

    it('gives the same F1 for the same seed and a different one for another seed', async () => {
      const small = train()
      const d = dev()
      const run = (seed: number) =>
        withDir(async (outDir) => {
          const o: TrainOptions = {
            architecture: { kind: 'cnn', config: { hidden: 64, dilations: [1, 2] } },
            labels: CONLL_LABELS,
            train: small,
            dev: d,
            epochs: 2,
            batchSize: 16,
            lr: 3e-3,
            maxLen: 64,
            seed,
            outDir,
          }
          const r = await trainTokenClassifier(o)
          return r.history.map((h) => [+h.dev.micro.f1.toFixed(3), h.trainLoss])
        })
      const a = await run(5)
      const b = await run(5)
      const c = await run(6)
      // Same F1 to the third decimal (the run is in fact bit-identical: same losses).
      expect(b).toEqual(a)
      expect(a.at(-1)![0]).toBeGreaterThan(0.4)
      expect(c).not.toEqual(a)
    }, 180_000)
  },
)
