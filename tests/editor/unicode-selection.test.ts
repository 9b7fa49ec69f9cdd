import { describe, expect, it } from 'vitest'
import { graphemeBoundaries, tokenize } from '../../src/shared/text/tokenize'
import {
  arrowDelta,
  chunkedGraphemeBoundaries,
  chunkedTokenize,
  segmentChunks,
  convertSelection,
  cursorAt,
  docText,
  extendSelection,
  graphemeUnits,
  isGraphemeBoundary,
  moveCursor,
  paragraphDirection,
  selectionForRange,
  selectionRange,
  snapOffsets,
  toEdge,
  unitAt,
  unitsFor,
} from '../../src/renderer/src/editor/model'

const FAMILY = '👨\u200d👩\u200d👧'
const THUMB = '👍🏽'
const E_ACUTE = 'e\u0301'
const EXT_B = '𠀀'

function textOf(text: string, r: { start: number; end: number } | null): string | null {
  return r === null ? null : text.slice(r.start, r.end)
}

describe('units', () => {
  it('keeps emoji sequences, skin tones and combining marks whole in both modes', () => {
    const text = `Hi ${FAMILY} ${THUMB} caf${E_ACUTE}!`
    const doc = docText(text)
    for (const mode of ['token', 'grapheme'] as const) {
      const pieces = unitsFor(doc, mode).map((u) => text.slice(u.start, u.end))
      expect(pieces).toContain(FAMILY)
      expect(pieces).toContain(THUMB)
      // Every unit edge is a grapheme boundary, so no unit ends inside a surrogate pair.
      for (const u of unitsFor(doc, mode)) {
        expect(isGraphemeBoundary(doc, u.start)).toBe(true)
        expect(isGraphemeBoundary(doc, u.end)).toBe(true)
      }
    }
    expect(unitsFor(doc, 'token').map((u) => text.slice(u.start, u.end))).toContain(`caf${E_ACUTE}`)
    expect(graphemeUnits(doc).map((u) => text.slice(u.start, u.end))).toContain(E_ACUTE)
  })

  it('makes every CJK character a token, including astral extension B', () => {
    const text = `北京${EXT_B}大学`
    const doc = docText(text)
    expect(doc.tokens.map((u) => text.slice(u.start, u.end))).toEqual(['北', '京', EXT_B, '大', '学'])
    expect(EXT_B.length).toBe(2)
    expect(isGraphemeBoundary(doc, text.indexOf(EXT_B) + 1)).toBe(false)
  })

  it('leaves whitespace out of grapheme units', () => {
    const doc = docText('a  b')
    expect(graphemeUnits(doc)).toEqual([
      { start: 0, end: 1 },
      { start: 3, end: 4 },
    ])
  })

  it('finds the unit under an offset and nothing in gaps', () => {
    const doc = docText('New York')
    expect(unitAt(doc.tokens, 0)).toBe(0)
    expect(unitAt(doc.tokens, 2)).toBe(0)
    expect(unitAt(doc.tokens, 3)).toBe(-1)
    expect(unitAt(doc.tokens, 4)).toBe(1)
    expect(unitAt(doc.tokens, 8)).toBe(-1)
  })
})

describe('mouse snapping', () => {
  const text = `Alice met ${FAMILY} in 北京 today`
  const doc = docText(text)

  it('widens a partial drag to whole tokens', () => {
    const s = snapOffsets(doc.tokens, text.indexOf('lice'), text.indexOf('et') + 1)
    expect(textOf(text, s?.range ?? null)).toBe('Alice met')
  })

  it('keeps the drag direction in anchor and focus', () => {
    const a = text.indexOf('met') + 1
    const b = text.indexOf('Alice') + 1
    const s = snapOffsets(doc.tokens, a, b)!
    expect(s.selection.anchor).toBeGreaterThan(s.selection.focus)
    expect(textOf(text, s.range)).toBe('Alice met')
  })

  it('selects the token under a click, also from its right edge', () => {
    expect(textOf(text, snapOffsets(doc.tokens, 2, 2)?.range ?? null)).toBe('Alice')
    expect(textOf(text, snapOffsets(doc.tokens, 5, 5)?.range ?? null)).toBe('Alice')
  })

  it('selects nothing for whitespace alone', () => {
    const gap = text.indexOf(' in') + 1
    expect(snapOffsets(doc.tokens, gap - 1, gap)).toBeNull()
  })

  it('never ends inside the ZWJ family, even when the browser offset lands in a surrogate pair', () => {
    const inside = text.indexOf(FAMILY) + 3
    for (const mode of ['token', 'grapheme'] as const) {
      const s = snapOffsets(unitsFor(doc, mode), inside, inside + 1)
      expect(textOf(text, s?.range ?? null)).toBe(FAMILY)
    }
  })

  it('snaps per character in CJK text', () => {
    const bei = text.indexOf('北')
    expect(textOf(text, snapOffsets(doc.tokens, bei, bei + 1)?.range ?? null)).toBe('北')
  })

  it('with snapping off selects part of a word by graphemes, combining mark included', () => {
    const t = `naı̈ve caf${E_ACUTE}s`
    const d = docText(t)
    const units = unitsFor(d, 'grapheme')
    const e = t.indexOf(E_ACUTE)
    // A drag that stops between the e and its accent still takes the whole é.
    const s = snapOffsets(units, t.indexOf('caf') + 2, e + 1)
    expect(textOf(t, s?.range ?? null)).toBe(`f${E_ACUTE}`)
  })
})

