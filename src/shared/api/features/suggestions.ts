/** Suggested spans (from a model or a pattern) that the user accepts or rejects in the editor. */
import { z } from 'zod'
import { call } from '../define'

export interface Suggestion {
  id: number
  documentId: number
  start: number
  end: number
  label: string
  /** Confidence in [0, 1]; patterns give 1. */
  score: number | null
  source: 'model' | 'pattern'
  /** Model version that proposed it, for model suggestions. */
  modelVersion: number | null
  decision: 'accepted' | 'rejected' | null
}

export interface DecideResult {
  /** Suggestions with their new decision. */
  suggestions: Suggestion[]
  /** Spans created by accepting (id of the suggestion → span id), for undo. */
  createdSpans: { suggestionId: number; spanId: number }[]
  /** Accepted suggestions that overlapped an existing span and were not added. */
  skipped: { suggestionId: number; reason: string }[]
}

const ids = z.array(z.number().int().positive()).min(1).max(10_000)

export const suggestionCalls = {
  'suggestions.list': call<Suggestion[]>()(
    z
      .object({ documentId: z.number().int().positive(), includeDecided: z.boolean().default(false) })
      .strict(),
    'Suggestions for a document, undecided ones only unless asked.',
  ),
  'suggestions.decide': call<DecideResult>()(
    z.object({ ids, decision: z.enum(['accepted', 'rejected']) }).strict(),
    'Accepts (adds as spans) or rejects suggestions; rejections are kept as negative evidence.',
  ),
  'suggestions.undecide': call<Suggestion[]>()(
    z.object({ ids }).strict(),
    'Takes decisions back (undo): accepted suggestions lose the span they created.',
  ),
}
