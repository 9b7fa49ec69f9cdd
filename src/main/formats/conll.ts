/**
 * CoNLL-style token-per-line files (CoNLL-2003, BMES/BIOES character corpora): any number of
 * whitespace-separated columns with the tag in the last, a blank line between sentences, and
 * `-DOCSTART-` lines starting documents. Only spaces and tabs separate columns: a token may itself
 * be U+3000 or another Unicode space. Tags are read with conlleval's lenient chunking; the
 * tokens are kept in DocumentInput.tokens so exporting reproduces the same token lines.
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
  type TagScheme,
} from '../../shared/text/tags'
import { JoinerDetector, joinSentences } from './join'
import { exportScheme, importScheme } from './options'
import { ExportReportBuilder, ImportReportBuilder } from './report'
import { decodeText, fail } from './source'
import { tagDocument } from './tagging'
import type { ExportOptions, ImportOptions, ParseResult, SerializeResult } from './types'

interface Sentence {
  tokens: string[]
  chunks: TagChunk[]
  /** File line of the first token; token i sits on line firstLine + i. */
  firstLine: number
}

export const DOCSTART = '-DOCSTART-'

export function badTagReason(tag: string): string {
  return `tag '${tag}' is not O, or B-/I-/E-/S- (also M-/L-/U-) followed by a type.`
}

/** Rejects prefixes a declared IOB scheme cannot contain (BIOES accepts every prefix). */
export function checkTagAgainstScheme(
  tag: ParsedTag,
  raw: string,
  scheme: TagScheme | 'auto',
): string | null {
  if (scheme === 'iob1' || scheme === 'iob2') {
    if (tag.letter !== 'B' && tag.letter !== 'I' && tag.letter !== 'O')
      return `tag '${raw}' is not part of ${scheme.toUpperCase()}; import with scheme bioes or auto.`
  }
  return null
}

