import { describe, expect, it } from 'vitest'
import { combine, randomScore, sentenceUncertainty } from '../../src/main/active/uncertainty'

describe('uncertainty scores', () => {
  // Two words, three labels.
  const sure = [0.98, 0.01, 0.01, 0.01, 0.98, 0.01]
  const unsure = [0.4, 0.35, 0.25, 0.34, 0.33, 0.33]

  it('computes each strategy from its definition', () => {
    const u = sentenceUncertainty(unsure, 3, [0, 0])
    expect(u.leastConfidence).toBeCloseTo(-Math.log(0.4 * 0.34), 12)
    expect(u.margin).toBeCloseTo(1 - Math.min(0.4 - 0.35, 0.34 - 0.33), 12)
    const h = (ps: number[]) => -ps.reduce((s, p) => s + p * Math.log(p), 0)
    expect(u.entropy).toBeCloseTo(h([0.4, 0.35, 0.25]) + h([0.34, 0.33, 0.33]), 12)
    expect(u.mnlp).toBeCloseTo(-(Math.log(0.4) + Math.log(0.34)) / 2, 12)
  })

  it('ranks an unsure sentence above a sure one under every strategy', () => {
    const a = sentenceUncertainty(sure, 3, [0, 1])
    const b = sentenceUncertainty(unsure, 3, [0, 0])
    for (const k of ['leastConfidence', 'margin', 'entropy', 'mnlp'] as const)
      expect(b[k]).toBeGreaterThan(a[k])
  })

  it('normalises MNLP by length but not least confidence', () => {
    const word = [0.9, 0.1]
    const short = sentenceUncertainty(word, 2, [0])
    const long = sentenceUncertainty([...word, ...word, ...word, ...word], 2, [0, 0, 0, 0])
    expect(long.mnlp).toBeCloseTo(short.mnlp, 12)
    expect(long.leastConfidence).toBeGreaterThan(short.leastConfidence)
  })

  it('still orders long unsure sentences by least confidence where 1 − P(path) would round to 1', () => {
    const words = (p: number, n: number) => Array.from({ length: n }, () => [p, 1 - p]).flat()
    const lessSure = sentenceUncertainty(words(0.55, 80), 2, Array(80).fill(0))
    const moreSure = sentenceUncertainty(words(0.6, 80), 2, Array(80).fill(0))
    expect(1 - 0.6 ** 80).toBe(1)
    expect(lessSure.leastConfidence).toBeGreaterThan(moreSure.leastConfidence)
  })

  it('combines sentences of a document and gives a reproducible random baseline', () => {
    const a = { u: sentenceUncertainty(sure, 3, [0, 1]), words: 2 }
    const b = { u: sentenceUncertainty(unsure, 3, [0, 0]), words: 2 }
    const c = combine([a, b])
    expect(c.leastConfidence).toBe(b.u.leastConfidence)
    expect(c.entropy).toBeCloseTo(a.u.entropy + b.u.entropy, 12)
    expect(c.mnlp).toBeCloseTo((a.u.mnlp + b.u.mnlp) / 2, 12)
    expect(randomScore(7, 1)).toBe(randomScore(7, 1))
    expect(randomScore(7, 1)).not.toBe(randomScore(7, 2))
    const xs = Array.from({ length: 1000 }, (_, i) => randomScore(i, 3))
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...xs)).toBeLessThan(1)
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeGreaterThan(0.4)
  })
})
