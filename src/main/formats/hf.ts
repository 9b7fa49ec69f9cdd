/**
 * Hugging Face token-classification JSONL: `{"tokens": [...], "ner_tags": [...]}` per line (one
 * sentence each, as `datasets` writes them with to_json). Tags are names ("B-PER") or integer ids
 * whose names come from the tagNames option, typically read from a sidecar file with
 * parseTagNames (a JSON list, `dataset_info.json`, a config with id2label, or one name per line).
 */
import { UserError } from '../../shared/api/errors'
import type { DocumentInput } from '../../shared/types'
import {
  chunkTags,
  isIrregularChunk,
  parseTag,
  SchemeDetector,
  type ParsedTag,
  type TagChunk,
} from '../../shared/text/tags'
import { badTagReason, checkTagAgainstScheme } from './conll'
import { JoinerDetector, joinSentences } from './join'
import { exportScheme, importScheme } from './options'
import { ExportReportBuilder, ImportReportBuilder } from './report'
import { decodeText, fail, forEachJsonLine, splitLines } from './source'
import { tagDocument } from './tagging'
import type { ExportOptions, ImportOptions, ParseResult, SerializeResult } from './types'

interface Row {
  tokens: string[]
  chunks: TagChunk[]
  line: number
}

export function parseHf(
  content: string | Uint8Array,
  fileName: string,
  options: ImportOptions = {},
): ParseResult {
  const text = decodeText(content, fileName)
  const report = new ImportReportBuilder('hf', fileName)
  const schemeOption = importScheme(options.scheme)
  const detector = new SchemeDetector()
  const joinerDetector = new JoinerDetector()
  const tagCache = new Map<string, ParsedTag>()
  const rows: Row[] = []
  let tokenCount = 0

  const readTag = (raw: string, what: string, line: number): ParsedTag => {
    let tag = tagCache.get(raw)
    if (tag === undefined) {
      const parsed = parseTag(raw)
      if (parsed === null) fail(fileName, line, `${what}: ${badTagReason(raw)}`)
      const problem = checkTagAgainstScheme(parsed, raw, schemeOption)
      if (problem) fail(fileName, line, `${what}: ${problem}`)
      tag = parsed
      tagCache.set(raw, tag)
    }
    return tag
  }

  forEachJsonLine(text, fileName, (record, line) => {
    const tokens = record.tokens
    const key = record.ner_tags !== undefined ? 'ner_tags' : 'tags'
    const rawTags = record[key]
    if (!Array.isArray(tokens)) fail(fileName, line, '"tokens" must be a list of strings.')
    if (!Array.isArray(rawTags)) fail(fileName, line, '"ner_tags" must be a list of tags (names or ids).')
    if (rawTags.length !== tokens.length)
      fail(
        fileName,
        line,
        `${tokens.length} tokens but ${rawTags.length} ${key}; they must pair up one to one.`,
      )
    if (tokens.length === 0) {
      report.warn(line, 'the record has no tokens, so it is left out.')
      return
    }
    const tags: ParsedTag[] = []
    for (let i = 0; i < tokens.length; i++) {
      const tok: unknown = tokens[i]
      if (typeof tok !== 'string' || tok === '')
        fail(fileName, line, `tokens[${i}] must be a non-empty string.`)
      joinerDetector.add(tok)
      const t: unknown = rawTags[i]
      if (typeof t === 'string') tags.push(readTag(t, `${key}[${i}]`, line))
      else if (typeof t === 'number' && Number.isInteger(t)) {
        const names = options.tagNames
        if (!names)
          fail(
            fileName,
            line,
            `${key} holds tag ids; give the tag names (a label file next to the data, or the tag names option).`,
          )
        const name = names[t]
        if (name === undefined)
          fail(fileName, line, `${key}[${i}] is id ${t}, but only ${names.length} tag names are known.`)
        tags.push(readTag(name, `${key}[${i}]`, line))
      } else
        fail(fileName, line, `${key}[${i}] must be a tag name or an integer id, not ${JSON.stringify(t)}.`)
    }
    const chunks = chunkTags(tags)
    detector.add(tags, chunks)
    rows.push({ tokens: tokens as string[], chunks, line })
    tokenCount += tokens.length
  })

  const scheme = schemeOption === 'auto' ? detector.scheme : schemeOption
  const joiner = joinerDetector.joiner(options.joiner)
  const documents: DocumentInput[] = rows.map((row) => {
    const { text: docText, tokens } = joinSentences([row.tokens], joiner)
    const spans = row.chunks.map((c) => {
      if (isIrregularChunk(c, scheme))
        report.warn(
          row.line,
          `'${c.label}' entity at token ${c.start} is not well-formed ${scheme.toUpperCase()}; read as conlleval does (lenient).`,
        )
      return { start: tokens[c.start]!.start, end: tokens[c.end - 1]!.end, label: c.label }
    })
    report.addSpans(spans)
    return { text: docText, spans, tokens }
  })
  report.documents = documents.length
  return {
    documents,
    report: report.build({
      sentences: rows.length,
      tokens: tokenCount,
      scheme,
      ...(schemeOption === 'auto' ? { schemeSpelling: detector.spelling } : {}),
      joiner,
    }),
  }
}

