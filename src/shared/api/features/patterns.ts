/** Dictionary terms and regular expressions per label: suggestions before any model exists. */
import { z } from 'zod'
import { call } from '../define'

export interface Pattern {
  id: number
  label: string
  kind: 'term' | 'regex'
  pattern: string
  caseSensitive: boolean
}

export const patternCalls = {
  'patterns.list': call<Pattern[]>()(z.object({}).strict(), 'All patterns, by label.'),
  'patterns.add': call<{ added: number }>()(
    z
      .object({
        label: z.string().min(1),
        kind: z.enum(['term', 'regex']),
        pattern: z.string().trim().min(1, 'A pattern cannot be empty.').max(1000),
        caseSensitive: z.boolean().default(false),
      })
      .strict(),
    'Adds a term or a regular expression for a label.',
  ),
  'patterns.delete': call<{ deleted: true }>()(
    z.object({ id: z.number().int().positive() }).strict(),
    'Removes a pattern.',
  ),
  'patterns.import': call<{ added: number; read: number }>()(
    z
      .object({
        fileName: z.string().min(1).max(255),
        content: z.string().max(50_000_000),
        /** The label of a plain term list (one term per line); JSONL records name their own. */
        label: z.string().min(1).optional(),
      })
      .strict(),
    'Imports terms (one per line) or JSONL patterns ({"label", "pattern"}, as spaCy EntityRuler writes them).',
  ),
}
