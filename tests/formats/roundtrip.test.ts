/**
 * import -> export -> import is lossless for every format, on text with CJK, emoji ZWJ sequences
 * and skin tones, CJK extension B, other astral characters and combining marks. Code-point offsets
 * in the fixtures are computed here by iterating code points, independently of the code under test.
 */
import { describe, expect, it } from 'vitest'
import type { DocumentInput, SpanInput } from '../../src/shared/types'
import {
  parseConll,
  parseDoccano,
  parseDocuments,
  parseHf,
  parseSpacy,
  parseText,
  serializeConll,
  serializeDocuments,
  serializeHf,
} from '../../src/main/formats'

const FAMILY = '👩‍👩‍👧‍👦'
const THUMBS = '👍🏽'
const EXT_B = '𠀋𠀌'
const CAFE = 'cafe\u0301' // e + combining acute
const FRAKTUR = '𝔘𝔫𝔦'

/** UTF-16 span of the n-th occurrence of surface in text. */
function at(text: string, surface: string, label: string, nth = 0): SpanInput {
  let i = -1
  for (let k = 0; k <= nth; k++) i = text.indexOf(surface, i + 1)
  if (i < 0) throw new Error(`fixture: ${surface} not in text`)
  return { start: i, end: i + surface.length, label }
}
const cp = (text: string, u16: number): number => Array.from(text.slice(0, u16)).length
const surfaces = (d: DocumentInput) => d.spans.map((s) => [d.text.slice(s.start, s.end), s.label])

const t1 = `Ana ${FAMILY} met 李小龙 in ${EXT_B} city; ${CAFE} Zoe\u0308 ${THUMBS} at ${FRAKTUR} 😀.`
const t2 = `我在${EXT_B}京工作。\n第二行 ${THUMBS} ok`
const DOCS: DocumentInput[] = [
  {
    text: t1,
    spans: [
      at(t1, 'Ana', 'PER'),
      at(t1, FAMILY, 'EMOJI'),
      at(t1, '李小龙', 'PER'),
      at(t1, EXT_B, 'LOC'),
      at(t1, CAFE, 'ORG'),
      at(t1, 'Zoe\u0308', 'PER'),
      at(t1, THUMBS, 'EMOJI'),
      at(t1, FRAKTUR, 'ORG'),
    ],
  },
  { text: t2, spans: [at(t2, `${EXT_B}京`, 'LOC'), at(t2, THUMBS, 'EMOJI')] },
  { text: 'no entities here', spans: [] },
]

describe('spaCy / Prodigy JSONL', () => {
  it('reads code-point offsets into string indices and writes them back byte for byte', () => {
    const jsonl =
      DOCS.map((d) =>
        JSON.stringify({
          text: d.text,
          spans: d.spans.map((s) => ({ start: cp(d.text, s.start), end: cp(d.text, s.end), label: s.label })),
        }),
      ).join('\n') + '\n'
    const first = parseSpacy(jsonl, 'in.jsonl')
    expect(first.documents).toEqual(DOCS)
    expect(first.report.spans).toBe(10)
    expect(first.report.spansPerLabel).toEqual({ EMOJI: 3, LOC: 2, ORG: 2, PER: 3 })
    const out = serializeDocuments('spacy', first.documents)
    expect(out.content).toBe(jsonl)
    expect(parseSpacy(out.content, 'out.jsonl').documents).toEqual(DOCS)
  })

  it('keeps Prodigy tokens, meta and overlapping spans when allowed', () => {
    const text = `${FAMILY} New York`
    const rec = {
      text,
      tokens: [
        { text: FAMILY, start: 0, end: 7, id: 0, ws: true },
        { text: 'New', start: 8, end: 11, id: 1, ws: true },
        { text: 'York', start: 12, end: 16, id: 2, ws: false },
      ],
      spans: [
        { start: 8, end: 16, label: 'LOC' },
        { start: 8, end: 11, label: 'X' },
      ],
      meta: { source: 'unit' },
    }
    const first = parseSpacy(JSON.stringify(rec), 'p.jsonl', { overlap: 'allow' })
    const doc = first.documents[0]!
    expect(doc.tokens).toEqual([
      { start: 0, end: FAMILY.length },
      { start: FAMILY.length + 1, end: FAMILY.length + 4 },
      { start: FAMILY.length + 5, end: FAMILY.length + 9 },
    ])
    expect(doc.meta).toEqual({ source: 'unit' })
    const out = JSON.parse(serializeDocuments('spacy', first.documents).content)
    expect(out.tokens).toEqual(rec.tokens)
    expect(out.spans).toEqual([
      { start: 8, end: 11, label: 'X', token_start: 1, token_end: 1 },
      { start: 8, end: 16, label: 'LOC', token_start: 1, token_end: 2 },
    ])
    expect(parseSpacy(JSON.stringify(out), 'p2.jsonl', { overlap: 'allow' }).documents).toEqual(
      first.documents,
    )
  })

  it('reads and writes UTF-16 offsets when asked', () => {
    const jsonl = DOCS.map((d) => JSON.stringify({ text: d.text, spans: d.spans })).join('\n')
    const docs = parseSpacy(jsonl, 'js.jsonl', { offsets: 'utf16' }).documents
    expect(docs).toEqual(DOCS)
    expect(serializeDocuments('spacy', docs, { offsets: 'utf16' }).content).toBe(jsonl + '\n')
  })
})

