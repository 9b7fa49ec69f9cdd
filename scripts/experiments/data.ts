/**
 * Corpus readers for the experiments: CoNLL-2003 (IOB2, word in the first column) and Resume NER
 * (one character per line, BMES), both turned into IOB2 TaggedSentences as the app's importer does.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { TaggedSentence } from '../../src/main/ml/data/types'

export const DATASETS = resolve(__dirname, '../../../shared/datasets')

/** BMES/BIOES/IOB2 tag → IOB2 (M-/E- → I-, S- → B-). */
export function toIob2(tag: string): string {
  if (tag.startsWith('M-') || tag.startsWith('E-')) return `I-${tag.slice(2)}`
  if (tag.startsWith('S-')) return `B-${tag.slice(2)}`
  return tag
}

export function readColumns(path: string): { words: string[]; tags: string[] }[] {
  const out: { words: string[]; tags: string[] }[] = []
  let cur = { words: [] as string[], tags: [] as string[] }
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const cols = line.trim().split(/\s+/)
    if (line.trim() === '' || cols[0] === '-DOCSTART-') {
      if (cur.words.length > 0) out.push(cur)
      cur = { words: [], tags: [] }
      continue
    }
    cur.words.push(cols[0]!)
    cur.tags.push(toIob2(cols.at(-1)!))
  }
  if (cur.words.length > 0) out.push(cur)
  return out
}

export interface Corpus {
  labels: string[]
  train: TaggedSentence[]
  dev: TaggedSentence[]
  test: TaggedSentence[]
}

export function loadCorpus(name: string): Corpus {
  const files: Record<string, [string, string, string]> = {
    conll: ['conll2003/train.txt', 'conll2003/dev.txt', 'conll2003/test.txt'],
    'conll-sample': ['conll2003/sample-train.txt', 'conll2003/sample-dev.txt', 'conll2003/sample-dev.txt'],
    resume: ['resume-zh/train.char.bmes', 'resume-zh/dev.char.bmes', 'resume-zh/test.char.bmes'],
  }
  const f = files[name]
  if (!f) throw new Error(`Unknown corpus ${name}.`)
  const raw = f.map((p) => readColumns(resolve(DATASETS, p)))
  const types = new Set<string>()
  for (const split of raw) for (const s of split) for (const t of s.tags) if (t !== 'O') types.add(t.slice(2))
  const labels = ['O', ...[...types].sort().flatMap((t) => [`B-${t}`, `I-${t}`])]
  const conv = (split: { words: string[]; tags: string[] }[]) =>
    split.map((s) => ({ words: s.words, tags: s.tags.map((t) => labels.indexOf(t)) }))
  return { labels, train: conv(raw[0]!), dev: conv(raw[1]!), test: conv(raw[2]!) }
}
