/**
 * Turns stored documents (text + character spans) into word-tagged training sentences: tokens from
 * the document (or the shared tokenizer), spans mapped to BIO tags, and documents cut into pieces
 * of at most `maxWords` words, preferably after sentence-final punctuation, so long documents are
 * not truncated by the model's maxLen. Words under a span that does not align with token
 * boundaries get tag -1 ("missing": ignored by the loss), never a silent O.
 */
import { tokenize } from '../../../shared/text/tokenize'
import { spansToTokenChunks } from '../../../shared/text/tags'
import type { DocumentInput, SpanInput, TokenOffsets } from '../../../shared/types'
import type { TaggedSentence } from './types'

/** Tag list for entity types: O, then B-/I- per type in the given order. */
export function bioLabels(types: readonly string[]): string[] {
  return ['O', ...types.flatMap((t) => [`B-${t}`, `I-${t}`])]
}

const SENTENCE_END = /^[.!?。！？]$/u

/** Cuts [0, n) into segments of at most maxWords words, preferring cuts after sentence ends. */
export function segmentWords(words: readonly string[], maxWords: number): [number, number][] {
  const out: [number, number][] = []
  let start = 0
  while (start < words.length) {
    let end = Math.min(words.length, start + maxWords)
    if (end < words.length) {
      for (let i = end - 1; i > start + maxWords / 2; i--) {
        if (SENTENCE_END.test(words[i]!)) {
          end = i + 1
          break
        }
      }
    }
    out.push([start, end])
    start = end
  }
  return out
}

export interface DocumentSentences {
  sentences: TaggedSentence[]
  /** Spans that could not be tagged (edge inside a token, or overlapping another span). */
  skipped: { doc: number; span: SpanInput; reason: 'unaligned' | 'overlapping' | 'unknown label' }[]
}

export function sentencesFromDocuments(
  docs: readonly DocumentInput[],
  labels: readonly string[],
  maxWords = 100,
): DocumentSentences {
  const index = new Map(labels.map((l, i) => [l, i]))
  const out: DocumentSentences = { sentences: [], skipped: [] }
  docs.forEach((doc, d) => {
    const tokens: TokenOffsets[] = doc.tokens ?? tokenize(doc.text)
    const words = tokens.map((t) => doc.text.slice(t.start, t.end))
    const tags = new Array<number>(tokens.length).fill(0)
    const known = doc.spans.filter((s) => {
      const ok = index.has(`B-${s.label}`) && index.has(`I-${s.label}`)
      if (!ok) out.skipped.push({ doc: d, span: s, reason: 'unknown label' })
      return ok
    })
    const { chunks, unaligned, overlapping } = spansToTokenChunks(tokens, known)
    for (const c of chunks)
      for (let i = c.start; i < c.end; i++) tags[i] = index.get(`${i === c.start ? 'B' : 'I'}-${c.label}`)!
    for (const s of unaligned) {
      out.skipped.push({ doc: d, span: s, reason: 'unaligned' })
      tokens.forEach((t, i) => t.end > s.start && t.start < s.end && (tags[i] = -1))
    }
    for (const s of overlapping) out.skipped.push({ doc: d, span: s, reason: 'overlapping' })
    for (const [a, b] of segmentWords(words, maxWords))
      out.sentences.push({ words: words.slice(a, b), tags: tags.slice(a, b) })
  })
  return out
}
