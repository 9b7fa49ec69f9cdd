/** Minimal CoNLL-2003 reader for tests (word in column 1, IOB2 NER tag in the last column). */
import { readFileSync } from 'node:fs'
import type { TaggedSentence } from '../../../src/main/ml/data/types'

export const CONLL_LABELS = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'B-ORG', 'I-ORG', 'B-MISC', 'I-MISC']

export function readConll(path: string): TaggedSentence[] {
  const out: TaggedSentence[] = []
  let cur: TaggedSentence = { words: [], tags: [] }
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const cols = line.trim().split(' ')
    if (line.trim() === '' || cols[0] === '-DOCSTART-') {
      if (cur.words.length > 0) out.push(cur)
      cur = { words: [], tags: [] }
      continue
    }
    const tag = CONLL_LABELS.indexOf(cols.at(-1)!)
    if (tag < 0) throw new Error(`${path}: unknown tag ${cols.at(-1)}`)
    cur.words.push(cols[0]!)
    cur.tags.push(tag)
  }
  if (cur.words.length > 0) out.push(cur)
  return out
}
