import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { encodeSentence } from '../../src/main/ml/data/types'
import { WordFeaturizer } from '../../src/main/ml/data/wordFeatures'
import { migrate } from '../../src/main/db/open'
import { insertDocuments } from '../../src/main/db/documents'
import { documentSentences, loadTrainingData, sentenceRanges } from '../../src/main/trainer/dataset'
import { tokenize } from '../../src/shared/text/tokenize'

describe('documents to training sentences', () => {
  it('tags aligned spans as IOB2 and leaves words under unaligned spans out of the loss, not O', () => {
    const text = 'Ann Lee met Bob in Paris.\nUnknownstuff here.'
    const { sentences, unaligned } = documentSentences(text, tokenize(text), [
      { start: 0, end: 7, label: 'PER' }, // Ann Lee
      { start: 12, end: 14, label: 'PER' }, // "Bo": edge inside a token
      { start: 19, end: 24, label: 'LOC' }, // Paris
    ])
    expect(unaligned).toBe(1)
    expect(sentences.map((s) => s.words)).toEqual([
      ['Ann', 'Lee', 'met', 'Bob', 'in', 'Paris', '.'],
      ['Unknownstuff', 'here', '.'],
    ])
    expect(sentences[0]!.tags).toEqual(['B-PER', 'I-PER', 'O', null, 'O', 'B-LOC', 'O'])
  })

  it('cuts a line longer than 128 tokens after a sentence end', () => {
    const text = Array.from({ length: 30 }, (_, i) => `word${i} is here now .`).join(' ')
    const tokens = tokenize(text)
    expect(tokens.length).toBe(150)
    const ranges = sentenceRanges(text, tokens)
    expect(ranges[0]).toEqual([0, 125]) // after the last '.' that fits
    expect(ranges.map(([a, b]) => b - a).reduce((x, y) => x + y, 0)).toBe(150)
  })

  it('reads done train and dev documents; missing words become the ignore index for the loss', () => {
    const db = new Database(':memory:')
    migrate(db)
    db.exec("INSERT INTO labels (name, color, position) VALUES ('PER', '#000000', 0), ('LOC', '#000000', 1)")
    insertDocuments(
      db,
      [
        {
          text: 'Ann met Bob in Paris.',
          spans: [
            { start: 0, end: 3, label: 'PER' },
            { start: 9, end: 10, label: 'PER' },
          ],
        },
      ],
      {
        split: 'train',
        status: 'done',
      },
    )
    insertDocuments(db, [{ text: 'Lee flew to Rome.', spans: [{ start: 0, end: 3, label: 'PER' }] }], {
      split: 'dev',
      status: 'done',
    })
    insertDocuments(db, [{ text: 'Not labelled yet.', spans: [] }], { split: 'train', status: 'todo' })
    const data = loadTrainingData(db)
    expect(data.labels).toEqual(['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC'])
    expect(data.documents).toEqual({ train: 1, dev: 1 })
    expect(data.autoDev).toBe(false)
    expect(data.unalignedSpans).toBe(1)
    const train = data.train[0]!
    expect(train.tags).toEqual([1, 0, -100, 0, 0, 0])
    const enc = encodeSentence(WordFeaturizer.fromCorpus([train.words], 1), train.words, train.tags, 32)
    expect(enc.labels.slice(0, 3)).toEqual([1, 0, -100])
    expect(data.dev[0]!.tags).toEqual([1, 0, 0, 0, 0])
    db.close()
  })
})
