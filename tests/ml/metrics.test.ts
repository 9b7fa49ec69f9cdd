import { describe, expect, it } from 'vitest'
import { chunks, entityMetrics } from '../../src/main/ml/metrics'
import { softmaxRows, spansFromTags, viterbiBio } from '../../src/main/ml/infer/decode'

describe('entity metrics (conlleval convention)', () => {
  it('reads chunks like conlleval, including I- without B-', () => {
    expect(chunks(['B-PER', 'I-PER', 'O', 'I-LOC', 'I-LOC', 'B-LOC', 'I-ORG'])).toEqual([
      { type: 'PER', start: 0, end: 2 },
      { type: 'LOC', start: 3, end: 5 },
      { type: 'LOC', start: 5, end: 6 },
      { type: 'ORG', start: 6, end: 7 },
    ])
    expect(chunks(['S-PER', 'B-LOC', 'E-LOC', 'O'])).toEqual([
      { type: 'PER', start: 0, end: 1 },
      { type: 'LOC', start: 1, end: 3 },
    ])
  })

  it('counts only exact type+boundary matches, per type and micro', () => {
    const gold = [
      ['B-PER', 'I-PER', 'O', 'B-LOC'],
      ['B-ORG', 'O', 'B-PER'],
    ]
    const pred = [
      ['B-PER', 'I-PER', 'O', 'B-ORG'], // PER right, LOC missed, ORG spurious
      ['B-ORG', 'I-ORG', 'B-PER'], // ORG boundary wrong (fp + fn), PER right
    ]
    const m = entityMetrics(gold, pred)
    expect(m.perType.PER).toMatchObject({ tp: 2, fp: 0, fn: 0, f1: 1 })
    expect(m.perType.LOC).toMatchObject({ tp: 0, fp: 0, fn: 1, f1: 0 })
    expect(m.perType.ORG).toMatchObject({ tp: 0, fp: 2, fn: 1 })
    expect(m.micro.precision).toBeCloseTo(2 / 4, 12)
    expect(m.micro.recall).toBeCloseTo(2 / 4, 12)
    expect(m.micro.f1).toBeCloseTo(0.5, 12)
  })
})

describe('BIO-constrained decoding', () => {
  const labels = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC']
  it('never emits I-X after O or another type, and keeps the best valid path', () => {
    // Argmax would say O, I-PER, I-PER (invalid); the best valid path is O, B-PER, I-PER.
    const logits = Float32Array.from([5, 0, 0, 0, 0, 0, 2, 3, 0, 0, 0, 0, 4, 0, 0])
    const probs = softmaxRows(logits, 3, 5)
    const tags = viterbiBio(probs, 3, labels)
    expect(tags.map((t) => labels[t])).toEqual(['O', 'B-PER', 'I-PER'])
    const spans = spansFromTags(tags, probs, labels)
    expect(spans).toHaveLength(1)
    expect(spans[0]).toMatchObject({ label: 'PER', start: 1, end: 3 })
    const expected = (probs[1 * 5 + 1]! + probs[2 * 5 + 2]!) / 2
    expect(spans[0]!.confidence).toBeCloseTo(expected, 12)
  })

  it('does not start a sentence with I-', () => {
    const probs = softmaxRows(Float32Array.from([0, 0, 0, 0, 9]), 1, 5)
    expect(labels[viterbiBio(probs, 1, labels)[0]!]).not.toBe('I-LOC')
  })
})
