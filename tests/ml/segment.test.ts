import { describe, expect, it } from 'vitest'
import { segmentWords } from '../../src/main/ml/data/segment'

describe('segmentWords', () => {
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