/** Reads tag names (index = id) from a sidecar file's text; throws a UserError naming the file. */
export function parseTagNames(content: string, fileName: string): string[] {
  const text = content.replace(/^\uFEFF/, '').trim()
  const isNames = (x: unknown): x is string[] => Array.isArray(x) && x.every((n) => typeof n === 'string')
  if (text.startsWith('[') || text.startsWith('{')) {
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch (e) {
      return fail(fileName, 1, `invalid JSON: ${e instanceof Error ? e.message : String(e)}.`)
    }
    if (isNames(value)) return value
    const o = value as Record<string, unknown>
    const features = o.features as Record<string, Record<string, Record<string, unknown>>> | undefined
    const candidates: unknown[] = [
      o.names,
      o.label_list,
      o.labels,
      o.tag_names,
      features?.ner_tags?.feature?.names,
      features?.tags?.feature?.names,
    ]
    for (const c of candidates) if (isNames(c)) return c
    const id2label = o.id2label
    if (typeof id2label === 'object' && id2label !== null) {
      const entries = Object.entries(id2label as Record<string, unknown>)
      const names: string[] = []
      for (const [k, v] of entries) {
        const id = Number(k)
        if (!Number.isInteger(id) || id < 0 || typeof v !== 'string')
          fail(fileName, 1, `id2label entry ${k} is not an id with a name.`)
        names[id] = v
      }
      for (let i = 0; i < names.length; i++)
        if (names[i] === undefined) fail(fileName, 1, `id2label has no name for id ${i}.`)
      return names
    }
    return fail(
      fileName,
      1,
      'no tag names found; expected a JSON list, "names", "labels", "id2label", or features.ner_tags.feature.names.',
    )
  }
  return splitLines(text)
    .map((l) => l.trim())
    .filter((l) => l !== '')
}

/** The tag name list for integer export: O first, then each label's tags in scheme order. */
export function defaultTagNames(labels: Iterable<string>, scheme: 'iob1' | 'iob2' | 'bioes'): string[] {
  const prefixes = scheme === 'bioes' ? ['B', 'I', 'E', 'S'] : ['B', 'I']
  const names = ['O']
  for (const l of [...new Set(labels)].sort()) for (const p of prefixes) names.push(`${p}-${l}`)
  return names
}

export function serializeHf(
  documents: readonly DocumentInput[],
  options: ExportOptions = {},
): SerializeResult {
  const scheme = exportScheme(options.scheme)
  const report = new ExportReportBuilder('hf')
  const unit = options.unit ?? 'document'
  const records: { tokens: string[]; tags: string[] }[] = []
  let tokenCount = 0
  documents.forEach((doc, i) => {
    const t = tagDocument(doc, scheme, report, i)
    const words = t.tokens.map((tok) => doc.text.slice(tok.start, tok.end))
    tokenCount += words.length
    if (words.length === 0) {
      report.warn(i, 'the document has no tokens, so it is left out.')
      return
    }
    if (unit === 'document') records.push({ tokens: words, tags: t.tags })
    else
      t.sentenceStarts.forEach((from, s) => {
        const to = t.sentenceStarts[s + 1] ?? words.length
        records.push({ tokens: words.slice(from, to), tags: t.tags.slice(from, to) })
      })
  })
  let tagNames: string[] | undefined
  let ids: Map<string, number> | undefined
  if (options.tagIds) {
    tagNames = options.tagNames
      ? [...options.tagNames]
      : defaultTagNames(Object.keys(report.spansPerLabel), scheme)
    ids = new Map(tagNames.map((n, k) => [n, k]))
  }
  const lines = records.map((r, k) => {
    let tags: (string | number)[] = r.tags
    if (ids) {
      const map = ids
      tags = r.tags.map((tag) => {
        const id = map.get(tag)
        if (id === undefined)
          throw new UserError(
            `The tag names given for export have no '${tag}'; add it or export tags as names.`,
          )
        return id
      })
    }
    return JSON.stringify({ id: String(k), tokens: r.tokens, ner_tags: tags })
  })
  report.records = records.length
  report.documents = documents.length
  return {
    content: lines.length ? lines.join('\n') + '\n' : '',
    report: report.build({ tokens: tokenCount }),
    ...(tagNames ? { tagNames } : {}),
  }
}
