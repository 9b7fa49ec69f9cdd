/**
 * Active-learning speed (run: `npm run bench -- active`): scoring a pool of 100,000 sentences with the
 * default (from-scratch) model on this CPU (goal under 2 minutes), and suggestion latency for a
 * 50-token sentence (goal under 20 ms). The model is trained on the CoNLL-2003 sample first; the pool
 * repeats CoNLL-2003 train sentences. Figures go to bench/results/active.json; nothing is asserted.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, it } from 'vitest'
import { readCorpus } from '../src/main/active/simulate'
import { sentenceUncertainty } from '../src/main/active/uncertainty'
import { Tagger } from '../src/main/ml/infer/tagger'
import { trainTokenClassifier } from '../src/main/ml/train/train'
import { medianMs, report } from './report'

const CONLL = resolve(__dirname, '../../shared/datasets/conll2003')
const POOL = 100_000

describe.skipIf(!existsSync(CONLL))('active-learning speed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ner-bench-active-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('scores a 100,000-sentence pool and suggests for a 50-token sentence', async () => {
    const train = readCorpus(join(CONLL, 'sample-train.txt'))
    const dev = readCorpus(join(CONLL, 'sample-dev.txt'))
    const index = new Map(train.labels.map((l, i) => [l, i]))
    const enc = (c: typeof train) =>
      c.sentences.map((s) => ({ words: s.words, tags: s.tags.map((t) => index.get(t) ?? 0) }))
    await trainTokenClassifier({
      architecture: { kind: 'cnn' }, // the default from-scratch model (ADR 0009)
      labels: train.labels,
      train: enc(train),
      dev: enc(dev),
      epochs: 2,
      batchSize: 16,
      lr: 1e-3,
      maxLen: 128,
      seed: 1,
      outDir: dir,
    })
    const tagger = await Tagger.fromDir(dir)
    const source = readCorpus(join(CONLL, 'train.txt')).sentences.map((s) => s.words)
    const pool = Array.from({ length: POOL }, (_, i) => source[i % source.length]!)
    const rows: Record<string, string | number>[] = []

    const t0 = performance.now()
    for (let i = 0; i < pool.length; i += 2000) {
      const tagged = await tagger.tagSentences(pool.slice(i, i + 2000), 64)
      for (const t of tagged) {
        sentenceUncertainty(
          t.probs,
          tagger.labels.length,
          t.tags.map((n) => tagger.labels.indexOf(n)),
        )
      }
    }
    const seconds = (performance.now() - t0) / 1000
    rows.push({
      measure: `score ${POOL.toLocaleString()} sentences (tag + uncertainty)`,
      value: `${seconds.toFixed(1)} s`,
    })
    rows.push({
      measure: 'scoring rate',
      value: `${Math.round(POOL / seconds).toLocaleString()} sentences/s`,
    })

    const sentence = Array.from({ length: 50 }, (_, i) => source[7]![i % source[7]!.length]!)
    for (let i = 0; i < 5; i++) await tagger.tagSentences([sentence])
    const times: number[] = []
    for (let i = 0; i < 30; i++) {
      const t = performance.now()
      await tagger.tagSentences([sentence])
      times.push(performance.now() - t)
    }
    rows.push({
      measure: 'suggestions for a 50-token sentence (median of 30)',
      value: `${medianMs(times).toFixed(2)} ms`,
    })
    await tagger.release()
    report('active', rows)
  })
})
