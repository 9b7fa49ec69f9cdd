/**
 * The format registry: one parser and one serializer per format, chosen by name, so the CLI,
 * the import/export services and the UI dialogs share one entry point.
 */
import type { DocumentInput } from '../../shared/types'
import { parseConll, serializeConll } from './conll'
import { parseDoccano, serializeDoccano } from './doccano'
import { parseHf, serializeHf } from './hf'
import { parseSpacy, serializeSpacy } from './spacy'
import { parseText, serializeText } from './text'
import type {
  ExportFormat,
  ExportOptions,
  ImportFormat,
  ImportOptions,
  ParseResult,
  SerializeResult,
} from './types'

export * from './types'
export { detectFormat } from './detect'
export { parseTagNames, defaultTagNames } from './hf'
export { parseConll, serializeConll, parseSpacy, serializeSpacy, parseDoccano, serializeDoccano }
export { parseHf, serializeHf, parseText, serializeText }

const parsers: Record<
  ImportFormat,
  (content: string | Uint8Array, fileName: string, options?: ImportOptions) => ParseResult
> = {
  conll: parseConll,
  spacy: parseSpacy,
  doccano: parseDoccano,
  hf: parseHf,
  txt: parseText,
}

const serializers: Record<
  ExportFormat,
  (documents: readonly DocumentInput[], options?: ExportOptions) => SerializeResult
> = {
  conll: serializeConll,
  spacy: serializeSpacy,
  doccano: serializeDoccano,
  hf: serializeHf,
  txt: serializeText,
}

/** Parses a whole file; throws UserError ("file:line: reason") when any part of it is malformed. */
export function parseDocuments(
  format: ImportFormat,
  content: string | Uint8Array,
  fileName: string,
  options: ImportOptions = {},
): ParseResult {
  return parsers[format](content, fileName, options)
}

export function serializeDocuments(
  format: ExportFormat,
  documents: readonly DocumentInput[],
  options: ExportOptions = {},
): SerializeResult {
  return serializers[format](documents, options)
}
