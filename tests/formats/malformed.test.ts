/** Every malformed input is rejected whole with a UserError naming file:line and the reason. */
import { describe, expect, it } from 'vitest'
import { UserError } from '../../src/shared/api/errors'
import {
  parseDocuments,
  parseTagNames,
  serializeHf,
  type ImportFormat,
  type ImportOptions,
} from '../../src/main/formats'

function rejection(
  format: ImportFormat,
  content: string | Uint8Array,
  options: ImportOptions = {},
): UserError {
  try {
    parseDocuments(format, content, 'bad.file', options)
  } catch (e) {
    expect(e).toBeInstanceOf(UserError)
    return e as UserError
  }
  throw new Error('expected the file to be rejected')
}

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)))

const cases: [string, ImportFormat, string | Uint8Array, ImportOptions, RegExp][] = [
  [
    'inconsistent CoNLL columns',
    'conll',
    'EU NNP B-ORG\nrejects VBZ O\n\nx O\n',
    {},
    /^bad\.file:4: 2 columns where the lines before have 3\.$/,
  ],
  [
    'a one-column CoNLL line',
    'conll',
    '-DOCSTART- -X- O\n\nlonely\n',
    {},
    /^bad\.file:3: a CoNLL line needs a token and a tag/,
  ],
  [
    'an unknown tag',
    'conll',
    'EU B-ORG\nsaid O\n\nPeter X-PER\n',
    {},
    /^bad\.file:4: tag 'X-PER' is not O, or B-\/I-\/E-\/S- \(also M-\/L-\/U-\) followed by a type\.$/,
  ],
  ['a tag with no type', 'conll', 'EU B-\n', {}, /^bad\.file:1: tag 'B-' is not O/],
  [
    'an E- tag in a file declared IOB2',
    'conll',
    'a B-X\nb E-X\n',
    { scheme: 'iob2' },
    /^bad\.file:2: tag 'E-X' is not part of IOB2/,
  ],
  [
    'invalid UTF-8',
    'conll',
    bytes('a O\nb O\nc', [0xff], ' O\n'),
    {},
    /^bad\.file:3: the file is not valid UTF-8 \(byte 9\)/,
  ],
  [
    'an overlong UTF-8 sequence',
    'txt',
    bytes('ok\n', [0xc0, 0xaf], '\n'),
    {},
    /^bad\.file:2: the file is not valid UTF-8/,
  ],
  [
    'a UTF-8 encoded surrogate',
    'spacy',
    bytes('{"text": "', [0xed, 0xa0, 0x80], '"}'),
    {},
    /^bad\.file:1: the file is not valid UTF-8/,
  ],
  [
    'invalid JSON',
    'spacy',
    '{"text": "a", "spans": []}\n{"text": "b", \n',
    {},
    /^bad\.file:2: invalid JSON: /,
  ],
  [
    'a JSON array instead of JSONL',
    'doccano',
    '[\n{"text": "a"}\n]',
    {},
    /^bad\.file:1: invalid JSON \(expected one JSON object per line/,
  ],
  [
    'a record that is not an object',
    'spacy',
    '"just a string"\n',
    {},
    /^bad\.file:1: expected one JSON object per line/,
  ],
  ['a missing text', 'spacy', '{"spans": []}\n', {}, /^bad\.file:1: "text" must be a string/],
  // '😀a' is 2 code points but 3 UTF-16 units: end 3 is only "inside" if offsets were not converted.
  [
    'an end past the text in code points',
    'spacy',
    '{"text": "😀a", "spans": [{"start": 0, "end": 3, "label": "X"}]}',
    {},
    /^bad\.file:1: spans\[0\] end is 3, outside the text \(0 to 2 code points\)\.$/,
  ],
  [
    'a negative start',
    'doccano',
    '{"text": "abc", "label": [[-1, 2, "X"]]}',
    {},
    /^bad\.file:1: label\[0\] start is -1, outside the text/,
  ],
  [
    'an offset splitting a surrogate pair',
    'spacy',
    '\n{"text": "😀a", "spans": [{"start": 1, "end": 3, "label": "X"}]}',
    { offsets: 'utf16' },
    /^bad\.file:2: spans\[0\] start is 1, which splits a character \(a surrogate pair\) in two\.$/,
  ],
  [
    'an empty span',
    'spacy',
    '{"text": "abc", "spans": [{"start": 2, "end": 2, "label": "X"}]}',
    {},
    /^bad\.file:1: spans\[0\] ends \(2\) at or before its start \(2\)/,
  ],
  [
    'a fractional offset',
    'spacy',
    '{"text": "abc", "spans": [{"start": 0.5, "end": 2, "label": "X"}]}',
    {},
    /^bad\.file:1: spans\[0\] start must be a whole number/,
  ],
  [
    'an empty label',
    'doccano',
    '{"text": "abc", "label": [[0, 2, ""]]}',
    {},
    /^bad\.file:1: label\[0\] label must be a non-empty string/,
  ],
  [
    'overlapping spans in flat mode',
    'doccano',
    '{"text": "New York City", "label": [[0, 8, "LOC"], [4, 13, "LOC"]]}',
    {},
    /^bad\.file:1: spans 0-8 'LOC' and 4-13 'LOC' overlap/,
  ],
  [
    'a doccano entry that is not a triple',
    'doccano',
    '{"text": "abc", "label": ["positive"]}',
    {},
    /^bad\.file:1: label\[0\] is "positive"; expected \[start, end, label\]\.$/,
  ],
  [
    'Prodigy tokens out of order',
    'spacy',
    '{"text": "ab cd", "tokens": [{"start": 3, "end": 5}, {"start": 0, "end": 2}]}',
    {},
    /^bad\.file:1: tokens\[1\] \(0-2\) is empty or overlaps the token before it\.$/,
  ],
  [
    'a doccano file read as spaCy',
    'spacy',
    '{"text": "abc", "label": [[0, 2, "X"]]}',
    {},
    /^bad\.file:1: the record has doccano-style "entities"\/"label" but no "spans"; import the file as doccano\.$/,
  ],
  [
    'a spaCy file read as doccano',
    'doccano',
    '{"text": "abc", "spans": [{"start": 0, "end": 2, "label": "X"}]}',
    {},
    /^bad\.file:1: the record has spaCy\/Prodigy-style "spans" but no "label" or "entities"; import the file as spacy\.$/,
  ],
  [
    'HF tokens and tags of different lengths',
    'hf',
    '{"tokens": ["a", "b"], "ner_tags": ["O", "O"]}\n{"tokens": ["a"], "ner_tags": ["O", "O"]}',
    {},
    /^bad\.file:2: 1 tokens but 2 ner_tags/,
  ],
  [
    'HF tag ids without names',
    'hf',
    '{"tokens": ["a"], "ner_tags": [1]}',
    {},
    /^bad\.file:1: ner_tags holds tag ids; give the tag names/,
  ],
  [
    'an HF tag id beyond the names',
    'hf',
    '{"tokens": ["a"], "ner_tags": [3]}',
    { tagNames: ['O', 'B-X'] },
    /^bad\.file:1: ner_tags\[0\] is id 3, but only 2 tag names are known\.$/,
  ],
  [
    'an HF tag that is not a tag',
    'hf',
    '{"tokens": ["a"], "ner_tags": ["PER"]}',
    {},
    /^bad\.file:1: ner_tags\[0\]: tag 'PER' is not O/,
  ],
  [
    'an empty HF token',
    'hf',
    '{"tokens": ["a", ""], "ner_tags": ["O", "O"]}',
    {},
    /^bad\.file:1: tokens\[1\] must be a non-empty string\.$/,
  ],
]

describe('malformed files', () => {
  it.each(cases)('rejects %s', (_name, format, content, options, message) => {
    const err = rejection(format, content, options)
    expect(err.message).toMatch(message)
    expect(err.where).toBe(err.message.split(': ')[0])
  })

  it('accepts the overlapping spans when overlap is allowed and drops exact duplicates with a warning', () => {
    const { documents, report } = parseDocuments(
      'doccano',
      '{"text": "New York City", "label": [[0, 8, "LOC"], [4, 13, "LOC"], [0, 8, "LOC"]]}',
      'ok.jsonl',
      { overlap: 'allow' },
    )
    expect(documents[0]!.spans).toHaveLength(2)
    expect(report.warnings).toEqual([
      { where: 'ok.jsonl:1', message: "span 0-8 'LOC' appears twice; kept once." },
    ])
  })

  it('warns, without rejecting, about ill-formed chunks read leniently', () => {
    const { documents, report } = parseDocuments('conll', 'a B-X\nb O\nc I-X\n', 'lenient.conll')
    expect(documents[0]!.spans).toHaveLength(2)
    expect(report.warningCount).toBe(1)
    expect(report.warnings[0]!.where).toBe('lenient.conll:3')
  })

  it('leaves out rejected Prodigy answers and flags span texts that disagree with their offsets', () => {
    const jsonl = [
      { text: 'Ann 😀 Lee', spans: [{ start: 6, end: 9, label: 'PER', text: 'Lee' }], answer: 'accept' },
      { text: 'Bob', spans: [{ start: 0, end: 3, label: 'PER' }], answer: 'reject' },
      // Offsets counted in UTF-16 although the file claims code points.
      { text: '😀 Lee x', spans: [{ start: 3, end: 6, label: 'PER', text: 'Lee' }] },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n')
    const { documents, report } = parseDocuments('spacy', jsonl, 'p.jsonl')
    expect(documents.map((d) => d.text)).toEqual(['Ann 😀 Lee', '😀 Lee x'])
    expect(report.warnings.map((w) => w.where)).toEqual(['p.jsonl:2', 'p.jsonl:3'])
    expect(report.warnings[1]!.message).toMatch(/check the offset unit/)
  })

  it('rejects a tag names file without names and an export id list missing a tag', () => {
    expect(() => parseTagNames('{"foo": 1}', 'labels.json')).toThrow(/^labels\.json:1: no tag names found/)
    const docs = [{ text: 'Ann', spans: [{ start: 0, end: 3, label: 'PER' }] }]
    expect(() => serializeHf(docs, { tagIds: true, tagNames: ['O'] })).toThrow(UserError)
  })
})
