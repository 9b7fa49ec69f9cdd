/**
 * Conversions between JavaScript string indices (UTF-16 code units, our stored offsets) and
 * Unicode code point indices (what Python-world formats such as spaCy, Prodigy and doccano count).
 * Texts without surrogates need no table, so the common case costs one regex scan; texts with
 * astral characters (emoji, CJK extension B) get typed-array tables built once per text.
 * A lone surrogate (possible in JSON escapes) counts as one code point, as it does in Python.
 */

const SURROGATE = /[\uD800-\uDFFF]/

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff
}

/** True when text[i-1], text[i] is a high+low surrogate pair, i.e. index i would split a character. */
export function splitsSurrogatePair(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return false
  return isHigh(text.charCodeAt(i - 1)) && isLow(text.charCodeAt(i))
}

export function codePointLength(text: string): number {
  if (!SURROGATE.test(text)) return text.length
  let n = 0
  for (let i = 0; i < text.length; i++) {
    if (isHigh(text.charCodeAt(i)) && i + 1 < text.length && isLow(text.charCodeAt(i + 1))) i++
    n++
  }
  return n
}

/** map[cp] = UTF-16 index of code point cp; map has codePointLength + 1 entries (the last is text.length). */
export function codePointToUtf16Map(text: string): Uint32Array {
  const map = new Uint32Array(codePointLength(text) + 1)
  let cp = 0
  for (let i = 0; i < text.length; i++) {
    map[cp++] = i
    if (isHigh(text.charCodeAt(i)) && i + 1 < text.length && isLow(text.charCodeAt(i + 1))) i++
  }
  map[cp] = text.length
  return map
}

/** map[u] = code point index at UTF-16 index u, or -1 where u falls between the halves of a pair. */
export function utf16ToCodePointMap(text: string): Int32Array {
  const map = new Int32Array(text.length + 1)
  let cp = 0
  for (let i = 0; i < text.length; i++) {
    map[i] = cp
    if (isHigh(text.charCodeAt(i)) && i + 1 < text.length && isLow(text.charCodeAt(i + 1))) {
      map[++i] = -1
    }
    cp++
  }
  map[text.length] = cp
  return map
}

/** Both directions for one text; tables are built lazily and skipped entirely for BMP-only text. */
export interface OffsetMap {
  readonly codePointLength: number
  /** UTF-16 index of a code point index, or -1 when outside 0..codePointLength. */
  toUtf16(cp: number): number
  /** Code point index of a UTF-16 index, or -1 when outside the text or inside a surrogate pair. */
  toCodePoint(u16: number): number
}

export function createOffsetMap(text: string): OffsetMap {
  if (!SURROGATE.test(text)) {
    const n = text.length
    return {
      codePointLength: n,
      toUtf16: (cp) => (Number.isInteger(cp) && cp >= 0 && cp <= n ? cp : -1),
      toCodePoint: (u) => (Number.isInteger(u) && u >= 0 && u <= n ? u : -1),
    }
  }
  let cpToU: Uint32Array | undefined
  let uToCp: Int32Array | undefined
  const cpLen = codePointLength(text)
  return {
    codePointLength: cpLen,
    toUtf16(cp) {
      if (!Number.isInteger(cp) || cp < 0 || cp > cpLen) return -1
      cpToU ??= codePointToUtf16Map(text)
      return cpToU[cp]!
    },
    toCodePoint(u) {
      if (!Number.isInteger(u) || u < 0 || u > text.length) return -1
      uToCp ??= utf16ToCodePointMap(text)
      return uToCp[u]!
    },
  }
}
