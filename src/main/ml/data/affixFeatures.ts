/**
 * Character-aware word features for the from-scratch CNN tagger (docs/adr/0009). Each word gets
 * ids for its lowercased form, its shape (Xxxx, dd-dd), its lowercased prefixes and suffixes of 1
 * to `affixLength` characters, and optionally the lowercased bigrams it forms with its left and
 * right neighbours (trigrams on request). Unseen words are never a blank: their shape and affixes are almost always in
 * the vocabulary, which is what keeps F1 on out-of-vocabulary names close to in-vocabulary ones.
 * Bigrams matter for character-level languages (Chinese), where one "word" is one character and
 * the neighbouring character carries the lexical information a word would.
 */
import { wordShape } from './wordFeatures'
import type { Featurizer } from './types'

const UNK = 1
const BOS = '\u0002'
const EOS = '\u0003'

export interface AffixFeaturesOptions {
  /** Longest prefix/suffix (default 4; 0 when the training words average under 1.5 characters). */
  affixLength: number
  /** Left and right bigram features (default true). */
  bigrams: boolean
  /** Left and right trigram features (default false: on Resume NER they did not pay, ADR 0009). */
  trigrams: boolean
  /** Values seen fewer times map to UNK (default 2; shapes are always kept). */
  minCount: number
  /**
   * Most entries per vocabulary, the most frequent kept (default 30,000). The optimizer updates every
   * embedding row every step, so an uncapped vocabulary would make each step slower as a project grows
   * and training time superlinear in its size; CoNLL-2003 (largest: 25k bigrams) and Resume NER stay
   * under the cap. Older models have no cap recorded, which changes nothing when reading them.
   */
  maxVocab?: number
}

export const AFFIX_DEFAULTS: AffixFeaturesOptions = {
  affixLength: 4,
  bigrams: true,
  trigrams: false,
  minCount: 2,
  maxVocab: 30_000,
}

export interface AffixFeaturesJSON {
  kind: 'affix-features'
  options: AffixFeaturesOptions
  vocabs: Record<string, string[]>
}

type Extract = (words: readonly string[], lower: readonly string[], i: number) => string

function extractors(o: AffixFeaturesOptions): [string, Extract][] {
  const out: [string, Extract][] = [
    ['word_ids', (_, l, i) => l[i]!],
    ['shape_ids', (w, _, i) => wordShape(w[i]!)],
  ]
  for (let n = 1; n <= o.affixLength; n++) {
    // Code points, not UTF-16 units, so an astral character is never split.
    out.push([`prefix${n}_ids`, (_, l, i) => [...l[i]!].slice(0, n).join('')])
    out.push([`suffix${n}_ids`, (_, l, i) => [...l[i]!].slice(-n).join('')])
  }
  if (o.bigrams) {
    out.push(['left_bigram_ids', (_, l, i) => `${i > 0 ? l[i - 1]! : BOS} ${l[i]!}`])
    out.push(['right_bigram_ids', (_, l, i) => `${l[i]!} ${i + 1 < l.length ? l[i + 1]! : EOS}`])
  }
  if (o.trigrams) {
    const at = (l: readonly string[], i: number) => (i < 0 ? BOS : i >= l.length ? EOS : l[i]!)
    out.push(['left_trigram_ids', (_, l, i) => `${at(l, i - 2)} ${at(l, i - 1)} ${l[i]!}`])
    out.push(['right_trigram_ids', (_, l, i) => `${l[i]!} ${at(l, i + 1)} ${at(l, i + 2)}`])
  }
  return out
}

function meanLength(sentences: readonly (readonly string[])[]): number {
  let chars = 0
  let words = 0
  for (const s of sentences)
    for (const w of s) {
      chars += [...w].length
      words++
    }
  return words === 0 ? 0 : chars / words
}

export class AffixFeaturizer implements Featurizer {
  readonly kind = 'affix-features'
  readonly featureNames: readonly string[]
  private readonly ex: [string, Extract][]
  private readonly maps: Map<string, Map<string, number>>

  constructor(
    readonly options: AffixFeaturesOptions,
    readonly vocabs: Record<string, string[]>,
  ) {
    this.ex = extractors(options)
    this.featureNames = [...this.ex.map(([n]) => n), 'attention_mask']
    this.maps = new Map(Object.entries(vocabs).map(([k, v]) => [k, new Map(v.map((s, i) => [s, i]))]))
  }

  /** Builds vocabularies from training sentences; index 0 is padding and 1 is UNK. */
  static fromCorpus(
    sentences: readonly (readonly string[])[],
    options: Partial<AffixFeaturesOptions> = {},
  ): AffixFeaturizer {
    const o = { ...AFFIX_DEFAULTS, ...options }
    // Character-level text (Chinese, one character per word): affixes would repeat the word.
    if (options.affixLength === undefined && meanLength(sentences) < 1.5) o.affixLength = 0
    const ex = extractors(o)
    const counts = ex.map(() => new Map<string, number>())
    for (const s of sentences) {
      const lower = s.map((w) => w.toLowerCase())
      for (let i = 0; i < s.length; i++)
        ex.forEach(([, f], k) => {
          const v = f(s, lower, i)
          counts[k]!.set(v, (counts[k]!.get(v) ?? 0) + 1)
        })
    }
    const vocabs: Record<string, string[]> = {}
    ex.forEach(([name], k) => {
      const min = name === 'shape_ids' ? 1 : o.minCount
      let kept = [...counts[k]!].filter(([, c]) => c >= min)
      const room = (o.maxVocab ?? Infinity) - 2
      if (kept.length > room)
        kept = kept.sort(([a, ca], [b, cb]) => cb - ca || (a < b ? -1 : a > b ? 1 : 0)).slice(0, room)
      vocabs[name] = ['<pad>', '<unk>', ...kept.map(([v]) => v).sort()]
    })
    return new AffixFeaturizer(o, vocabs)
  }

  static fromJSON(j: AffixFeaturesJSON): AffixFeaturizer {
    return new AffixFeaturizer(j.options, j.vocabs)
  }

  vocabSize(name: string): number {
    return this.vocabs[name]!.length
  }

  /** Feature name → vocabulary size, for the model's embedding tables. */
  vocabSizes(): Record<string, number> {
    return Object.fromEntries(this.ex.map(([n]) => [n, this.vocabSize(n)]))
  }

  encodeWords(words: readonly string[]) {
    const lower = words.map((w) => w.toLowerCase())
    const features: Record<string, number[]> = {}
    for (const [name, f] of this.ex) {
      const m = this.maps.get(name)!
      features[name] = words.map((_, i) => m.get(f(words, lower, i)) ?? UNK)
    }
    features.attention_mask = words.map(() => 1)
    return { features, wordStart: words.map((_, i) => i) }
  }

  toJSON(): AffixFeaturesJSON {
    return { kind: 'affix-features', options: this.options, vocabs: this.vocabs }
  }
}

export { UNK as AFFIX_UNK }
