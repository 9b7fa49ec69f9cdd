/**
 * Selectable units of a document. The editor selects whole tokens by default and whole grapheme
 * clusters when snapping is switched off for character-level work; both are kept here as one sorted
 * list of non-overlapping ranges ("units") so selection code never cares which mode it is in. Unit
 * boundaries come from the shared tokenizer, so a selection can never end inside a surrogate pair,
 * a ZWJ emoji sequence or before a combining mark.
 */
import { graphemeBoundaries, tokenize } from '../../../../shared/text/tokenize'
import type { TokenOffsets } from '../../../../shared/types'

export type SnapMode = 'token' | 'grapheme'

/** A half-open UTF-16 range [start, end). */
export interface Range {
  start: number
  end: number
}

export interface DocText {
  text: string
  /** Word tokens (CJK: one per character), sorted, non-overlapping, never empty. */
  tokens: readonly TokenOffsets[]
  /** Grapheme boundaries including 0 and text.length, strictly increasing. */
  boundaries: readonly number[]
}

const WHITESPACE_ONLY = /^\s+$/u

function isHanBmp(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)
}

/**
 * True when cutting the text before `p` changes neither grapheme clusters nor tokens: the next
 * character is a space, tab, newline or a BMP Han ideograph (never an extending mark, and never
 * glued to a word by the tokenizer), and the previous one is printable ASCII, a tab, a newline or
 * a Han ideograph (never a prepending mark or the CR of a CRLF pair).
 */
function isSafeCut(text: string, p: number): boolean {
  const c = text.charCodeAt(p)
  const b = text.charCodeAt(p - 1)
  const nextOk = c === 0x20 || c === 0x09 || c === 0x0a || isHanBmp(c)
  const prevOk = (b >= 0x20 && b < 0x7f) || b === 0x09 || b === 0x0a || isHanBmp(b)
  return nextOk && prevOk
}

/**
 * Chunk edges for segmentation. V8's Intl.Segmenter (Node 20) iterates a long string in quadratic
 * time: 32,000 characters take ~0.8 s in one piece and ~40 ms in 1,000-character pieces, and a
 * 20,000-token document took over 30 s. Segmenting chunks cut at safe points gives the same result.
 */
export function segmentChunks(text: string, chunk = 1024): number[] {
  const cuts = [0]
  let p = chunk
  while (p < text.length) {
    while (p < text.length && !isSafeCut(text, p)) p++
    if (p >= text.length) break
    cuts.push(p)
    p += chunk
  }
  cuts.push(text.length)
  return cuts
}

/** graphemeBoundaries over safe chunks: identical output, linear time. */
export function chunkedGraphemeBoundaries(text: string, chunk?: number): number[] {
  const cuts = segmentChunks(text, chunk)
  const out: number[] = []
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i]!
    const inner = graphemeBoundaries(text.slice(from, cuts[i + 1]))
    for (let k = 0; k + 1 < inner.length; k++) out.push(from + inner[k]!)
  }
  out.push(text.length)
  return out
}

/** tokenize over safe chunks: identical output, linear time. */
export function chunkedTokenize(text: string, chunk?: number): TokenOffsets[] {
  const cuts = segmentChunks(text, chunk)
  const out: TokenOffsets[] = []
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i]!
    for (const t of tokenize(text.slice(from, cuts[i + 1])))
      out.push({ start: from + t.start, end: from + t.end })
  }
  return out
}

/** Tokenizes once; pass stored tokens (CoNLL, HF imports) to keep the source's boundaries. */
export function docText(text: string, tokens?: readonly TokenOffsets[]): DocText {
  // Grapheme boundaries are only needed in character mode; span checks look near one offset
  // (isGraphemeBoundary), so opening a long document segments it once, for the tokens.
  let boundaries: number[] | null = null
  return {
    text,
    tokens: tokens ?? chunkedTokenize(text),
    get boundaries() {
      return (boundaries ??= chunkedGraphemeBoundaries(text))
    },
  }
}

/**
 * Grapheme clusters as units, whitespace-only clusters left out: a cursor never stops on a space,
 * while a selection from one word to the next still covers the space between them.
 */
export function graphemeUnits(doc: DocText): Range[] {
  const out: Range[] = []
  const b = doc.boundaries
  for (let i = 0; i + 1 < b.length; i++) {
    const start = b[i]!
    const end = b[i + 1]!
    if (!WHITESPACE_ONLY.test(doc.text.slice(start, end))) out.push({ start, end })
  }
  return out
}

/** The units a selection snaps to in the given mode. */
export function unitsFor(doc: DocText, mode: SnapMode): readonly Range[] {
  return mode === 'token' ? doc.tokens : graphemeUnits(doc)
}

/** Index of the first unit whose end is after `offset` (units.length when none). */
export function firstUnitEndingAfter(units: readonly Range[], offset: number): number {
  let lo = 0
  let hi = units.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (units[mid]!.end <= offset) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Index of the last unit whose start is before `offset` (-1 when none). */
export function lastUnitStartingBefore(units: readonly Range[], offset: number): number {
  let lo = 0
  let hi = units.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (units[mid]!.start < offset) lo = mid + 1
    else hi = mid
  }
  return lo - 1
}

/** The unit containing `offset`, or -1 when it falls in a gap or outside the text. */
export function unitAt(units: readonly Range[], offset: number): number {
  const i = firstUnitEndingAfter(units, offset)
  const u = units[i]
  return u !== undefined && u.start <= offset ? i : -1
}

/** Indices [first, last] of the units intersecting [start, end), or null when none does. */
export function unitsIntersecting(
  units: readonly Range[],
  start: number,
  end: number,
): [number, number] | null {
  const first = firstUnitEndingAfter(units, start)
  const last = lastUnitStartingBefore(units, end)
  return first <= last ? [first, last] : null
}

/** True when `offset` is a grapheme boundary: a span edge there splits no visible character. */
export function isGraphemeBoundary(doc: DocText, offset: number): boolean {
  const { text } = doc
  if (offset <= 0 || offset >= text.length) return offset === 0 || offset === text.length
  // Segment only the stretch between the safe cuts around the offset, when they are near.
  const reach = 4096
  let from = offset
  while (from > 0 && offset - from < reach && !isSafeCut(text, from)) from--
  let to = offset + 1
  while (to < text.length && to - offset < reach && !isSafeCut(text, to)) to++
  const fromOk = from === 0 || isSafeCut(text, from)
  const toOk = to === text.length || isSafeCut(text, to)
  if (fromOk && toOk) return graphemeBoundaries(text.slice(from, to)).includes(offset - from)
  const b = doc.boundaries
  let lo = 0
  let hi = b.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    const v = b[mid]!
    if (v === offset) return true
    if (v < offset) lo = mid + 1
    else hi = mid - 1
  }
  return false
}

const RTL_CHAR =
  /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}]/u
const STRONG_CHAR = /[\p{L}]/u

/**
 * Base direction of a paragraph by the first strong character (the rule behind HTML's dir="auto"),
 * so arrow keys can follow the visual order in Hebrew and Arabic paragraphs.
 */
export function paragraphDirection(text: string, start = 0, end = text.length): 'ltr' | 'rtl' {
  for (let i = start; i < end; i++) {
    const cp = text.codePointAt(i)!
    const ch = String.fromCodePoint(cp)
    if (RTL_CHAR.test(ch)) return 'rtl'
    if (STRONG_CHAR.test(ch)) return 'ltr'
    if (cp > 0xffff) i++
  }
  return 'ltr'
}
