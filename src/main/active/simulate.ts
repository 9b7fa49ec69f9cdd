/**
 * Active-learning simulation: a labelled corpus plays the user. Starting from a random seed set, each
 * round trains the from-scratch model on the sentences "labelled" so far, scores the rest of the pool
 * and adds the `step` sentences the strategy picks; dev F1 is recorded after every round. Run for
 * several strategies and seeds, the curves show what each strategy buys over random sampling.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseFile } from '../formats/file'
import { Tagger } from '../ml/infer/tagger'
import { Rng } from '../ml/rng'
import { trainTokenClassifier } from '../ml/train/train'
import type { TaggedSentence } from '../ml/data/types'
import { documentSentences, tagList } from '../trainer/dataset'
import { randomScore, sentenceUncertainty, type Strategy } from './uncertainty'

export interface SimulationOptions {
  train: string
  dev: string
  strategies: Strategy[]
  seedSize: number
  step: number
  rounds: number
  seeds: number
  epochs: number
  batchSize: number
  lr: number
  maxLen: number
}

export interface CurvePoint {
  strategy: Strategy
  seed: number
  round: number
  labelled: number
  f1: number
  seconds: number
}

interface Corpus {
  labels: string[]
  sentences: { words: string[]; tags: string[] }[]
}

/** Reads a labelled file as one sentence per example, with IOB2 tags over the union of its labels. */
export function readCorpus(file: string): Corpus {
  const parsed = parseFile(file, { documentPer: 'sentence' })
  const sentences: Corpus['sentences'] = []
  const types = new Set<string>()
  for (const doc of parsed.documents) {
    const tokens = doc.tokens ?? []
    for (const s of documentSentences(doc.text, tokens, doc.spans).sentences) {
      if (s.words.length === 0) continue
      sentences.push({ words: s.words, tags: s.tags.map((t) => t ?? 'O') })
      for (const t of s.tags) if (t && t !== 'O') types.add(t.slice(2))
    }
  }
  return { labels: tagList([...types].sort()), sentences }
}

function encode(c: Corpus['sentences'], labels: readonly string[]): TaggedSentence[] {
  const index = new Map(labels.map((l, i) => [l, i]))
  return c.map((s) => ({ words: s.words, tags: s.tags.map((t) => index.get(t) ?? 0) }))
}

async function pick(
  strategy: Strategy,
  modelDir: string,
  pool: readonly number[],
  sentences: Corpus['sentences'],
  step: number,
  seed: number,
): Promise<number[]> {
  if (strategy === 'random') {
    return [...pool].sort((a, b) => randomScore(b, seed) - randomScore(a, seed)).slice(0, step)
  }
  const tagger = await Tagger.fromDir(modelDir, 'cpu')
  try {
    const tagged = await tagger.tagSentences(
      pool.map((i) => sentences[i]!.words),
      64,
    )
    const key = {
      'least-confidence': 'leastConfidence',
      margin: 'margin',
      entropy: 'entropy',
      mnlp: 'mnlp',
    } as const
    const scored = pool.map((id, j) => {
      const t = tagged[j]!
      const path = t.tags.map((name) => tagger.labels.indexOf(name))
      return { id, score: sentenceUncertainty(t.probs, tagger.labels.length, path)[key[strategy]] }
    })
    return scored
      .sort((a, b) => b.score - a.score || a.id - b.id)
      .slice(0, step)
      .map((s) => s.id)
  } finally {
    await tagger.release()
  }
}

export async function simulate(
  o: SimulationOptions,
  onPoint: (p: CurvePoint) => void = () => {},
): Promise<CurvePoint[]> {
  const train = readCorpus(o.train)
  const dev = readCorpus(o.dev)
  // One label list for both files, so dev entities of a type rare in the pool still count.
  const labels = tagList(
    [...new Set([...train.labels, ...dev.labels].filter((l) => l !== 'O').map((l) => l.slice(2)))].sort(),
  )
  const devEncoded = encode(dev.sentences, labels)
  const points: CurvePoint[] = []
  const work = mkdtempSync(join(tmpdir(), 'ner-studio-simulate-'))
  try {
    for (let seed = 1; seed <= o.seeds; seed++) {
      const order = new Rng(seed).shuffle(train.sentences.map((_, i) => i))
      const seedSet = order.slice(0, o.seedSize)
      for (const strategy of o.strategies) {
        let labelled = [...seedSet]
        let pool = order.slice(o.seedSize)
        for (let round = 0; round <= o.rounds; round++) {
          const started = performance.now()
          const outDir = join(work, `${strategy}-${seed}-${round}`)
          const result = await trainTokenClassifier({
            architecture: { kind: 'cnn' }, // the default from-scratch model (ADR 0009)
            labels,
            train: encode(
              labelled.map((i) => train.sentences[i]!),
              labels,
            ),
            dev: devEncoded,
            epochs: o.epochs,
            batchSize: o.batchSize,
            lr: o.lr,
            maxLen: o.maxLen,
            seed,
            device: 'cpu',
            outDir,
          })
          const point: CurvePoint = {
            strategy,
            seed,
            round,
            labelled: labelled.length,
            f1: result.bestF1,
            seconds: (performance.now() - started) / 1000,
          }
          points.push(point)
          onPoint(point)
          if (round < o.rounds && pool.length > 0) {
            const chosen = await pick(strategy, outDir, pool, train.sentences, o.step, seed * 1000 + round)
            const taken = new Set(chosen)
            labelled = [...labelled, ...chosen]
            pool = pool.filter((i) => !taken.has(i))
          }
          rmSync(outDir, { recursive: true, force: true })
        }
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
  return points
}

export function toCsv(points: readonly CurvePoint[]): string {
  const rows = points.map((p) =>
    [p.strategy, p.seed, p.round, p.labelled, p.f1.toFixed(4), p.seconds.toFixed(1)].join(','),
  )
  return ['strategy,seed,round,labelled,f1,seconds', ...rows].join('\n') + '\n'
}

export interface CurveSummary {
  strategy: Strategy
  labelled: number
  mean: number
  sd: number
  n: number
}

/** Mean and sample standard deviation of F1 over seeds, per strategy and labelled count. */
export function summarize(points: readonly CurvePoint[]): CurveSummary[] {
  const groups = new Map<string, CurvePoint[]>()
  for (const p of points) {
    const k = `${p.strategy}\u0000${p.labelled}`
    groups.set(k, [...(groups.get(k) ?? []), p])
  }
  return [...groups.values()]
    .map((g) => {
      const mean = g.reduce((s, p) => s + p.f1, 0) / g.length
      const sd = g.length > 1 ? Math.sqrt(g.reduce((s, p) => s + (p.f1 - mean) ** 2, 0) / (g.length - 1)) : 0
      return { strategy: g[0]!.strategy, labelled: g[0]!.labelled, mean, sd, n: g.length }
    })
    .sort((a, b) => a.strategy.localeCompare(b.strategy) || a.labelled - b.labelled)
}
