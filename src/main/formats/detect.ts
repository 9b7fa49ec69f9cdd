/**
 * Guessing a file's format from its name and first bytes, for the import dialog's default and the
 * CLI when --format is omitted. Only a guess: the parser still validates the whole file.
 */
import { parseTag } from '../../shared/text/tags'
import { DOCSTART } from './conll'
import type { ImportFormat } from './types'

const CONLL_EXT = /\.(conll|conllx|conll03|bmes|bio|bioes|iob|iob1|iob2|iobes|bilou|tsv|ner)$/i
const JSONL_EXT = /\.(jsonl|ndjson|jsonlines|json)$/i

function jsonlKind(line: string): ImportFormat {
  let record: Record<string, unknown> | undefined
  try {
    const v: unknown = JSON.parse(line)
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) record = v as Record<string, unknown>
  } catch {
    // A head cut mid-record: fall back on the keys that appear in the text.
  }
  const has = (k: string): boolean => (record ? k in record : line.includes(`"${k}"`))
  if (has('ner_tags') || (has('tokens') && has('tags') && !has('text'))) return 'hf'
  if (has('spans')) return 'spacy'
  if (has('label') || has('entities')) return 'doccano'
  return 'spacy'
}

function looksLikeConll(lines: readonly string[]): boolean {
  let tokenLines = 0
  for (const l of lines) {
    const cols = l.trim().split(/[ \t]+/)
    if (cols[0] === '' || cols[0] === DOCSTART) continue
    if (cols.length < 2 || parseTag(cols[cols.length - 1]!) === null) return false
    tokenLines++
  }
  return tokenLines > 0
}

/**
 * The likely format of a file from its name and its first few kilobytes (string or bytes; a cut
 * in the middle of a character or line is fine).
 */
export function detectFormat(fileName: string, head: string | Uint8Array): ImportFormat {
  const text = typeof head === 'string' ? head : new TextDecoder('utf-8').decode(head)
  const all = text.replace(/^\uFEFF/, '').split('\n')
  // The last line of a head may be cut short; judge on complete lines when there are some.
  const lines = (all.length > 1 ? all.slice(0, -1) : all).map((l) => l.replace(/\r$/, '')).slice(0, 200)
  const first = lines.find((l) => l.trim() !== '') ?? ''
  if (JSONL_EXT.test(fileName) || first.trimStart().startsWith('{')) return jsonlKind(first.trim())
  if (CONLL_EXT.test(fileName)) return 'conll'
  return looksLikeConll(lines) ? 'conll' : 'txt'
}
