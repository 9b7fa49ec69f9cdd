/**
 * Options and reports shared by every format module, so the CLI and the import dialog can pass
 * one options object and show one report shape whatever the file was.
 */
import type { DocumentInput } from '../../shared/types'
import type { SchemeSpelling, TagScheme } from '../../shared/text/tags'

export type ImportFormat = 'conll' | 'spacy' | 'doccano' | 'hf' | 'txt'
export type ExportFormat = 'conll' | 'spacy' | 'doccano' | 'hf' | 'txt'

export const IMPORT_FORMATS: readonly ImportFormat[] = ['conll', 'spacy', 'doccano', 'hf', 'txt']
export const EXPORT_FORMATS: readonly ExportFormat[] = ['conll', 'spacy', 'doccano', 'hf', 'txt']

/** Every option is optional; each parser reads the ones that apply to it and ignores the rest. */
export interface ImportOptions {
  /** conll, hf: tag scheme of the file; 'auto' (default) detects it. */
  scheme?: TagScheme | 'auto'
  /**
   * conll: 'auto' (default: one document per -DOCSTART- block when the file has any, else one per
   * sentence), 'docstart' or 'sentence'. txt: 'line' (default) or 'paragraph' (blank-line separated).
   */
  documentPer?: 'auto' | 'docstart' | 'sentence' | 'line' | 'paragraph'
  /** conll, hf: how tokens are joined into text; 'auto' (default) joins single CJK characters without spaces. */
  joiner?: 'auto' | 'space' | 'none'
  /** spacy, doccano: unit of start/end; 'codepoints' (default, Python) or 'utf16' (JavaScript tools). */
  offsets?: 'codepoints' | 'utf16'
  /** spacy, doccano: 'reject' (default) refuses overlapping spans; 'allow' keeps nested/overlapping spans. */
  overlap?: 'reject' | 'allow'
  /** hf: names of integer tag ids (index = id), from the user or a sidecar file (see parseTagNames). */
  tagNames?: readonly string[]
}

export interface FormatWarning {
  /** "file:line" on import, "document N" on export. */
  where: string
  message: string
}

export interface ImportReport {
  format: ImportFormat
  fileName: string
  documents: number
  /** conll, hf: sentences read (hf: records). */
  sentences?: number
  /** Tokens carried by the file (conll, hf, spacy records with tokens); absent when it has none. */
  tokens?: number
  spans: number
  spansPerLabel: Record<string, number>
  /** conll, hf: the scheme used to read the tags and how the file spelled it. */
  scheme?: TagScheme
  schemeSpelling?: SchemeSpelling
  /** conll, hf: how tokens were joined into text. */
  joiner?: 'space' | 'none'
  /** The first warnings (at most MAX_WARNINGS); warningCount has them all. */
  warnings: FormatWarning[]
  warningCount: number
}

export interface ParseResult {
  documents: DocumentInput[]
  report: ImportReport
}

export interface ExportOptions {
  /** conll, hf: tag scheme written; default 'iob2'. */
  scheme?: TagScheme
  /** conll: write a -DOCSTART- line before each document; 'auto' (default) unless every document is one sentence. */
  docStart?: boolean | 'auto'
  /** conll: column separator, default one space. */
  separator?: ' ' | '\t'
  /** spacy, doccano: unit of written offsets; default 'codepoints'. */
  offsets?: 'codepoints' | 'utf16'
  /** doccano: key holding the [start, end, label] triples; default 'label'. */
  doccanoKey?: 'label' | 'entities'
  /** hf: one record per document (default) or per sentence (newline-separated part). */
  unit?: 'document' | 'sentence'
  /** hf: write ner_tags as integer ids; tagNames then fixes the id order (default: O, then labels sorted). */
  tagIds?: boolean
  tagNames?: readonly string[]
  /** txt: one document per line (default) or blank-line separated paragraphs. */
  documentPer?: 'line' | 'paragraph'
}

export interface ExportReport {
  format: ExportFormat
  documents: number
  /** Records (JSONL) or sentences (CoNLL) written. */
  records: number
  /** conll, hf: tokens written. */
  tokens?: number
  spans: number
  spansPerLabel: Record<string, number>
  /** Spans a tag format could not write (overlapping another span, or covering no token). */
  skippedSpans: number
  /** Tokens split at span edges or inner whitespace so every span could be written. */
  splitTokens: number
  warnings: FormatWarning[]
  warningCount: number
}

export interface SerializeResult {
  content: string
  report: ExportReport
  /** hf with tagIds: the id -> tag name list to store next to the data. */
  tagNames?: string[]
}
