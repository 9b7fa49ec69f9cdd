/**
 * The word/character tokenizer used by the editor, CoNLL export and the from-scratch model.
 * Words are runs of letters, marks and digits (with inner apostrophes, hyphens and dots kept when
 * they join alphanumerics, e.g. "U.S.", "don't", "1996-08-22"); every other visible grapheme is
 * its own token; CJK ideographs, kana and hangul syllables are one token each so Chinese and
 * Japanese text is labelled per character. Grapheme clusters (emoji ZWJ sequences, skin tones,
 * combining marks) are never split.
 */
import type { TokenOffsets } from '../types'

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

const WORD_CHAR = /^[\p{L}\p{M}\p{N}]/u
const CJK_CHAR = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u
const JOINER = /^['’.\-_]$/u
const SPACE = /^\s+$/u

export type CharClass = 'word' | 'cjk' | 'space' | 'other'

export function classifyGrapheme(g: string): CharClass {
  if (SPACE.test(g)) return 'space'
  if (CJK_CHAR.test(g)) return 'cjk'
  if (WORD_CHAR.test(g)) return 'word'
  return 'other'
}

/** Grapheme cluster boundaries as UTF-16 offsets, including 0 and text.length. */
export function graphemeBoundaries(text: string): number[] {
  const out: number[] = []
  for (const s of segmenter.segment(text)) out.push(s.index)
  out.push(text.length)
  return out
}

export function tokenize(text: string): TokenOffsets[] {
  const graphemes: { start: number; end: number; cls: CharClass; g: string }[] = []
  for (const s of segmenter.segment(text)) {
    graphemes.push({
      start: s.index,
      end: s.index + s.segment.length,
      cls: classifyGrapheme(s.segment),
      g: s.segment,
    })
  }
  const tokens: TokenOffsets[] = []
  let i = 0
  while (i < graphemes.length) {
    const cur = graphemes[i]!
    if (cur.cls === 'space') {
      i++
      continue
    }
    if (cur.cls !== 'word') {
      tokens.push({ start: cur.start, end: cur.end })
      i++
      continue
    }
    let j = i + 1
    while (j < graphemes.length) {
      const g = graphemes[j]!
      if (g.cls === 'word') {
        j++
        continue
      }
      const next = graphemes[j + 1]
      if (JOINER.test(g.g) && next?.cls === 'word') {
        j += 2
        continue
      }
      break
    }
    tokens.push({ start: cur.start, end: graphemes[j - 1]!.end })
    i = j
  }
  return tokens
}