describe('doccano JSONL', () => {
  it('round-trips [start, end, label] in code points, under "label" or "entities"', () => {
    for (const key of ['label', 'entities'] as const) {
      const jsonl = DOCS.map((d) =>
        JSON.stringify({
          text: d.text,
          [key]: d.spans.map((s) => [cp(d.text, s.start), cp(d.text, s.end), s.label]),
        }),
      ).join('\n')
      const first = parseDoccano(jsonl, 'd.jsonl')
      expect(first.documents).toEqual(DOCS)
      const out = serializeDocuments('doccano', first.documents, { doccanoKey: key })
      expect(out.content).toBe(jsonl + '\n')
      expect(parseDoccano(out.content, 'd2.jsonl').documents).toEqual(DOCS)
    }
  })

  it('reads doccano 1.x entity objects', () => {
    const text = `${EXT_B} x`
    const rec = { text, entities: [{ id: 7, label: 'LOC', start_offset: 0, end_offset: 2 }] }
    expect(parseDoccano(JSON.stringify(rec), 'd.jsonl').documents[0]!.spans).toEqual([
      { start: 0, end: 4, label: 'LOC' },
    ])
  })
})

const CONLL = [
  'Ana B-PER',
  `${FAMILY} B-EMOJI`,
  'met O',
  '李小龙 B-PER',
  `${EXT_B} B-LOC`,
  'city I-LOC',
  `${CAFE} B-ORG`,
  `Zoe\u0308 B-PER`,
  `${THUMBS} B-EMOJI`,
  `${FRAKTUR} B-ORG`,
  `${FRAKTUR} B-ORG`,
  '',
  'second O',
  'sentence B-MISC',
  '',
  '',
].join('\n')

