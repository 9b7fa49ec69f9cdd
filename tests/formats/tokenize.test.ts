/**
 * The fast tokenizer against the straightforward one (every grapheme through Intl.Segmenter and
 * the class regexes), on hand-picked edge cases, random mixtures and the real corpora.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { classifyGrapheme, tokenize } from '../../src/shared/text/tokenize'
import type { TokenOffsets } from '../../src/shared/types'

function reference(text: string): TokenOffsets[] {
  const seg = new Intl.Segmenter(undefined, { granularity: 'grapheme' })
  const gs = [...seg.segment(text)].map((s) => ({
    start: s.index,
    end: s.index + s.segment.length,
    cls: classifyGrapheme(s.segment),
    g: s.segment,
  }))
  const out: TokenOffsets[] = []
  let i = 0
  while (i < gs.length) {
    const cur = gs[i]!
    if (cur.cls === 'space') i++
    else if (cur.cls !== 'word') {
      out.push({ start: cur.start, end: cur.end })
      i++
    } else {
      let j = i + 1
      while (j < gs.length) {
        if (gs[j]!.cls === 'word') j++
        else if (/^['’.\-_]$/u.test(gs[j]!.g) && gs[j + 1]?.cls === 'word') j += 2
        else break
      }
      out.push({ start: cur.start, end: gs[j - 1]!.end })
      i = j
    }
  }
  return out
}

const words = (t: string) => tokenize(t).map((k) => t.slice(k.start, k.end))

describe('tokenize', () => {
  it('keeps words, joined words and grapheme clusters whole', () => {
    expect(words("U.S. don't 1996-08-22 e-mail_x O’Neil")).toEqual([
      'U.S',
      '.',
      "don't",
      '1996-08-22',
      'e-mail_x',
      'O’Neil',
    ])
    expect(words('cafe\u0301 👩‍👩‍👧‍👦👍🏽 1\uFE0F\u20E3 🇫🇷')).toEqual([
      'cafe\u0301',
      '👩‍👩‍👧‍👦',
      '👍🏽',
      '1\uFE0F\u20E3',
      '🇫🇷',
    ])
    expect(words('北京𠀋 abc\r\nx')).toEqual(['北', '京', '𠀋', 'abc', 'x'])
    expect(words('\u0600' + '1 a')).toEqual(
      reference('\u06001 a').map((k) => '\u06001 a'.slice(k.start, k.end)),
    )
  })

  it('agrees with segmenting every grapheme on random mixtures', () => {
    const pieces = [
      'a',
      'Z',
      '9',
      ' ',
      '\n',
      '\r\n',
      '-',
      "'",
      '.',
      '_',
      '!',
      'é',
      '\u0301',
      '\u200d',
      '👩',
      '🏽',
      '中',
      '𠀋',
      '\uFE0F',
      '\u20E3',
      '\u0600',
      '\u00a0',
      'ß',
      '한',
      '\t',
      '’',
      '🇫',
      '🇷',
    ]
    let seed = 12345
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff
      return seed % n
    }
    for (let k = 0; k < 2000; k++) {
      let s = ''
      const len = rand(30)
      for (let i = 0; i < len; i++) s += pieces[rand(pieces.length)]
      expect(tokenize(s), JSON.stringify(s)).toEqual(reference(s))
    }
  })

  it('agrees on long runs that span many segmenter windows, clusters longer than a window included', () => {
    const long = '中文👩‍👩‍👧‍👦🇫🇷🇩🇪é\u0301'.repeat(200) + 'a' + '\u0301'.repeat(600) + ' 한국어'.repeat(100)
    expect(tokenize(long)).toEqual(reference(long))
  })

  // The reference segments line by line: V8 copies the whole input into every segment it returns.
  const lineByLine = (text: string): TokenOffsets[] => {
    const out: TokenOffsets[] = []
    let at = 0
    for (const line of text.split('\n')) {
      for (const t of reference(line)) out.push({ start: t.start + at, end: t.end + at })
      at += line.length + 1
    }
    return out
  }
  const datasets = path.resolve(__dirname, '../../../shared/datasets')
  for (const file of ['conll2003/sample-train.txt', 'resume-zh/dev.char.bmes']) {
    const p = path.join(datasets, file)
    it.skipIf(!existsSync(p))(`agrees with segmenting every grapheme on ${file}`, () => {
      // Tokens glued together without spaces (mixed scripts, joiners between words), a line per sentence.
      const text = readFileSync(p, 'utf8')
        .split('\n')
        .map((l) => (l.trim() === '' ? '\n' : l.split(' ')[0]))
        .join('')
        .slice(0, 60000)
      expect(tokenize(text)).toEqual(lineByLine(text))
    })
  }
})
