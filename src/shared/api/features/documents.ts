/** Documents and their spans: listing, reading and labelling. */
import { z } from 'zod'
import { call } from '../define'
import type { DocStatus, SpanSource, Split } from '../../types'

export interface DocumentSummary {
  id: number
  /** The first characters of the text, for lists. */
  preview: string
  length: number
  split: Split
  status: DocStatus
  spanCount: number
  labelCounts: Record<string, number>
  /** The model's lowest confidence among the document's pending suggestions; null when it has none. */
  score: number | null
}

export interface StoredSpan {
  id: number
  start: number
  end: number
  label: string
  source: SpanSource
}

export interface DocumentView {
  id: number
  text: string
  split: Split
  status: DocStatus
  spans: StoredSpan[]
  /** Token boundaries the document came with (CoNLL, HF), as [start, end] pairs; null when derived. */
  tokens: [number, number][] | null
  /** Position in the current queue order and its size, for the progress indicator. */
  position: number
  total: number
  done: number
  prevId: number | null
  nextId: number | null
}

export interface DocumentPage {
  items: DocumentSummary[]
  total: number
  /** True when a search matched more documents than it counts: `total` is then a lower bound. */
  totalCapped: boolean
}

const split = z.enum(['train', 'dev', 'test', 'none'])
const status = z.enum(['todo', 'done', 'skipped'])
const docId = z.number().int().positive()

export const documentCalls = {
  'documents.list': call<DocumentPage>()(
    z
      .object({
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(50),
        split: split.optional(),
        status: status.optional(),
        query: z.string().max(500).optional(),
      })
      .strict(),
    'One page of documents, filtered by split, status and text (case-insensitive substring).',
  ),
  'documents.get': call<DocumentView>()(z.object({ id: docId }).strict(), 'A document with its spans.'),
  'documents.first': call<DocumentView | null>()(
    z.object({ status: status.optional() }).strict(),
    'The first document of the queue (of the given status), or null when there is none.',
  ),
  'documents.setStatus': call<DocumentView>()(
    z.object({ id: docId, status }).strict(),
    'Marks a document done, skipped or to do.',
  ),
  'spans.add': call<StoredSpan>()(
    z
      .object({
        documentId: docId,
        start: z.number().int().min(0),
        end: z.number().int().min(1),
        label: z.string().min(1),
        /** Where the span came from; undo of a deleted model span restores it as it was. */
        source: z.enum(['manual', 'model', 'pattern', 'import']).default('manual'),
      })
      .strict()
      .refine((s) => s.end > s.start, { message: 'A span must end after it starts.', path: ['end'] }),
    'Labels a character range (UTF-16 offsets, end-exclusive); refuses overlaps.',
  ),
  'spans.delete': call<{ deleted: number }>()(
    z.object({ id: z.number().int().positive() }).strict(),
    'Removes a span.',
  ),
  'spans.relabel': call<StoredSpan>()(
    z.object({ id: z.number().int().positive(), label: z.string().min(1) }).strict(),
    'Gives a span another label.',
  ),
}