describe('CoNLL', () => {
  it('round-trips through IOB2, IOB1 and BIOES with the same text, spans and tokens', () => {
    const first = parseConll(`-DOCSTART- O\n\n${CONLL}`, 'a.conll')
    expect(first.report.scheme).toBe('iob2')
    const doc = first.documents[0]!
    expect(doc.text).toBe(
      `Ana ${FAMILY} met 李小龙 ${EXT_B} city ${CAFE} Zoe\u0308 ${THUMBS} ${FRAKTUR} ${FRAKTUR}\nsecond sentence`,
    )
    expect(surfaces(doc)).toEqual([
      ['Ana', 'PER'],
      [FAMILY, 'EMOJI'],
      ['李小龙', 'PER'],
      [`${EXT_B} city`, 'LOC'],
      [CAFE, 'ORG'],
      ['Zoe\u0308', 'PER'],
      [THUMBS, 'EMOJI'],
      [FRAKTUR, 'ORG'],
      [FRAKTUR, 'ORG'],
      ['sentence', 'MISC'],
    ])
    const iob2 = serializeConll(first.documents, { scheme: 'iob2' })
    expect(iob2.content).toBe(`-DOCSTART- O\n\n${CONLL}`)
    for (const scheme of ['iob1', 'iob2', 'bioes'] as const) {
      const out = serializeConll(first.documents, { scheme })
      const again = parseConll(out.content, `a.${scheme}`)
      expect(again.report.scheme).toBe(scheme)
      expect(again.documents).toEqual(first.documents)
    }
    expect(serializeConll(first.documents, { scheme: 'iob1' }).content).toContain(
      `${FRAKTUR} I-ORG\n${FRAKTUR} B-ORG`,
    )
  })

  it('joins single CJK characters without spaces and keeps one token per character', () => {
    const bmes = [
      '我 O',
      '在 O',
      '𠀋 B-LOC',
      '京 E-LOC',
      '1 O',
      '9 O',
      '工 B-ORG',
      '作 M-ORG',
      '室 E-ORG',
      '👍🏽 S-X',
      '',
      '',
    ].join('\n')
    const first = parseConll(bmes, 'zh.bmes')
    expect(first.report).toMatchObject({ joiner: 'none', scheme: 'bioes', schemeSpelling: 'BMES' })
    const doc = first.documents[0]!
    expect(doc.text).toBe('我在𠀋京19工作室👍🏽')
    expect(surfaces(doc)).toEqual([
      ['𠀋京', 'LOC'],
      ['工作室', 'ORG'],
      ['👍🏽', 'X'],
    ])
    const out = serializeConll(first.documents, { scheme: 'bioes' })
    expect(out.content).toBe(bmes.replace('M-ORG', 'I-ORG'))
    expect(parseConll(out.content, 'zh2.bioes').documents).toEqual(first.documents)
    // An explicit joiner overrides the rule.
    expect(parseConll(bmes, 'zh.bmes', { joiner: 'space' }).documents[0]!.text).toBe(
      '我 在 𠀋 京 1 9 工 作 室 👍🏽',
    )
  })

  it('writes documents that came from free text so their spans read back with the same surfaces', () => {
    const out = serializeConll(DOCS, { scheme: 'bioes' })
    expect(out.report.skippedSpans).toBe(0)
    const again = parseConll(out.content, 'free.conll')
    // CoNLL keeps tokens, not spacing: tokens are rejoined with single spaces.
    const unspaced = (d: DocumentInput) => surfaces(d).map(([s, l]) => [s!.replace(/ /g, ''), l])
    expect(again.documents.map(unspaced)).toEqual(DOCS.map(unspaced))
    // Line breaks in the text become sentence breaks.
    expect(again.documents[1]!.text).toBe(`我 在 𠀋 𠀌 京 工 作 。\n第 二 行 ${THUMBS} ok`)
  })

  it('splits tokens at span edges and reports spans tags cannot hold', () => {
    const doc: DocumentInput = {
      text: 'New-York and Paris',
      spans: [
        { start: 4, end: 8, label: 'LOC' },
        { start: 0, end: 8, label: 'LOC' },
        { start: 13, end: 18, label: 'LOC' },
        { start: 8, end: 9, label: 'GAP' },
      ],
    }
    const out = serializeConll([doc])
    // tokenize() keeps "New-York" whole; the nested span's edge splits it, the nested span itself
    // cannot be tagged, and the span over the space covers no token.
    expect(out.content).toBe('New- B-LOC\nYork I-LOC\nand O\nParis B-LOC\n\n')
    expect(out.report.skippedSpans).toBe(2)
    expect(out.report.splitTokens).toBe(1)
    expect(out.report.warnings.map((w) => w.where)).toEqual(['document 1', 'document 1'])
  })
})

