import { describe, expect, it } from 'vitest'
import { bioLabels, segmentWords, sentencesFromDocuments } from '../../src/main/ml/data/fromDocuments'
import { encodeSentence } from '../../src/main/ml/data/types'
import { WordFeaturizer } from '../../src/main/ml/data/wordFeatures'

describe('documents to training sentences', () => {
  const labels = bioLabels(['PER', 'LOC'])

  it('tags aligned spans as BIO and marks words under unaligned spans as missing', () => {
    const text = 'Ann Lee met Bob in Paris. Unknownstuff here.'
    const r = sentencesFromDocuments(
      [
        {
          text,
          spans: [
            { start: 0, end: 7, label: 'PER' }, // Ann Lee
            { start: 12, end: 14, label: 'PER' }, // "Bo": edge inside a token
            { start: 19, end: 24, label: 'LOC' }, // Paris
            { start: 26, end: 33, label: 'ORG' }, // not a known label
          ],
        },
      ],
      labels,
    )
    expect(labels).toEqual(['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC'])
    expect(r.sentences).toHaveLength(1)
    const s = r.sentences[0]!
    expect(s.words.slice(0, 6)).toEqual(['Ann', 'Lee', 'met', 'Bob', 'in', 'Paris'])
    expect(s.tags.slice(0, 6)).toEqual([1, 2, 0, -1, 0, 3])
    expect(r.skipped.map((k) => k.reason).sort()).toEqual(['unaligned', 'unknown label'])
    // Missing words are left out of the loss, unlike O.
    const enc = encodeSentence(WordFeaturizer.fromCorpus([s.words], 1), s.words, s.tags, 32)
    expect(enc.labels.slice(0, 6)).toEqual([1, 2, 0, -100, 0, 3])
  })

  it('cuts long documents after sentence ends when it can', () => {
    // The cut moves back to just after '.', but never into the first half of a segment.
    const words = ['a', 'b', 'c', '.', 'd', 'e', 'f', '.', 'g', 'h', 'i', 'j']
    expect(segmentWords(words, 5)).toEqual([
      [0, 4],
      [4, 8],
      [8, 12],
    ])
    expect(segmentWords(['x', 'y', 'z'], 2)).toEqual([
      [0, 2],
      [2, 3],
    ])
  })
})
