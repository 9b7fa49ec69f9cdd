/**
 * Training examples and the featurizer contract. A featurizer turns a sentence's words into
 * per-piece integer features (sub-words for BERT, one piece per word for the from-scratch model)
 * and says which piece starts each word; the first piece of a word carries the word's label and
 * the others are ignored in the loss (-100).
 */
import { IGNORE_INDEX } from '../train/loss'

export interface TaggedSentence {
  words: string[]
  /** Word-level tag ids (indexes into the label list), one per word; -1 = unknown (not trained on). */
  tags: number[]
}

export interface EncodedSentence {
  /** Feature name → one id per piece (attention_mask included). */
  features: Record<string, number[]>
  /** Piece index of each word's first piece; -1 for words cut off by maxLen. */
  wordStart: number[]
  /** Per-piece training labels (-100 where ignored). */
  labels: number[]
  length: number
}

export interface Featurizer {
  readonly kind: string
  /** Feature names in the order the model declares them, attention_mask last. */
  readonly featureNames: readonly string[]
  /** Values per position for multi-valued features (e.g. characters per word); absent = 1. */
  readonly widths?: Readonly<Record<string, number>>
  encodeWords(words: readonly string[]): { features: Record<string, number[]>; wordStart: number[] }
  toJSON(): object
}

/** Encodes a sentence, cutting it at maxLen pieces (cut words get wordStart -1). */
export function encodeSentence(
  f: Featurizer,
  words: readonly string[],
  tags: readonly number[] | null,
  maxLen: number,
): EncodedSentence {
  const enc = f.encodeWords(words)
  const full = enc.features.attention_mask!.length
  const length = Math.min(full, maxLen)
  const features: Record<string, number[]> = {}
  for (const [k, v] of Object.entries(enc.features)) features[k] = v.slice(0, length * (f.widths?.[k] ?? 1))
  const wordStart = enc.wordStart.map((s) => (s < length ? s : -1))
  const labels = new Array<number>(length).fill(IGNORE_INDEX)
  if (tags) wordStart.forEach((s, w) => s >= 0 && tags[w]! >= 0 && (labels[s] = tags[w]!))
  return { features, wordStart, labels, length }
}
