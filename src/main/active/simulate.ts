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
import { entityMetrics } from '../ml/metrics'
import { Rng } from '../ml/rng'
import { trainTokenClassifier } from '../ml/train/train'
import type { TaggedSentence } from '../ml/data/types'
import { documentSentences, tagList } from '../trainer/dataset'
import { UserError } from '../../shared/api/errors'
import { randomScore, sentenceUncertainty, STRATEGIES, type Strategy } from './uncertainty'

export interface SimulationOptions {
  train: string
  dev: string
  strategies: Strategy[]
  seedSize: number
  step: number
  rounds: number
  /** Rounds for the strategies other than random (default: `rounds`); random sets the bar, so it may run further. */
  uncertaintyRounds?: number
  /**
   * Dev sentences (a fixed random subset) that choose the best epoch of each training; the reported
   * F1 is always on the whole dev file, from that best epoch. Default: all of dev.
   */
  selectionDev?: number
  seeds: number
  /**
   * Keep one of each group of identical sentences in the pool, as a project keeps one document per
   * distinct text. CoNLL-2003's train file repeats 10 % of its sentences (table headers such as
   * "CENTRAL DIVISION"), and a length-normalised strategy picks every copy of one.
   */
  distinct?: boolean
  epochs: number
  /** Epochs without dev F1 improvement before a round's training stops. */
  patience: number
  batchSize: number
  lr: number
  maxLen: number
}

