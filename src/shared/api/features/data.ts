/** Import and export of documents and spans, from the UI (browser mode sends file contents, not paths). */
import { z } from 'zod'
import { call, event } from '../define'

export interface FileImportReport {
  format: string
  fileName: string
  documents: number
  spans: number
  spansPerLabel: Record<string, number>
  scheme?: string
  warnings: { where: string; message: string }[]
  warningCount: number
}

export interface ImportSummary {
  files: FileImportReport[]
  documents: number
  duplicates: number
  tokens: number
  spansPerLabel: Record<string, number>
}

export interface ExportResultView {
  fileName: string
  content: string
  documents: number
  spans: number
  skippedSpans: number
  warnings: { where: string; message: string }[]
}

export interface ImportProgress {
  phase: 'parse' | 'write'
  done: number
  total: number
}

const split = z.enum(['train', 'dev', 'test', 'none'])
const scheme = z.enum(['iob1', 'iob2', 'bioes'])
export const importFormats = ['conll', 'spacy', 'doccano', 'hf', 'txt'] as const

export const dataCalls = {
  'data.import': call<ImportSummary>()(
    z
      .object({
        files: z
          .array(
            z.object({
              name: z.string().min(1).max(255),
              /** The file's bytes, base64, so invalid UTF-8 is detected rather than silently replaced. */
              contentBase64: z.string(),
            }),
          )
          .min(1, 'Choose at least one file.'),
        format: z.enum(importFormats).optional(),
        scheme: scheme.optional(),
        split: split.optional(),
        status: z.enum(['todo', 'done']).optional(),
        documentPer: z.enum(['docstart', 'sentence', 'line', 'paragraph']).optional(),
      })
      .strict(),
    'Imports files whole or not at all; reports documents, tokens, spans per label and duplicates.',
  ),
  'data.export': call<ExportResultView>()(
    z
      .object({
        format: z.enum(importFormats),
        scheme: scheme.optional(),
        split: split.optional(),
        status: z.enum(['todo', 'done', 'skipped']).optional(),
      })
      .strict(),
    'Exports documents and spans as CoNLL, spaCy, doccano, Hugging Face JSONL or text.',
  ),
}

export const dataEvents = {
  'data.importProgress': event<ImportProgress>('Progress of a running import.'),
}
