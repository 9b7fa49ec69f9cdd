/**
 * Layout for virtualised rendering. A long document (20,000 tokens, 1,000 spans) is cut into
 * blocks: one per paragraph (newline), long paragraphs chunked at token boundaries, so a virtual
 * list renders only the blocks on screen. Blocks tile the text exactly (every character except the
 * newlines between paragraphs belongs to one block), depend only on text and tokens, and are
 * computed once per document; spans are then assigned to blocks in O(blocks + spans) whenever they
 * change. Positions (block, token, offset) map to document offsets and back, so the component can
 * turn a browser Selection inside a token element into offsets without measuring the DOM.
 */
import type { Range } from './tokens'
import { firstUnitEndingAfter, paragraphDirection } from './tokens'

export interface Block extends Range {
  index: number
  /** Global token indices [tokenStart, tokenEnd) rendered in this block. */
  tokenStart: number
  tokenEnd: number
  paragraph: number
  /** False for the second and later chunks of a long paragraph (render without a paragraph gap). */
  paragraphStart: boolean
  direction: 'ltr' | 'rtl'
}

export interface LayoutOptions {
  /** Tokens per block before a paragraph is chunked; ~100 keeps a block a few screen lines tall. */
  maxTokensPerBlock?: number
}

/** Newline positions that separate paragraphs; a newline inside a token (odd imports) does not. */
function paragraphBreaks(text: string, tokens: readonly Range[]): number[] {
  const out: number[] = []
  let t = 0
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) {
    while (t < tokens.length && tokens[t]!.end <= nl) t++
    const tok = tokens[t]
    if (tok && tok.start <= nl) continue
    out.push(nl)
  }
  return out
}

export function buildBlocks(text: string, tokens: readonly Range[], options: LayoutOptions = {}): Block[] {
  const max = Math.max(1, options.maxTokensPerBlock ?? 100)
  const blocks: Block[] = []
  const breaks = paragraphBreaks(text, tokens)
  let t = 0
  let paraStart = 0
  for (let p = 0; p <= breaks.length; p++) {
    const nl = breaks[p]
    // A "\r\n" line ending stays out of the block, like the "\n".
    let paraEnd = nl ?? text.length
    if (paraEnd > paraStart && text[paraEnd - 1] === '\r') paraEnd--
    const first = t
    while (t < tokens.length && tokens[t]!.start < paraEnd) t++
    const last = t
    const direction = paragraphDirection(text, paraStart, paraEnd)
    let chunkFirst = first
    do {
      const chunkLast = Math.min(chunkFirst + max, last)
      const start = chunkFirst === first ? paraStart : tokens[chunkFirst]!.start
      const end = chunkLast === last ? paraEnd : tokens[chunkLast]!.start
      blocks.push({
        index: blocks.length,
        start,
        end,
        tokenStart: chunkFirst,
        tokenEnd: chunkLast,
        paragraph: p,
        paragraphStart: chunkFirst === first,
        direction,
      })
      chunkFirst = chunkLast
    } while (chunkFirst < last)
    paraStart = (nl ?? text.length) + 1
  }
  return blocks
}

/**
 * Spans intersecting each block, in span order. A span crossing a block edge (or a paragraph)
 * appears in every block it touches; spans must be sorted by start (sortSpans).
 */
export function assignSpans<T extends Range>(blocks: readonly Block[], spans: readonly T[]): T[][] {
  const out: T[][] = blocks.map(() => [])
  let b = 0
  for (const s of spans) {
    while (b < blocks.length && blocks[b]!.end <= s.start) b++
    for (let k = b; k < blocks.length && blocks[k]!.start < s.end; k++) {
      const block = blocks[k]!
      if (block.start < s.end && s.start < block.end) out[k]!.push(s)
    }
  }
  return out
}

export interface Layout<T extends Range = Range> {
  blocks: Block[]
  spansByBlock: T[][]
  tokens: readonly Range[]
}

export function buildLayout<T extends Range>(
  text: string,
  tokens: readonly Range[],
  spans: readonly T[],
  options: LayoutOptions = {},
): Layout<T> {
  const blocks = buildBlocks(text, tokens, options)
  return { blocks, tokens, spansByBlock: assignSpans(blocks, spans) }
}

/** The block holding an offset; a newline between paragraphs belongs to the block before it. */
export function blockOfOffset(blocks: readonly Block[], offset: number): number {
  let lo = 0
  let hi = blocks.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1
    if (blocks[mid]!.start <= offset) lo = mid
    else hi = mid - 1
  }
  return blocks.length === 0 ? -1 : lo
}

