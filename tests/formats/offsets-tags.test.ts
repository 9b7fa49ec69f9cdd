/** Offset maps against a brute-force oracle, and tag schemes against conlleval's reading. */
import { describe, expect, it } from 'vitest'
import {
  codePointLength,
  codePointToUtf16Map,
  createOffsetMap,
  splitsSurrogatePair,
  utf16ToCodePointMap,
} from '../../src/shared/text/offsets'
import { refineTokens } from '../../src/shared/text/align'
import {
  chunksToTags,
  chunkTags,
  detectScheme,
  parseTag,
  spansToTags,
  spansToTokenChunks,
  tagsToSpans,
} from '../../src/shared/text/tags'

const ASTRAL = 'a😀b👩‍👩‍👧‍👦c𠀋\u{1D518}e\u0301👍🏽\uD800x'

describe('offset maps', () => {
  it('agree with counting code points by iteration, lone surrogates included', () => {
    const cps = Array.from(ASTRAL)
    expect(codePointLength(ASTRAL)).toBe(cps.length)
    const toU = codePointToUtf16Map(ASTRAL)
    const toC = utf16ToCodePointMap(ASTRAL)
    let u = 0
    cps.forEach((ch, cp) => {
      expect(toU[cp]).toBe(u)
      expect(toC[u]).toBe(cp)
      if (ch.length === 2) {
        expect(toC[u + 1]).toBe(-1)
        expect(splitsSurrogatePair(ASTRAL, u + 1)).toBe(true)
      }
      u += ch.length
    })
    expect(toU[cps.length]).toBe(ASTRAL.length)
    expect(toC[ASTRAL.length]).toBe(cps.length)
  })

  it('createOffsetMap is the identity for BMP text and rejects offsets outside the text', () => {
    const bmp = createOffsetMap('héllo 中文')
    expect(bmp.codePointLength).toBe(8)
    expect(bmp.toUtf16(8)).toBe(8)
    expect(bmp.toUtf16(9)).toBe(-1)
    expect(bmp.toUtf16(1.5)).toBe(-1)
    const astral = createOffsetMap(ASTRAL)
    expect(astral.toUtf16(2)).toBe(3) // after 'a😀'
    expect(astral.toCodePoint(3)).toBe(2)
    expect(astral.toCodePoint(2)).toBe(-1) // inside 😀
    expect(astral.toUtf16(astral.codePointLength + 1)).toBe(-1)
  })
})

const p = (tags: string) => tags.split(' ').map((t) => parseTag(t)!)
const chunks = (tags: string) => chunkTags(p(tags)).map((c) => `${c.label}:${c.start}-${c.end}`)

describe('tag schemes', () => {
  it('parses prefixes and their BMES / BILOU aliases, rejects anything else', () => {
    expect(parseTag('M-ORG')).toEqual({ prefix: 'I', type: 'ORG', letter: 'M' })
    expect(parseTag('L-ORG')?.prefix).toBe('E')
    expect(parseTag('U-ORG')?.prefix).toBe('S')
    for (const bad of ['X-PER', 'B-', 'B', 'BPER', 'o', 'B_PER', '']) expect(parseTag(bad)).toBeNull()
  })

  it('chunks like conlleval: a stray I- or E- opens an entity, B-/S- always start one', () => {
    expect(chunks('B-PER I-PER O I-LOC I-LOC B-LOC')).toEqual(['PER:0-2', 'LOC:3-5', 'LOC:5-6'])
    expect(chunks('I-PER I-ORG B-ORG I-ORG')).toEqual(['PER:0-1', 'ORG:1-2', 'ORG:2-4'])
    expect(chunks('B-X E-X E-X S-X I-X B-X')).toEqual(['X:0-2', 'X:2-3', 'X:3-4', 'X:4-5', 'X:5-6'])
    expect(chunks('B-X M-X M-X E-X O M-X E-X B-X')).toEqual(['X:0-4', 'X:5-7', 'X:7-8'])
  })

  it('detects the scheme and its spelling', () => {
    expect(detectScheme([['B-PER', 'I-PER', 'O', 'B-LOC']]).spelling).toBe('IOB2')
    expect(detectScheme([['I-PER', 'I-PER', 'B-PER', 'O', 'I-LOC']]).spelling).toBe('IOB1')
    // A stray I- in data whose B- open entities is broken IOB2, not IOB1.
    expect(detectScheme([['B-PER', 'O', 'I-LOC']]).spelling).toBe('IOB2')
    expect(detectScheme([['B-X', 'E-X', 'S-Y']]).spelling).toBe('BIOES')
    expect(detectScheme([['B-X', 'M-X', 'E-X']]).spelling).toBe('BMES')
    expect(detectScheme([['U-X', 'B-Y', 'L-Y']]).spelling).toBe('BILOU')
    expect(detectScheme([['O', 'O']]).scheme).toBe('iob2')
  })

  it('writes each scheme and reads every one back to the same chunks', () => {
    const c = [
      { start: 0, end: 2, label: 'PER' },
      { start: 2, end: 3, label: 'PER' },
      { start: 4, end: 5, label: 'LOC' },
      { start: 5, end: 8, label: 'ORG' },
    ]
    expect(chunksToTags(9, c, 'iob2').join(' ')).toBe('B-PER I-PER B-PER O B-LOC B-ORG I-ORG I-ORG O')
    expect(chunksToTags(9, c, 'iob1').join(' ')).toBe('I-PER I-PER B-PER O I-LOC I-ORG I-ORG I-ORG O')
    expect(chunksToTags(9, c, 'bioes').join(' ')).toBe('B-PER E-PER S-PER O S-LOC B-ORG I-ORG E-ORG O')
    for (const scheme of ['iob1', 'iob2', 'bioes'] as const) {
      const back = chunkTags(chunksToTags(9, c, scheme).map((t) => parseTag(t)!))
      expect(back.map(({ start, end, label }) => ({ start, end, label }))).toEqual(c)
    }
  })

  it('maps spans to tags only on token boundaries unless asked to take the tokens inside', () => {
    const tokens = [
      { start: 0, end: 3 },
      { start: 4, end: 8 },
      { start: 9, end: 12 },
    ]
    const spans = [
      { start: 4, end: 12, label: 'LOC' },
      { start: 5, end: 8, label: 'X' },
      { start: 0, end: 3, label: 'PER' },
      { start: 4, end: 8, label: 'Y' },
    ]
    const r = spansToTags(tokens, spans, 'iob2')
    expect(r.tags).toEqual(['B-PER', 'B-LOC', 'I-LOC'])
    expect(r.unaligned.map((s) => s.label)).toEqual(['X'])
    expect(r.overlapping.map((s) => s.label)).toEqual(['Y'])
    expect(tagsToSpans(tokens, r.tags)).toEqual([spans[2], spans[0]])
    // With `within`, a span padded with whitespace takes the tokens it covers.
    expect(spansToTokenChunks(tokens, [{ start: 3, end: 13, label: 'Z' }], { within: true }).chunks).toEqual([
      { start: 1, end: 3, label: 'Z' },
    ])
  })

  it('refines tokens at span edges and whitespace without losing characters', () => {
    const text = 'New-York a b'
    const { tokens, split } = refineTokens(text, [{ start: 0, end: 12 }], [4])
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['New-', 'York', 'a', 'b'])
    expect(split).toBe(1)
  })
})
