/**
 * WordPiece featurizer for BERT checkpoints (vocab.txt order = ids): each word is split greedily
 * into the longest vocabulary pieces ("##" marks continuations), framed by [CLS] ... [SEP].
 * Words arrive already split, so BERT's basic tokenizer only has to lowercase and split
 * punctuation inside a word.
 */
import type { Featurizer } from './types'

export interface WordPieceOptions {
  vocab: string[]
  lowercase: boolean
  maxCharsPerWord?: number
}

const PUNCT = /[\p{P}\p{S}]/u

export class WordPieceFeaturizer implements Featurizer {
  readonly kind = 'wordpiece'
  readonly featureNames = ['input_ids', 'attention_mask'] as const
  private readonly ids: Map<string, number>
  private readonly unk: number
  private readonly cls: number
  private readonly sep: number

  constructor(readonly options: WordPieceOptions) {
    this.ids = new Map(options.vocab.map((t, i) => [t, i]))
    const need = (t: string) => {
      const id = this.ids.get(t)
      if (id === undefined) throw new Error(`The vocabulary has no ${t} token.`)
      return id
    }
    this.unk = need('[UNK]')
    this.cls = need('[CLS]')
    this.sep = need('[SEP]')
  }

  private basic(word: string): string[] {
    let w = word
    if (this.options.lowercase)
      w = w
        .toLowerCase()
        .normalize('NFD')
        .replace(/\p{Mn}/gu, '')
    const out: string[] = []
    let cur = ''
    for (const ch of w) {
      if (PUNCT.test(ch)) {
        if (cur) out.push(cur)
        out.push(ch)
        cur = ''
      } else cur += ch
    }
    if (cur) out.push(cur)
    return out
  }

  private pieces(token: string): number[] {
    if ([...token].length > (this.options.maxCharsPerWord ?? 100)) return [this.unk]
    const out: number[] = []
    let start = 0
    while (start < token.length) {
      let end = token.length
      let found = -1
      while (end > start) {
        const sub = (start > 0 ? '##' : '') + token.slice(start, end)
        const id = this.ids.get(sub)
        if (id !== undefined) {
          found = id
          break
        }
        end--
      }
      if (found < 0) return [this.unk]
      out.push(found)
      start = end
    }
    return out
  }

  encodeWords(words: readonly string[]) {
    const ids = [this.cls]
    const wordStart: number[] = []
    for (const w of words) {
      wordStart.push(ids.length)
      const p = this.basic(w).flatMap((t) => this.pieces(t))
      ids.push(...(p.length > 0 ? p : [this.unk]))
    }
    ids.push(this.sep)
    return { features: { input_ids: ids, attention_mask: ids.map(() => 1) }, wordStart }
  }

  toJSON() {
    return { kind: this.kind, lowercase: this.options.lowercase, vocab: this.options.vocab }
  }
}
