/**
 * Tag schemes (IOB1, IOB2, BIOES and its spellings BMES / BILOU) and the conversions between
 * per-token tags and token-range chunks. Character spans are the stored truth; tags exist only at
 * the file boundary and for the model, so everything here is derived and lossless for flat spans.
 *
 * Reading follows conlleval (the lenient reading also used by seqeval's default mode): an I-/E-
 * that continues nothing opens an entity, a B-/I- that is not closed by E- still ends an entity.
 * M- is read as I-, L- as E-, U- as S-.
 */
import type { SpanInput, TokenOffsets } from '../types'

export type TagScheme = 'iob1' | 'iob2' | 'bioes'
/** How a file spelled its scheme; BMES and BILOU read exactly as BIOES. */
export type SchemeSpelling = 'IOB1' | 'IOB2' | 'BIOES' | 'BMES' | 'BILOU'
export type ChunkPrefix = 'B' | 'I' | 'E' | 'S'

export const TAG_SCHEMES: readonly TagScheme[] = ['iob1', 'iob2', 'bioes']

const SCHEME_NAMES: Record<string, TagScheme> = {
  iob1: 'iob1',
  iob2: 'iob2',
  bio: 'iob2',
  bioes: 'bioes',
  iobes: 'bioes',
  bmes: 'bioes',
  bilou: 'bioes',
}

/** The scheme a user typed (any case; BIO, IOBES, BMES and BILOU accepted), or null. */
export function schemeFromName(name: string): TagScheme | null {
  return SCHEME_NAMES[name.toLowerCase()] ?? null
}

export interface ParsedTag {
  prefix: 'O' | ChunkPrefix
  /** Entity type ('' for O). */
  type: string
  /** The letter as written (M, L, U are aliases). */
  letter: string
}

/** A run of tokens [start, end) carrying one label, with the prefixes that opened and closed it. */
export interface TagChunk {
  start: number
  end: number
  label: string
  first: ChunkPrefix
  last: ChunkPrefix
}

export const OUTSIDE: ParsedTag = Object.freeze({ prefix: 'O', type: '', letter: 'O' })

const ALIASES: Record<string, ChunkPrefix> = { B: 'B', I: 'I', E: 'E', S: 'S', M: 'I', L: 'E', U: 'S' }

/** Parses 'O' or 'X-TYPE' with X one of B I E S M L U; null for anything else. */
export function parseTag(tag: string): ParsedTag | null {
  if (tag === 'O') return OUTSIDE
  if (tag.length < 3 || tag.charCodeAt(1) !== 45 /* - */) return null
  const letter = tag[0]!
  const prefix = ALIASES[letter]
  if (prefix === undefined) return null
  return { prefix, type: tag.slice(2), letter }
}

function endsChunk(prev: ParsedTag, cur: ParsedTag): boolean {
  if (prev.prefix === 'O') return false
  if (prev.prefix === 'E' || prev.prefix === 'S') return true
  if (cur.prefix === 'O' || cur.prefix === 'B' || cur.prefix === 'S') return true
  return cur.type !== prev.type
}

function startsChunk(prev: ParsedTag, cur: ParsedTag): boolean {
  if (cur.prefix === 'O') return false
  if (cur.prefix === 'B' || cur.prefix === 'S') return true
  if (prev.prefix === 'O' || prev.prefix === 'E' || prev.prefix === 'S') return true
  return cur.type !== prev.type
}

/** conlleval chunking of one sentence; works unchanged for IOB1, IOB2 and BIOES. */
export function chunkTags(tags: readonly ParsedTag[]): TagChunk[] {
  const chunks: TagChunk[] = []
  let prev = OUTSIDE
  let open = -1
  let first: ChunkPrefix = 'B'
  for (let i = 0; i < tags.length; i++) {
    const cur = tags[i]!
    if (open >= 0 && endsChunk(prev, cur)) {
      chunks.push({ start: open, end: i, label: prev.type, first, last: prev.prefix as ChunkPrefix })
      open = -1
    }
    if (startsChunk(prev, cur)) {
      open = i
      first = cur.prefix as ChunkPrefix
    }
    prev = cur
  }
  if (open >= 0)
    chunks.push({ start: open, end: tags.length, label: prev.type, first, last: prev.prefix as ChunkPrefix })
  return chunks
}

/**
 * Collects what a file's tags reveal about its scheme. Any E/S (or M/L/U) letter means BIOES.
 * Otherwise IOB1 when entities open with I- and no B- opens an entity except right after one of
 * the same type (IOB1's only use of B-); else IOB2, the default for files without entities.
 */
export class SchemeDetector {
  private readonly letters = new Set<string>()
  private iOpens = 0
  private bOpens = 0

  /** Feed the tags of one sentence and the chunks read from them. */
  add(tags: readonly ParsedTag[], chunks: readonly TagChunk[]): void {
    for (const t of tags) if (t.letter !== 'O') this.letters.add(t.letter)
    let prevEnd = -1
    let prevLabel = ''
    for (const c of chunks) {
      if (c.first === 'I') this.iOpens++
      else if (c.first === 'B' && !(prevEnd === c.start && prevLabel === c.label)) this.bOpens++
      prevEnd = c.end
      prevLabel = c.label
    }
  }

  get spelling(): SchemeSpelling {
    const l = this.letters
    if (l.has('M')) return 'BMES'
    if (l.has('L') || l.has('U')) return 'BILOU'
    if (l.has('E') || l.has('S')) return 'BIOES'
    return this.iOpens > 0 && this.bOpens === 0 ? 'IOB1' : 'IOB2'
  }