export interface CurvePoint {
  strategy: Strategy
  seed: number
  round: number
  labelled: number
  /** Words in the labelled sentences: uncertainty strategies favour long sentences, so this keeps the cost honest. */
  tokens: number
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

export function distinctSentences(c: Corpus): Corpus {
  const seen = new Set<string>()
  const sentences = c.sentences.filter((s) => {
    const key = s.words.join('\u0000')
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
  return { labels: c.labels, sentences }
}

function encode(c: Corpus['sentences'], labels: readonly string[]): TaggedSentence[] {
  const index = new Map(labels.map((l, i) => [l, i]))
  return c.map((s) => ({ words: s.words, tags: s.tags.map((t) => index.get(t) ?? 0) }))
}

async function pick(
  strategy: Strategy,
  tagger: Tagger,
  pool: readonly number[],
  sentences: Corpus['sentences'],
  step: number,
  seed: number,
): Promise<number[]> {
  if (strategy === 'random') {
    return [...pool].sort((a, b) => randomScore(b, seed) - randomScore(a, seed)).slice(0, step)
  }
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
  return (
    scored
      // Ties broken at random: ids follow the file, and neighbouring sentences share an article.
      .sort((a, b) => b.score - a.score || randomScore(b.id, seed) - randomScore(a.id, seed))
      .slice(0, step)
      .map((s) => s.id)
  )
}

async function devF1(tagger: Tagger, dev: Corpus['sentences']): Promise<number> {
  const out = await tagger.tagSentences(
    dev.map((s) => s.words),
    64,
  )
  return entityMetrics(
    dev.map((s) => s.tags),
    out.map((r) => r.tags),
  ).micro.f1
}

export async function simulate(
  o: SimulationOptions,
  onPoint: (p: CurvePoint) => void = () => {},
): Promise<CurvePoint[]> {
  const train = o.distinct ? distinctSentences(readCorpus(o.train)) : readCorpus(o.train)
  const dev = readCorpus(o.dev)
  // One label list for both files, so dev entities of a type rare in the pool still count.
  const labels = tagList(
    [...new Set([...train.labels, ...dev.labels].filter((l) => l !== 'O').map((l) => l.slice(2)))].sort(),
  )
  const selection =
    o.selectionDev !== undefined && o.selectionDev < dev.sentences.length
      ? new Rng(0).shuffle([...dev.sentences]).slice(0, o.selectionDev)
      : dev.sentences
  const selectionEncoded = encode(selection, labels)
  const points: CurvePoint[] = []
  const work = mkdtempSync(join(tmpdir(), 'ner-studio-simulate-'))
  /** Trains the default model on `labelled`; F1 is on all of dev, from the epoch the selection set chose. */
  const trainRound = async (labelled: readonly number[], seed: number, dir: string): Promise<Round> => {
    const started = performance.now()
    const result = await trainTokenClassifier({
      architecture: { kind: 'cnn' }, // the default from-scratch model (ADR 0009)
      labels,
      train: encode(
        labelled.map((i) => train.sentences[i]!),
        labels,
      ),
      dev: selectionEncoded,
      epochs: o.epochs,
      patience: o.patience,
      batchSize: o.batchSize,
      lr: o.lr,
      maxLen: o.maxLen,
      seed,
      device: 'cpu',
      outDir: join(work, dir),
    })
    const f1 =
      selection === dev.sentences
        ? result.bestF1
        : await withTagger(result.outDir, (t) => devF1(t, dev.sentences))
    return { dir: result.outDir, f1, seconds: (performance.now() - started) / 1000 }
  }
  try {
    for (let seed = 1; seed <= o.seeds; seed++) {
      const order = new Rng(seed).shuffle(train.sentences.map((_, i) => i))
      const seedSet = order.slice(0, o.seedSize)
      // Every strategy starts from the same seed set and training seed: round 0 is one training.
      const first = await trainRound(seedSet, seed, `seed-${seed}`)
      for (const strategy of o.strategies) {
        let labelled = [...seedSet]
        let pool = order.slice(o.seedSize)
        const rounds = strategy === 'random' ? o.rounds : (o.uncertaintyRounds ?? o.rounds)
        for (let round = 0; round <= rounds; round++) {
          const r = round === 0 ? first : await trainRound(labelled, seed, `${strategy}-${seed}-${round}`)
          const point: CurvePoint = {
            strategy,
            seed,
            round,
            labelled: labelled.length,
            tokens: labelled.reduce((n, i) => n + train.sentences[i]!.words.length, 0),
            f1: r.f1,
            seconds: r.seconds,
          }
          points.push(point)
          onPoint(point)
          if (round < rounds && pool.length > 0) {
            const chosen = await withTagger(r.dir, (t) =>
              pick(strategy, t, pool, train.sentences, o.step, seed * 1000 + round),
            )
            const taken = new Set(chosen)
            labelled = [...labelled, ...chosen]
            pool = pool.filter((i) => !taken.has(i))
          }
          if (r !== first) rmSync(r.dir, { recursive: true, force: true })
        }
      }
      rmSync(first.dir, { recursive: true, force: true })
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
  return points
}

interface Round {
  dir: string
  f1: number
  seconds: number
}

async function withTagger<T>(dir: string, fn: (t: Tagger) => Promise<T>): Promise<T> {
  const tagger = await Tagger.fromDir(dir, 'cpu')
  try {
    return await fn(tagger)
  } finally {
    await tagger.release()
  }
}

export function toCsv(points: readonly CurvePoint[]): string {
  const rows = points.map((p) =>
    [p.strategy, p.seed, p.round, p.labelled, p.tokens, p.f1.toFixed(4), p.seconds.toFixed(1)].join(','),
  )
  return ['strategy,seed,round,labelled,tokens,f1,seconds', ...rows].join('\n') + '\n'
}

/** Reads what `toCsv` wrote; a malformed row is an error naming the file and line. */
export function fromCsv(file: string, text: string): CurvePoint[] {
  const lines = text.split('\n').filter((l) => l.trim() !== '')
  const header = 'strategy,seed,round,labelled,tokens,f1,seconds'
  if (lines[0]?.trim() !== header)
    throw new UserError(`${file}:1: expected the header "${header}" that simulate-al --out writes.`)
  return lines.slice(1).map((line, i) => {
    const [strategy, ...rest] = line.split(',')
    const [seed, round, labelled, tokens, f1, seconds] = rest.map(Number)
    const numbers = [seed, round, labelled, tokens, f1, seconds]
    if (
      !STRATEGIES.includes(strategy as Strategy) ||
      numbers.length !== 6 ||
      numbers.some((n) => !Number.isFinite(n))
    )
      throw new UserError(`${file}:${i + 2}: expected "${header}" values, got "${line}".`)
    return {
      strategy: strategy as Strategy,
      seed: seed!,
      round: round!,
      labelled: labelled!,
      tokens: tokens!,
      f1: f1!,
      seconds: seconds!,
    }
  })
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

export interface Reach {
  strategy: Strategy
  /** Fewest labelled sentences at which the strategy's mean F1 reaches the target; null if it never does. */
  labelled: number | null
}

/**
 * The bar random sampling sets (its mean F1 at the most sentences it was given) and, per strategy,
 * the fewest labelled sentences whose mean F1 reaches that bar: the saving a strategy buys.
 */
export function labelsToReachRandom(
  summary: readonly CurveSummary[],
): { target: { labelled: number; f1: number }; reach: Reach[] } | null {
  const random = summary.filter((r) => r.strategy === 'random').sort((a, b) => a.labelled - b.labelled)
  const last = random.at(-1)
  if (!last) return null
  const strategies = [...new Set(summary.map((r) => r.strategy))]
  const reach = strategies.map((strategy) => {
    const hit = summary
      .filter((r) => r.strategy === strategy && r.mean >= last.mean)
      .sort((a, b) => a.labelled - b.labelled)[0]
    return { strategy, labelled: hit ? hit.labelled : null }
  })
  return { target: { labelled: last.labelled, f1: last.mean }, reach }
}
