/**
 * Token refinement for tag-based export: a span boundary inside a token, or whitespace inside a
 * token (possible in imported Hugging Face tokens), cannot be written as one token per line, so
 * such tokens are split. Splitting only adds boundaries, so every span stays representable.
 */
import type { TokenOffsets } from '../types'

const WS = /\s/u
const WS_RUN = /\s+/gu

function pushNonSpace(text: string, start: number, end: number, out: TokenOffsets[]): void {
  if (start >= end) return
  const piece = text.slice(start, end)
  if (!WS.test(piece)) {
    out.push({ start, end })
    return
  }
  let at = 0
  WS_RUN.lastIndex = 0
  for (let m = WS_RUN.exec(piece); m !== null; m = WS_RUN.exec(piece)) {
    if (m.index > at) out.push({ start: start + at, end: start + m.index })
    at = m.index + m[0].length
  }
  if (at < piece.length) out.push({ start: start + at, end })
}

/**
 * Returns tokens (sorted by start) split at every cut offset that falls strictly inside one, with
 * whitespace removed from them; `split` counts tokens that had to be divided.
 */
export function refineTokens(
  text: string,
  tokens: readonly TokenOffsets[],
  cuts: Iterable<number>,
): { tokens: TokenOffsets[]; split: number } {
  const sortedCuts = [...new Set(cuts)].sort((a, b) => a - b)
  const out: TokenOffsets[] = []
  let split = 0
  let c = 0
  for (const t of tokens) {
    while (c < sortedCuts.length && sortedCuts[c]! <= t.start) c++
    let from = t.start
    const before = out.length
    while (c < sortedCuts.length && sortedCuts[c]! < t.end) {
      pushNonSpace(text, from, sortedCuts[c]!, out)
      from = sortedCuts[c]!
      c++
    }
    pushNonSpace(text, from, t.end, out)
    if (out.length - before !== 1) split++
  }
  return { tokens: out, split }
}