/** The block rendering a global token index (for scrolling the keyboard cursor into view). */
export function blockOfToken(blocks: readonly Block[], token: number): number {
  let lo = 0
  let hi = blocks.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1
    if (blocks[mid]!.tokenStart <= token) lo = mid
    else hi = mid - 1
  }
  return blocks.length === 0 ? -1 : lo
}

/** A DOM-independent place in the rendered text. */
export interface Position {
  block: number
  /** Index of the token inside the block, or null when the offset is in whitespace between tokens. */
  token: number | null
  /** Code units from the token's start (from the block's start when token is null). */
  offset: number
}

/** Where an offset is rendered. Offsets past the text clamp to its end. */
export function offsetToPosition(layout: Layout, offset: number): Position | null {
  const b = blockOfOffset(layout.blocks, offset)
  const block = layout.blocks[b]
  if (!block) return null
  const at = Math.max(block.start, Math.min(offset, block.end))
  const t = firstUnitEndingAfter(layout.tokens, at)
  const tok = layout.tokens[t]
  if (tok && t < block.tokenEnd && tok.start <= at)
    return { block: b, token: t - block.tokenStart, offset: at - tok.start }
  return { block: b, token: null, offset: at - block.start }
}

/**
 * The document offset of a rendered position: what a browser Selection's (node, offset) means once
 * the component knows which block and token element the node belongs to.
 */
export function positionToOffset(layout: Layout, pos: Position): number {
  const block = layout.blocks[pos.block]
  if (!block)
    throw new RangeError(`There is no block ${pos.block}; the document has ${layout.blocks.length}.`)
  if (pos.token === null) return Math.max(block.start, Math.min(block.start + pos.offset, block.end))
  const tok = layout.tokens[block.tokenStart + pos.token]
  if (!tok || block.tokenStart + pos.token >= block.tokenEnd) {
    throw new RangeError(`Block ${pos.block} has no token ${pos.token}.`)
  }
  return Math.max(tok.start, Math.min(tok.start + pos.offset, tok.end))
}

/** One run of characters to render: inside one token (or a gap) and under one set of spans. */
export interface Segment<T extends Range = Range> extends Range {
  /** Global token index, or -1 for whitespace/punctuation the tokenizer skipped. */
  token: number
  /** Spans covering the run, outermost first. */
  spans: T[]
}

/**
 * Cuts a block into runs at token and span edges, so a renderer can wrap spans around their tokens
 * and put one element per run (carrying its start offset) for selection mapping. A span edge inside
 * a token (an import the tokenizer cannot align) still gets its own run rather than being hidden.
 */
export function blockSegments<T extends Range>(layout: Layout<T>, blockIndex: number): Segment<T>[] {
  const block = layout.blocks[blockIndex]
  if (!block) return []
  const spans = layout.spansByBlock[blockIndex] ?? []
  const cuts: number[] = [block.start, block.end]
  for (let t = block.tokenStart; t < block.tokenEnd; t++) {
    const tok = layout.tokens[t]!
    cuts.push(tok.start, tok.end)
  }
  for (const s of spans) {
    if (s.start > block.start && s.start < block.end) cuts.push(s.start)
    if (s.end > block.start && s.end < block.end) cuts.push(s.end)
  }
  cuts.sort((a, b) => a - b)
  const out: Segment<T>[] = []
  let t = block.tokenStart
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i]!
    const end = cuts[i + 1]!
    if (start === end) continue
    while (t < block.tokenEnd && layout.tokens[t]!.end <= start) t++
    const tok = layout.tokens[t]
    const token = tok && t < block.tokenEnd && tok.start <= start ? t : -1
    const covering = spans
      .filter((s) => s.start <= start && end <= s.end)
      .sort((a, b) => a.start - b.start || b.end - a.end)
    out.push({ start, end, token, spans: covering })
  }
  return out
}

/**
 * Stacking rows for overlapping spans (nested NER), like v-annotator's LevelManager: each span gets
 * the lowest row free at its start, so underlines never collide. Flat spans all get row 0.
 */
export function spanLevels<T extends Range & { id: string }>(spans: readonly T[]): Map<string, number> {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end)
  const rowEnds: number[] = []
  const levels = new Map<string, number>()
  for (const s of sorted) {
    let row = rowEnds.findIndex((end) => end <= s.start)
    if (row < 0) row = rowEnds.length
    rowEnds[row] = s.end
    levels.set(s.id, row)
  }
  return levels
}
