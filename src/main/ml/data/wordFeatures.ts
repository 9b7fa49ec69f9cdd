/**
 * Word-level features for the from-scratch model, with vocabularies built from the project's own
 * training text: the lowercased word, its shape (Xxxx, dd-dd, ...), and its 3-letter prefix and
 * suffix. Values seen fewer than `minCount` times map to UNK, so UNK is trained on rare words and
 * unseen dev/test words still get a meaningful vector from their shape and affixes.
 */
import type { Featurizer } from './types'

const PAD = 0
const UNK = 1

export function wordShape(w: string): string {
  let out = ''
  for (const ch of w) {
    const c = /\p{Lu}/u.test(ch)
      ? 'X'
      : /\p{Ll}/u.test(ch)
        ? 'x'
        : /\p{N}/u.test(ch)
          ? 'd'
          : /\p{L}/u.test(ch)
            ? 'l'
            : ch
    if (!out.endsWith(c + c)) out += c
  }
  return out.slice(0, 8)
}

type Extract = (w: string) => string

const EXTRACTORS: Record<string, Extract> = {
  word_ids: (w) => w.toLowerCase(),
  shape_ids: wordShape,
  prefix_ids: (w) => [...w.toLowerCase()].slice(0, 3).join(''),
  suffix_ids: (w) => [...w.toLowerCase()].slice(-3).join(''),
}

export interface WordFeaturesJSON {
  kind: 'word-features'
  vocabs: Record<string, string[]>
}

export class WordFeaturizer implements Featurizer {
  readonly kind = 'word-features'
  readonly featureNames = [...Object.keys(EXTRACTORS), 'attention_mask']
  private readonly maps: Map<string, Map<string, number>>

  constructor(readonly vocabs: Record<string, string[]>) {
    this.maps = new Map(Object.entries(vocabs).map(([k, v]) => [k, new Map(v.map((s, i) => [s, i]))]))
  }

  /** Builds vocabularies from training sentences; index 0 is padding and 1 is UNK. */
  static fromCorpus(sentences: readonly (readonly string[])[], minCount = 2): WordFeaturizer {
    const vocabs: Record<string, string[]> = {}
    for (const [name, f] of Object.entries(EXTRACTORS)) {
      const counts = new Map<string, number>()
      for (const s of sentences) for (const w of s) counts.set(f(w), (counts.get(f(w)) ?? 0) + 1)
      const kept = [...counts].filter(([, c]) => c >= (name === 'shape_ids' ? 1 : minCount)).map(([k]) => k)
      vocabs[name] = ['<pad>', '<unk>', ...kept.sort()]
    }
    return new WordFeaturizer(vocabs)
  }

  static fromJSON(j: WordFeaturesJSON): WordFeaturizer {
    return new WordFeaturizer(j.vocabs)
  }

  vocabSize(name: string): number {
    return this.vocabs[name]!.length
  }

  encodeWords(words: readonly string[]) {
    const features: Record<string, number[]> = {}
    for (const [name, f] of Object.entries(EXTRACTORS)) {
      const m = this.maps.get(name)!
      features[name] = words.map((w) => m.get(f(w)) ?? UNK)
    }
    features.attention_mask = words.map(() => 1)
    return { features, wordStart: words.map((_, i) => i) }
  }

  toJSON(): WordFeaturesJSON {
    return { kind: 'word-features', vocabs: this.vocabs }
  }
}

export { PAD as WORD_PAD }