export function parseConll(
  content: string | Uint8Array,
  fileName: string,
  options: ImportOptions = {},
): ParseResult {
  const text = decodeText(content, fileName)
  const schemeOption = importScheme(options.scheme)
  const documentPer = options.documentPer ?? 'auto'
  if (documentPer !== 'auto' && documentPer !== 'docstart' && documentPer !== 'sentence') {
    throw new UserError(
      `Documents per '${documentPer}' does not apply to CoNLL files; use auto, docstart or sentence.`,
    )
  }
  const report = new ImportReportBuilder('conll', fileName)
  const detector = new SchemeDetector()
  const joinerDetector = new JoinerDetector()
  const tagCache = new Map<string, ParsedTag>()

  // Sentences grouped by -DOCSTART- block; whether a block becomes one document is decided at the end.
  const blocks: Sentence[][] = [[]]
  let sawDocStart = false
  let columns = 0
  let tokenCount = 0
  let curTokens: string[] = []
  let curTags: ParsedTag[] = []
  let curFirst = 0

  const endSentence = (): void => {
    if (curTokens.length === 0) return
    const chunks = chunkTags(curTags)
    detector.add(curTags, chunks)
    blocks[blocks.length - 1]!.push({ tokens: curTokens, chunks, firstLine: curFirst })
    curTokens = []
    curTags = []
  }

  // A hand-rolled scanner: no per-line strings or column arrays, which matters at 200k+ lines.
  const len = text.length
  let pos = 0
  let lineNo = 0
  while (pos <= len) {
    let eol = text.indexOf('\n', pos)
    if (eol < 0) eol = len
    lineNo++
    let end = eol
    if (end > pos && text.charCodeAt(end - 1) === 13) end--
    let ncols = 0
    let firstStart = 0
    let firstEnd = 0
    let lastStart = 0
    let lastEnd = 0
    let i = pos
    while (i < end) {
      let c = text.charCodeAt(i)
      while (c === 32 || c === 9) c = ++i < end ? text.charCodeAt(i) : -1
      if (i >= end) break
      const colStart = i
      while (i < end && (c = text.charCodeAt(i)) !== 32 && c !== 9) i++
      if (++ncols === 1) {
        firstStart = colStart
        firstEnd = i
      }
      lastStart = colStart
      lastEnd = i
    }
    pos = eol + 1
    if (ncols === 0) {
      endSentence()
      continue
    }
    if (firstEnd - firstStart === DOCSTART.length && text.startsWith(DOCSTART, firstStart)) {
      endSentence()
      sawDocStart = true
      blocks.push([])
      continue
    }
    if (columns === 0) {
      if (ncols < 2)
        fail(fileName, lineNo, 'a CoNLL line needs a token and a tag, but this one has 1 column.')
      columns = ncols
      if (columns > 2)
        report.warn(lineNo, `${columns} columns; only the first (token) and the last (tag) are imported.`)
    } else if (ncols !== columns) {
      fail(
        fileName,
        lineNo,
        `${ncols} column${ncols === 1 ? '' : 's'} where the lines before have ${columns}.`,
      )
    }
    const raw = text.slice(lastStart, lastEnd)
    let tag = tagCache.get(raw)
    if (tag === undefined) {
      const parsed = parseTag(raw)
      if (parsed === null) fail(fileName, lineNo, badTagReason(raw))
      const problem = checkTagAgainstScheme(parsed, raw, schemeOption)
      if (problem) fail(fileName, lineNo, problem)
      tag = parsed
      tagCache.set(raw, tag)
    }
    if (curTokens.length === 0) curFirst = lineNo
    const token = text.slice(firstStart, firstEnd)
    curTokens.push(token)
    curTags.push(tag)
    joinerDetector.add(token)
    tokenCount++
  }
  endSentence()

  const scheme = schemeOption === 'auto' ? detector.scheme : schemeOption
  const spelling = schemeOption === 'auto' ? detector.spelling : undefined
  const joiner = joinerDetector.joiner(options.joiner)
  const perSentence = documentPer === 'sentence' || (documentPer === 'auto' && !sawDocStart)

  const groups: Sentence[][] = []
  for (const block of blocks) {
    if (perSentence) for (const s of block) groups.push([s])
    else if (block.length > 0) groups.push(block)
  }

  const documents: DocumentInput[] = []
  let sentenceCount = 0
  for (const group of groups) {
    const { text: docText, tokens } = joinSentences(
      group.map((s) => s.tokens),
      joiner,
    )
    const spans = []
    let base = 0
    for (const s of group) {
      for (const c of s.chunks) {
        spans.push({
          start: tokens[base + c.start]!.start,
          end: tokens[base + c.end - 1]!.end,
          label: c.label,
        })
        if (isIrregularChunk(c, scheme)) {
          const bad = c.first === 'I' || c.first === 'E' ? c.start : c.end - 1
          report.warn(
            s.firstLine + bad,
            `'${c.label}' entity is not well-formed ${scheme.toUpperCase()}; read as conlleval does (lenient).`,
          )
        }
      }
      base += s.tokens.length
      sentenceCount++
    }
    report.addSpans(spans)
    documents.push({ text: docText, spans, tokens })
  }
  report.documents = documents.length
  return {
    documents,
    report: report.build({
      sentences: sentenceCount,
      tokens: tokenCount,
      scheme,
      ...(spelling ? { schemeSpelling: spelling } : {}),
      joiner,
    }),
  }
}

/** CoNLL export: `token TAG` lines, a blank line after each sentence, optional -DOCSTART- blocks. */
export function serializeConll(
  documents: readonly DocumentInput[],
  options: ExportOptions = {},
): SerializeResult {
  const scheme = exportScheme(options.scheme)
  const sep = options.separator ?? ' '
  const report = new ExportReportBuilder('conll')
  const tagged = documents.map((doc, i) => tagDocument(doc, scheme, report, i))
  const docStart =
    options.docStart === undefined || options.docStart === 'auto'
      ? tagged.some((t) => t.sentenceStarts.length > 1)
      : options.docStart
  const out: string[] = []
  let tokens = 0
  tagged.forEach((t, i) => {
    if (t.tokens.length === 0) {
      report.warn(i, 'the document has no tokens, so it is left out.')
      return
    }
    if (docStart) out.push(`${DOCSTART}${sep}O`, '')
    const doc = documents[i]!
    for (let s = 0; s < t.sentenceStarts.length; s++) {
      const from = t.sentenceStarts[s]!
      const to = t.sentenceStarts[s + 1] ?? t.tokens.length
      for (let k = from; k < to; k++) {
        const tok = t.tokens[k]!
        out.push(doc.text.slice(tok.start, tok.end) + sep + t.tags[k]!)
      }
      out.push('')
      report.records++
    }
    tokens += t.tokens.length
  })
  report.documents = documents.length
  return { content: out.length ? out.join('\n') + '\n' : '', report: report.build({ tokens }) }
}