describe('keyboard selection', () => {
  const text = 'The city of New York is big'
  const doc = docText(text)
  const n = doc.tokens.length
  const york = doc.tokens.findIndex((t) => text.slice(t.start, t.end) === 'York')

  it('moves a cursor that covers one token', () => {
    let sel = moveCursor(null, 1, n)
    expect(textOf(text, selectionRange(doc.tokens, sel!))).toBe('The')
    sel = moveCursor(sel, 1, n)
    expect(textOf(text, selectionRange(doc.tokens, sel!))).toBe('city')
    sel = moveCursor(cursorAt(0), -1, n)
    expect(sel).toEqual(cursorAt(0))
  })

  it('extends with Shift+Right and shrinks with Shift+Left past the anchor', () => {
    let sel = extendSelection(cursorAt(york - 1), 1, n)
    expect(textOf(text, selectionRange(doc.tokens, sel!))).toBe('New York')
    sel = extendSelection(sel, 1, n)
    expect(textOf(text, selectionRange(doc.tokens, sel!))).toBe('New York is')
    sel = extendSelection(sel, -1, n)
    sel = extendSelection(sel, -1, n)
    expect(textOf(text, selectionRange(doc.tokens, sel!))).toBe('New')
    sel = extendSelection(sel, -1, n)
    expect(textOf(text, selectionRange(doc.tokens, sel!))).toBe('of New')
  })

  it('collapses a selection to the edge in the direction of travel', () => {
    const sel = { anchor: york - 1, focus: york }
    expect(moveCursor(sel, 1, n)).toEqual(cursorAt(york))
    expect(moveCursor(sel, -1, n)).toEqual(cursorAt(york - 1))
  })

  it('extends to the ends with Shift+Home/End', () => {
    const sel = toEdge(cursorAt(york), 'end', true, n)!
    expect(textOf(text, selectionRange(doc.tokens, sel))).toBe('York is big')
    expect(toEdge(sel, 'start', false, n)).toEqual(cursorAt(0))
  })

  it('follows the visual order in right-to-left paragraphs', () => {
    expect(arrowDelta('ArrowRight', 'ltr')).toBe(1)
    expect(arrowDelta('ArrowLeft', 'rtl')).toBe(1)
    expect(paragraphDirection('שלום עולם')).toBe('rtl')
    expect(paragraphDirection('«مرحبا» world')).toBe('rtl')
    expect(paragraphDirection('123 Hello שלום')).toBe('ltr')
  })

  it('selects Hebrew and Arabic words by logical offsets', () => {
    const t = 'נסעתי לתל אביב עם أحمد'
    const d = docText(t)
    // "לתל" is one word (the prefix ל, "to"): tokens take the word, graphemes can leave the prefix out.
    const start = t.indexOf('תל')
    const s = snapOffsets(d.tokens, start, t.indexOf('אביב') + 2)
    expect(textOf(t, s?.range ?? null)).toBe('לתל אביב')
    const g = snapOffsets(unitsFor(d, 'grapheme'), start, t.indexOf('אביב') + 4)
    expect(textOf(t, g?.range ?? null)).toBe('תל אביב')
    const ahmad = snapOffsets(d.tokens, t.indexOf('أحمد') + 1, t.indexOf('أحمد') + 1)
    expect(textOf(t, ahmad?.range ?? null)).toBe('أحمد')
  })

  it('keeps the characters when snapping is switched off and widens them when it is switched on', () => {
    const sel = selectionForRange(doc.tokens, { start: text.indexOf('New'), end: text.indexOf('York') + 4 })!
    const chars = convertSelection(doc, sel, 'token', 'grapheme')!
    expect(textOf(text, selectionRange(unitsFor(doc, 'grapheme'), chars))).toBe('New York')
    const partial = selectionForRange(unitsFor(doc, 'grapheme'), {
      start: text.indexOf('ork'),
      end: text.indexOf('ork') + 2,
    })!
    const back = convertSelection(doc, partial, 'grapheme', 'token')!
    expect(textOf(text, selectionRange(doc.tokens, back))).toBe('York')
  })
})

describe('chunked segmentation', () => {
  // Each sample crosses a cut point with something the segmenter or tokenizer must not split.
  const samples = [
    'one two three four five six seven eight nine ten',
    'a\r\nb\r\n\r\nc d\re f',
    `x ${E_ACUTE} y \u0301z caf${E_ACUTE} naïve`,
    `${FAMILY} ${FAMILY}${FAMILY} 👍🏽👍🏽 🇩🇪🇫🇷 1\ufe0f\u20e3`,
    `北京大学${EXT_B}东京\ufe00都市 漢字かなカナ한국어 U.S.A. don't 1996-08-22`,
    'שלום עולם مرحبا بالعالم \u0600 1 \u0600x',
    '\t\ttabs\tand  spaces \n\n end ',
  ]

  it('matches one-piece segmentation exactly, for every chunk size', () => {
    for (const text of samples) {
      const whole = tokenize(text)
      const bounds = graphemeBoundaries(text)
      for (const size of [1, 2, 3, 5, 8, 13]) {
        expect(chunkedTokenize(text, size), `${text} @${size}`).toEqual(whole)
        expect(chunkedGraphemeBoundaries(text, size), `${text} @${size}`).toEqual(bounds)
      }
    }
  })

  it('answers boundary questions near an offset exactly as full segmentation does', () => {
    for (const text of [...samples, samples.join(' ').repeat(30)]) {
      const doc = docText(text)
      const all = new Set(graphemeBoundaries(text))
      for (let o = 0; o <= text.length; o++)
        expect(isGraphemeBoundary(doc, o), `${o} in ${text.slice(0, 20)}`).toBe(all.has(o))
    }
  })

  it('actually cuts long text into pieces', () => {
    const text = samples.join(' ').repeat(40)
    const cuts = segmentChunks(text, 64)
    expect(cuts.length).toBeGreaterThan(text.length / 128)
    expect(chunkedTokenize(text, 64)).toEqual(tokenize(text))
  })
})