describe('Hugging Face JSONL', () => {
  const rows = [
    {
      tokens: ['Ana', FAMILY, 'met', '李小龙', EXT_B, CAFE],
      ner_tags: ['B-PER', 'B-EMOJI', 'O', 'B-PER', 'B-LOC', 'I-LOC'],
    },
    { tokens: [THUMBS, FRAKTUR], ner_tags: ['O', 'B-ORG'] },
  ]
  const jsonl = rows.map((r) => JSON.stringify(r)).join('\n')

  it('round-trips string tags', () => {
    const first = parseHf(jsonl, 'hf.jsonl')
    expect(first.documents[0]!.text).toBe(`Ana ${FAMILY} met 李小龙 ${EXT_B} ${CAFE}`)
    expect(surfaces(first.documents[0]!)).toEqual([
      ['Ana', 'PER'],
      [FAMILY, 'EMOJI'],
      ['李小龙', 'PER'],
      [`${EXT_B} ${CAFE}`, 'LOC'],
    ])
    const out = serializeHf(first.documents)
    expect(
      out.content
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
    ).toEqual(rows.map((r, i) => ({ id: String(i), ...r })))
    expect(parseHf(out.content, 'hf2.jsonl').documents).toEqual(first.documents)
  })

  it('round-trips integer tags through a tag name list', () => {
    const first = parseHf(jsonl, 'hf.jsonl')
    const out = serializeHf(first.documents, { tagIds: true, scheme: 'bioes' })
    expect(out.tagNames).toEqual([
      'O',
      ...['EMOJI', 'LOC', 'ORG', 'PER'].flatMap((l) => ['B', 'I', 'E', 'S'].map((p) => `${p}-${l}`)),
    ])
    const ints = JSON.parse(out.content.split('\n')[0]!).ner_tags as number[]
    expect(ints.every((n) => Number.isInteger(n))).toBe(true)
    const again = parseHf(out.content, 'ids.jsonl', { tagNames: out.tagNames })
    expect(again.report.scheme).toBe('bioes')
    expect(again.documents).toEqual(first.documents)
  })
})

describe('Hugging Face export per sentence', () => {
  it('writes one record per line of the text and accepts scheme names as users type them', () => {
    const doc = parseConll('a B-X\nb I-X\n\nc O\nd S-Y\n', 'two.conll', {
      scheme: 'BMES' as never,
      documentPer: 'docstart',
    }).documents[0]!
    const out = serializeHf([doc], { unit: 'sentence', scheme: 'BILOU' as never })
    expect(
      out.content
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { id: '0', tokens: ['a', 'b'], ner_tags: ['B-X', 'E-X'] },
      { id: '1', tokens: ['c', 'd'], ner_tags: ['O', 'S-Y'] },
    ])
    expect(() => serializeHf([doc], { scheme: 'xyz' as never })).toThrow(/Unknown tag scheme 'xyz'/)
  })
})

describe('plain text', () => {
  it('round-trips one document per line and per paragraph', () => {
    const lines = `${t1}\n李小龙 ${EXT_B}\n\n${THUMBS}\n`
    const a = parseText(lines, 'a.txt')
    expect(a.documents.map((d) => d.text)).toEqual([t1, `李小龙 ${EXT_B}`, THUMBS])
    expect(parseText(serializeDocuments('txt', a.documents).content, 'b.txt').documents).toEqual(a.documents)
    const p = parseText(lines, 'p.txt', { documentPer: 'paragraph' })
    expect(p.documents.map((d) => d.text)).toEqual([`${t1}\n李小龙 ${EXT_B}`, THUMBS])
    const back = serializeDocuments('txt', p.documents, { documentPer: 'paragraph' }).content
    expect(parseDocuments('txt', back, 'q.txt', { documentPer: 'paragraph' }).documents).toEqual(p.documents)
  })
})

describe('byte input', () => {
  it('decodes UTF-8 bytes and drops a byte order mark', () => {
    const bytes = new TextEncoder().encode(`\uFEFF${CONLL}`)
    expect(parseConll(bytes, 'bom.conll').documents).toEqual(parseConll(CONLL, 'plain.conll').documents)
  })
})