  get scheme(): TagScheme {
    const s = this.spelling
    return s === 'IOB1' ? 'iob1' : s === 'IOB2' ? 'iob2' : 'bioes'
  }
}

/** Whether a chunk is ill-formed under the scheme (read leniently anyway, but worth a warning). */
export function isIrregularChunk(chunk: TagChunk, scheme: TagScheme): boolean {
  if (scheme === 'iob2') return chunk.first === 'I'
  if (scheme === 'bioes') {
    if (chunk.first === 'I' || chunk.first === 'E') return true
    if (chunk.end - chunk.start === 1) return chunk.first !== 'S'
    return chunk.last !== 'E'
  }
  return false
}

export function detectScheme(sentences: Iterable<readonly string[]>): {
  scheme: TagScheme
  spelling: SchemeSpelling
} {
  const d = new SchemeDetector()
  for (const s of sentences) {
    const parsed = s.map((t) => parseTag(t) ?? OUTSIDE)
    d.add(parsed, chunkTags(parsed))
  }
  return { scheme: d.scheme, spelling: d.spelling }
}

/** Tags for n tokens from sorted, non-overlapping token chunks. */
export function chunksToTags(
  n: number,
  chunks: readonly { start: number; end: number; label: string }[],
  scheme: TagScheme,
): string[] {
  const tags = new Array<string>(n).fill('O')
  let prevEnd = -1
  let prevLabel = ''
  for (const c of chunks) {
    const { start, end, label } = c
    if (scheme === 'iob2') {
      tags[start] = 'B-' + label
      for (let i = start + 1; i < end; i++) tags[i] = 'I-' + label
    } else if (scheme === 'iob1') {
      const adjacent = prevEnd === start && prevLabel === label
      tags[start] = (adjacent ? 'B-' : 'I-') + label
      for (let i = start + 1; i < end; i++) tags[i] = 'I-' + label
    } else if (end - start === 1) {
      tags[start] = 'S-' + label
    } else {
      tags[start] = 'B-' + label
      for (let i = start + 1; i < end - 1; i++) tags[i] = 'I-' + label
      tags[end - 1] = 'E-' + label
    }
    prevEnd = end
    prevLabel = label
  }
  return tags
}

/** Index of the first token with start >= offset (tokens sorted, non-overlapping). */
function firstStartingAtOrAfter(tokens: readonly TokenOffsets[], offset: number): number {
  let lo = 0
  let hi = tokens.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (tokens[mid]!.start < offset) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Index of the last token with end <= offset, or -1. */
function lastEndingAtOrBefore(tokens: readonly TokenOffsets[], offset: number): number {
  let lo = 0
  let hi = tokens.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (tokens[mid]!.end <= offset) lo = mid + 1
    else hi = mid
  }
  return lo - 1
}

export interface TokenChunking {
  chunks: { start: number; end: number; label: string }[]
  /** Spans that cannot be tagged: an edge is not a token boundary (or, with `within`, no token inside). */
  unaligned: SpanInput[]
  /** Spans dropped because they overlap an earlier (by start, then longer first) span. */
  overlapping: SpanInput[]
}

/**
 * Maps character spans onto sorted, non-overlapping tokens. By default a span must start at a token
 * start and end at a token end (misaligned spans are reported, never stretched, as spaCy does);
 * with `within` a span takes the tokens lying inside it, which is what an exporter wants once it
 * has split tokens at span edges (whitespace at a span's edge then simply falls away).
 * Overlapping spans cannot be tagged, so the first (leftmost, then longest) wins.
 */
export function spansToTokenChunks(
  tokens: readonly TokenOffsets[],
  spans: readonly SpanInput[],
  options: { within?: boolean } = {},
): TokenChunking {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end)
  const out: TokenChunking = { chunks: [], unaligned: [], overlapping: [] }
  let lastEndToken = -1
  for (const s of sorted) {
    const a = firstStartingAtOrAfter(tokens, s.start)
    const b = lastEndingAtOrBefore(tokens, s.end)
    const exact = a < tokens.length && tokens[a]!.start === s.start && b >= 0 && tokens[b]!.end === s.end
    if (b < a || (!options.within && !exact)) {
      out.unaligned.push(s)
      continue
    }
    if (a <= lastEndToken) {
      out.overlapping.push(s)
      continue
    }
    out.chunks.push({ start: a, end: b + 1, label: s.label })
    lastEndToken = b
  }
  return out
}

/** Tags for tokens from character spans; see spansToTokenChunks for what cannot be tagged. */
export function spansToTags(
  tokens: readonly TokenOffsets[],
  spans: readonly SpanInput[],
  scheme: TagScheme,
  options: { within?: boolean } = {},
): { tags: string[]; unaligned: SpanInput[]; overlapping: SpanInput[] } {
  const { chunks, unaligned, overlapping } = spansToTokenChunks(tokens, spans, options)
  return { tags: chunksToTags(tokens.length, chunks, scheme), unaligned, overlapping }
}

/** Character spans from per-token tags (lenient conlleval reading); invalid tags count as O. */
export function tagsToSpans(tokens: readonly TokenOffsets[], tags: readonly string[]): SpanInput[] {
  const parsed = tags.map((t) => parseTag(t) ?? OUTSIDE)
  return chunkTags(parsed).map((c) => ({
    start: tokens[c.start]!.start,
    end: tokens[c.end - 1]!.end,
    label: c.label,
  }))
}
