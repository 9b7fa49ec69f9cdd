import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  distinctSentences,
  fromCsv,
  labelsToReachRandom,
  readCorpus,
  simulate,
  summarize,
  toCsv,
  type CurvePoint,
  type SimulationOptions,
} from '../../src/main/active/simulate'
import { lineChartSvg } from '../../src/main/report/svg-chart'

const CONLL = resolve(__dirname, '../../../shared/datasets/conll2003')

describe('learning-curve summaries and the SVG chart', () => {
  const points: CurvePoint[] = [
    { strategy: 'random', seed: 1, round: 0, labelled: 10, tokens: 140, f1: 0.2, seconds: 1 },
    { strategy: 'random', seed: 2, round: 0, labelled: 10, tokens: 150, f1: 0.4, seconds: 1 },
    { strategy: 'mnlp', seed: 1, round: 0, labelled: 10, tokens: 160, f1: 0.5, seconds: 1 },
  ]

  it('keeps one of identical sentences when the pool is made distinct', () => {
    const s = (text: string) => ({ words: text.split(' '), tags: text.split(' ').map(() => 'O') })
    const d = distinctSentences({
      labels: ['O'],
      sentences: [s('CENTRAL DIVISION'), s('a b'), s('CENTRAL DIVISION'), s('a b c')],
    })
    expect(d.sentences.map((x) => x.words.join(' '))).toEqual(['CENTRAL DIVISION', 'a b', 'a b c'])
  })

  it('gives mean and sample standard deviation over seeds', () => {
    const s = summarize(points)
    expect(s.find((r) => r.strategy === 'random')).toMatchObject({ labelled: 10, n: 2 })
    expect(s.find((r) => r.strategy === 'random')!.mean).toBeCloseTo(0.3, 12)
    expect(s.find((r) => r.strategy === 'random')!.sd).toBeCloseTo(Math.SQRT2 * 0.1, 12)
    expect(s.find((r) => r.strategy === 'mnlp')).toMatchObject({ mean: 0.5, sd: 0, n: 1 })
    expect(toCsv(points).split('\n')[1]).toBe('random,1,0,10,140,0.2000,1.0')
    expect(fromCsv('run.csv', toCsv(points))).toEqual(points)
    expect(() => fromCsv('run.csv', toCsv(points).replace('mnlp,1', 'mnlq,1'))).toThrow(/run\.csv:4:/)
    expect(() => fromCsv('run.csv', 'a,b\n')).toThrow(/run\.csv:1:/)
  })

  it("finds the fewest sentences at which each strategy reaches random sampling's final F1", () => {
    const pt = (strategy: CurvePoint['strategy'], labelled: number, f1: number): CurvePoint => ({
      strategy,
      seed: 1,
      round: 0,
      labelled,
      tokens: labelled * 14,
      f1,
      seconds: 1,
    })
    const bar = labelsToReachRandom(
      summarize([
        pt('random', 100, 0.5),
        pt('random', 200, 0.6),
        pt('random', 300, 0.7),
        pt('mnlp', 100, 0.5),
        pt('mnlp', 200, 0.71),
        pt('margin', 100, 0.5),
        pt('margin', 200, 0.69),
      ]),
    )
    expect(bar!.target).toEqual({ labelled: 300, f1: 0.7 })
    expect(bar!.reach).toEqual(
      expect.arrayContaining([
        { strategy: 'random', labelled: 300 },
        { strategy: 'mnlp', labelled: 200 },
        { strategy: 'margin', labelled: null },
      ]),
    )
    expect(labelsToReachRandom(summarize([pt('mnlp', 100, 0.5)]))).toBeNull()
  })

  it('draws one line and one legend entry per series, with bands where given', () => {
    const svg = lineChartSvg(
      [
        {
          name: 'random',
          points: [
            { x: 10, y: 0.3, band: 0.1 },
            { x: 20, y: 0.5, band: 0.05 },
          ],
        },
        {
          name: 'mnlp <b>',
          points: [
            { x: 10, y: 0.5 },
            { x: 20, y: 0.7 },
          ],
        },
      ],
      { title: 'curves', xLabel: 'labelled sentences', yLabel: 'dev F1' },
    )
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
    expect(svg.match(/<polyline /g)).toHaveLength(2)
    expect(svg.match(/<polygon /g)).toHaveLength(1)
    expect(svg).toContain('mnlp &lt;b&gt;')
    expect(svg).not.toContain('stroke-dasharray')
    const withTarget = lineChartSvg(
      [
        {
          name: 'random @ 20',
          dashed: true,
          points: [
            { x: 10, y: 0.5 },
            { x: 20, y: 0.5 },
          ],
        },
      ],
      { title: 'curves', xLabel: 'labelled sentences', yLabel: 'dev F1' },
    )
    expect(withTarget.match(/stroke-dasharray/g)).toHaveLength(2)
    // Every point lies inside the plot area, even when the data ends between two round ticks.
    const tall = lineChartSvg(
      [
        {
          name: 'f1',
          points: [
            { x: 0, y: 0.58 },
            { x: 2000, y: 0.8251 },
          ],
        },
      ],
      {
        title: 't',
        xLabel: 'x',
        yLabel: 'y',
        height: 460,
      },
    )
    const ys = [...tall.matchAll(/<circle cx="[^"]+" cy="([^"]+)"/g)].map((m) => Number(m[1]))
    for (const y of ys) {
      expect(y).toBeGreaterThanOrEqual(44)
      expect(y).toBeLessThanOrEqual(460 - 56)
    }
    expect(withTarget).not.toContain('<circle')
  })
})

/** One seed, one round of 40 more sentences, one epoch: the smallest run that exercises every step. */
const SAMPLE_RUN: Omit<SimulationOptions, 'strategies'> = {
  train: resolve(CONLL, 'sample-train.txt'),
  dev: resolve(CONLL, 'sample-dev.txt'),
  seedSize: 40,
  step: 40,
  rounds: 1,
  seeds: 1,
  epochs: 1,
  patience: 1,
  batchSize: 16,
  lr: 1e-3,
  maxLen: 64,
}

describe.skipIf(!existsSync(CONLL))('simulate-al on the CoNLL-2003 sample', () => {
  it('reads the corpus sentence by sentence with IOB2 tags', () => {
    const c = readCorpus(resolve(CONLL, 'sample-dev.txt'))
    expect(c.sentences).toHaveLength(300)
    const d = distinctSentences(c)
    const texts = d.sentences.map((s) => s.words.join(' '))
    expect(new Set(texts).size).toBe(texts.length)
    expect(new Set(c.sentences.map((s) => s.words.join(' '))).size).toBe(texts.length)
    expect(c.labels).toEqual(['O', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC', 'B-ORG', 'I-ORG', 'B-PER', 'I-PER'])
  })

  it('grows the labelled set by the step each round and records dev F1 per strategy', async () => {
    const points = await simulate({ ...SAMPLE_RUN, strategies: ['random', 'least-confidence'] })
    expect(points.map((p) => [p.strategy, p.round, p.labelled])).toEqual([
      ['random', 0, 40],
      ['random', 1, 80],
      ['least-confidence', 0, 40],
      ['least-confidence', 1, 80],
    ])
    // Both strategies start from the same seed set, so their first round is the same training.
    expect(points[2]!.f1).toBe(points[0]!.f1)
    for (const p of points) expect(p.f1).toBeGreaterThanOrEqual(0)
    // The token count follows the sentences actually chosen: more sentences, more words.
    expect(points[1]!.tokens).toBeGreaterThan(points[0]!.tokens)
    expect(points[2]!.tokens).toBe(points[0]!.tokens)
  })

  it('runs random further than the other strategies when asked, scoring all of dev after selecting on part', async () => {
    const points = await simulate({
      ...SAMPLE_RUN,
      strategies: ['random', 'mnlp'],
      uncertaintyRounds: 0,
      selectionDev: 50,
    })
    expect(points.map((p) => [p.strategy, p.round, p.labelled])).toEqual([
      ['random', 0, 40],
      ['random', 1, 80],
      ['mnlp', 0, 40],
    ])
    expect(points[2]!.f1).toBe(points[0]!.f1)
  })
})
