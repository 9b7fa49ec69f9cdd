/** Format detection from a file name and the first bytes; sidecar tag names for HF files. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { detectFormat, parseTagNames } from '../../src/main/formats'
import { parseFile } from '../../src/main/formats/file'

describe('detectFormat', () => {
  it.each([
    ['train.txt', '-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n', 'conll'],
    ['train.char.bmes', '高 B-NAME\n勇 E-NAME\n', 'conll'],
    ['notes.txt', 'Just a sentence.\nAnother one here.\n', 'txt'],
    ['short.txt', 'two words\n', 'txt'],
    ['data.jsonl', '{"text": "a", "spans": [{"start": 0, "end": 1, "label": "X"}]}\n', 'spacy'],
    ['data.jsonl', '{"text": "a", "label": [[0, 1, "X"]]}\n', 'doccano'],
    ['data.json', '{"id": 1, "text": "a", "entities": []}\n', 'doccano'],
    ['data.jsonl', '{"id": "0", "tokens": ["a"], "ner_tags": [0]}\n', 'hf'],
    ['unnamed', '{"tokens": ["a"], "ner_tags": ["O"]}\n', 'hf'],
    ['data.jsonl', '{"text": "a plain record"}\n', 'spacy'],
    // A head cut in the middle of a long record.
    ['cut.jsonl', '{"text": "long text …", "label": [[0, 4, "X"], [6', 'doccano'],
  ])('%s %j -> %s', (name, head, format) => {
    expect(detectFormat(name, head)).toBe(format)
    expect(detectFormat(name, new TextEncoder().encode(head))).toBe(format)
  })
})

describe('tag names for Hugging Face ids', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ner-formats-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('reads lists, dataset_info.json, id2label and plain lines', () => {
    const names = ['O', 'B-PER', 'I-PER']
    expect(parseTagNames(JSON.stringify(names), 'l.json')).toEqual(names)
    const info = { features: { ner_tags: { feature: { names, _type: 'ClassLabel' }, _type: 'Sequence' } } }
    expect(parseTagNames(JSON.stringify(info), 'dataset_info.json')).toEqual(names)
    expect(parseTagNames('{"id2label": {"1": "B-PER", "0": "O", "2": "I-PER"}}', 'config.json')).toEqual(
      names,
    )
    expect(parseTagNames('O\nB-PER\r\nI-PER\n', 'labels.txt')).toEqual(names)
  })

  it('parseFile detects the format and finds the sidecar next to the data', () => {
    const data = path.join(dir, 'train.jsonl')
    writeFileSync(data, '{"tokens": ["Ann", "sings"], "ner_tags": [1, 0]}\n')
    writeFileSync(path.join(dir, 'labels.json'), '["O", "B-PER", "I-PER"]')
    const r = parseFile(data)
    expect(r.format).toBe('hf')
    expect(r.tagNamesFile).toBe(path.join(dir, 'labels.json'))
    expect(r.documents).toEqual([
      {
        text: 'Ann sings',
        spans: [{ start: 0, end: 3, label: 'PER' }],
        tokens: [
          { start: 0, end: 3 },
          { start: 4, end: 9 },
        ],
      },
    ])
    expect(r.report.fileName).toBe('train.jsonl')
  })
})
