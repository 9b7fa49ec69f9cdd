/**
 * Rebuilding text from token-per-line data. Space-separated languages get one space between
 * tokens; character-per-line CJK corpora (one character per token, e.g. Resume NER) are joined
 * without spaces, since inserting spaces would change the text the model sees.
 *
 * Rule ('auto'): a file is character-per-line when every token is exactly one grapheme cluster
 * and at least one token is a CJK character (Han, kana, hangul). Decided per file, not per token,
 * so digits and Latin letters inside Chinese text ("1 9 6 6") also join without spaces.
 */
import { classifyGrapheme } from '../../shared/text/tokenize'
import type { TokenOffsets } from '../../shared/types'

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

function isOneGrapheme(token: string): boolean {
  if (token.length === 1) return true
  const c = token.charCodeAt(0)
  if (token.length === 2 && c >= 0xd800 && c <= 0xdbff) return true
  let n = 0
  for (const _ of segmenter.segment(token)) if (++n > 1) return false
  return n === 1
}

/** Watches tokens as they are read and decides the joiner at the end of the file. */
export class JoinerDetector {
  private allChars = true
  private anyCjk = false

  add(token: string): void {
    if (!this.allChars) return
    if (!isOneGrapheme(token)) {
      this.allChars = false
      return
    }
    if (!this.anyCjk && classifyGrapheme(token) === 'cjk') this.anyCjk = true
  }

  joiner(option: 'auto' | 'space' | 'none' = 'auto'): 'space' | 'none' {
    if (option !== 'auto') return option
    return this.allChars && this.anyCjk ? 'none' : 'space'
  }
}

/**
 * Text and token offsets for sentences of tokens: tokens joined by the joiner, sentences by '\n'.
 * Returns the offset of each sentence's first token so callers can map token chunks to spans.
 */
export function joinSentences(
  sentences: readonly (readonly string[])[],
  joiner: 'space' | 'none',
): { text: string; tokens: TokenOffsets[] } {
  const sep = joiner === 'space' ? ' ' : ''
  const parts: string[] = []
  const tokens: TokenOffsets[] = []
  let pos = 0
  for (let s = 0; s < sentences.length; s++) {
    const sentence = sentences[s]!
    if (s > 0) {
      parts.push('\n')
      pos += 1
    }
    for (let t = 0; t < sentence.length; t++) {
      if (t > 0 && sep) {
        parts.push(sep)
        pos += sep.length
      }
      const tok = sentence[t]!
      parts.push(tok)
      tokens.push({ start: pos, end: pos + tok.length })
      pos += tok.length
    }
  }
  return { text: parts.join(''), tokens }
}
