/**
 * Domain types shared by every layer. Offsets are UTF-16 code units (JavaScript string indices),
 * end-exclusive; formats that count code points convert at their boundary.
 */

export type SpanSource = 'manual' | 'model' | 'pattern' | 'import'
export type Split = 'train' | 'dev' | 'test' | 'none'
export type DocStatus = 'todo' | 'done' | 'skipped'

/** A labelled character range, the internal truth; tags are derived from spans. */
export interface SpanInput {
  start: number
  end: number
  label: string
}

/** One document as parsed from a file, before it is stored. */
export interface DocumentInput {
  text: string
  spans: SpanInput[]
  /** Token boundaries when the source format carried them (CoNLL, HF); otherwise derived. */
  tokens?: TokenOffsets[]
  meta?: Record<string, unknown>
}

export interface TokenOffsets {
  start: number
  end: number
}

export const SPLITS: readonly Split[] = ['train', 'dev', 'test', 'none']
export const DOC_STATUSES: readonly DocStatus[] = ['todo', 'done', 'skipped']
