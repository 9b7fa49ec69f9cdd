/**
 * From the project file to training sentences: documents become sentences (a newline in the text
 * ends one, as CoNLL imports write them; very long lines are cut after sentence-final punctuation),
 * spans become IOB2 word tags. Spans that do not fall on token boundaries are not turned into O:
 * their words are left out of the loss and counted, so the UI can say so.
 */
import type Database from 'better-sqlite3'
import { spansToTokenChunks } from '../../shared/text/tags'
import { tokenize } from '../../shared/text/tokenize'
import type { SpanInput, TokenOffsets } from '../../shared/types'
import type { TaggedSentence } from '../ml/data/types'
import { IGNORE_INDEX } from '../ml/train/loss'

export interface SentenceWithOffsets {
  words: string[]
  tokens: TokenOffsets[]
  /** IOB2 tag names; null for words inside a span that could not be aligned. */
  tags: (string | null)[]
}

export interface TrainingData {
  labels: string[]
  train: TaggedSentence[]
  dev: TaggedSentence[]
  /** True when the project had no labelled dev documents and every tenth training document was held out. */
  autoDev: boolean
  unalignedSpans: number
  documents: { train: number; dev: number }
}

const MAX_SENTENCE_TOKENS = 128
const SENTENCE_END = /^[.!?。！？]$/u

export function storedTokens(text: string, json: string | null): TokenOffsets[] {
  if (!json) return tokenize(text)
  return (JSON.parse(json) as [number, number][]).map(([start, end]) => ({ start, end }))
}

/** Splits a document's tokens into sentences at newlines, then long ones after sentence-final punctuation. */
export function sentenceRanges(text: string, tokens: readonly TokenOffsets[]): [number, number][] {
  const ranges: [number, number][] = []
  let start = 0
  const close = (end: number) => {
    // Cut over-long pieces after punctuation, or hard at the limit when there is none.
    let s = start
    while (end - s > MAX_SENTENCE_TOKENS) {
      let cut = -1
      for (let i = s + MAX_SENTENCE_TOKENS - 1; i > s; i--) {
        if (SENTENCE_END.test(text.slice(tokens[i]!.start, tokens[i]!.end))) {
          cut = i + 1
          break
        }
      }
      if (cut < 0) cut = s + MAX_SENTENCE_TOKENS
      ranges.push([s, cut])
      s = cut
    }
    if (end > s) ranges.push([s, end])
    start = end
  }
  for (let i = 1; i < tokens.length; i++) {
    if (text.slice(tokens[i - 1]!.end, tokens[i]!.start).includes('\n')) close(i)
  }
  close(tokens.length)
  return ranges
}

export function documentSentences(
  text: string,
  tokens: readonly TokenOffsets[],
  spans: readonly SpanInput[],
): { sentences: SentenceWithOffsets[]; unaligned: number } {
  const chunking = spansToTokenChunks(tokens, spans)
  const tags: (string | null)[] = new Array<string | null>(tokens.length).fill('O')
  for (const c of chunking.chunks) {
    for (let t = c.start; t < c.end; t++) tags[t] = `${t === c.start ? 'B' : 'I'}-${c.label}`
  }
  for (const s of [...chunking.unaligned, ...chunking.overlapping]) {
    tokens.forEach((tok, t) => {
      if (tok.end > s.start && tok.start < s.end) tags[t] = null
    })
  }
  const sentences = sentenceRanges(text, tokens).map(([a, b]) => ({
    tokens: tokens.slice(a, b),
    words: tokens.slice(a, b).map((t) => text.slice(t.start, t.end)),
    tags: tags.slice(a, b),
  }))
  return { sentences, unaligned: chunking.unaligned.length + chunking.overlapping.length }
}

export function tagList(labelNames: readonly string[]): string[] {
  return ['O', ...labelNames.flatMap((l) => [`B-${l}`, `I-${l}`])]
}

interface DocRow {
  id: number
  text: string
  tokens: string | null
  split: string
}

/** Reads the labelled ("done") documents of the train and dev splits as tagged sentences. */
export function loadTrainingData(db: Database.Database): TrainingData {
  const labelNames = (
    db.prepare('SELECT name FROM labels ORDER BY position, id').all() as { name: string }[]
  ).map((r) => r.name)
  const labels = tagList(labelNames)
  const index = new Map(labels.map((l, i) => [l, i]))
  const docs = db
    .prepare(
      "SELECT id, text, tokens, split FROM documents WHERE status = 'done' AND split IN ('train', 'dev') ORDER BY id",
    )
    .all() as DocRow[]
  const spanStmt = db.prepare(
    'SELECT s.start, s.end, l.name AS label FROM spans s JOIN labels l ON l.id = s.label_id WHERE s.document_id = ?',
  )
  const hasDev = docs.some((d) => d.split === 'dev')
  const data: TrainingData = {
    labels,
    train: [],
    dev: [],
    autoDev: !hasDev,
    unalignedSpans: 0,
    documents: { train: 0, dev: 0 },
  }
  let trainSeen = 0
  for (const d of docs) {
    const { sentences, unaligned } = documentSentences(
      d.text,
      storedTokens(d.text, d.tokens),
      spanStmt.all(d.id) as SpanInput[],
    )
    data.unalignedSpans += unaligned
    const toDev = d.split === 'dev' || (!hasDev && trainSeen++ % 10 === 9)
    for (const s of sentences) {
      if (s.words.length === 0) continue
      if (toDev) {
        if (s.tags.some((t) => t === null)) continue // cannot be scored fairly
        data.dev.push({ words: s.words, tags: s.tags.map((t) => index.get(t!)!) })
      } else {
        data.train.push({
          words: s.words,
          tags: s.tags.map((t) => (t === null ? IGNORE_INDEX : index.get(t)!)),
        })
      }
    }
    if (toDev) data.documents.dev++
    else data.documents.train++
  }
  return data
}
