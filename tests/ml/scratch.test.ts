import { describe, expect, it } from 'vitest'
import { WordFeaturizer, wordShape } from '../../src/main/ml/data/wordFeatures'
import { scratchTokenClassifier } from '../../src/main/ml/models/scratch'
import { RULES } from '../../src/main/ml/autodiff/registry'
import { checkModelGradients } from './helpers/modelcheck'

const big = (xs: number[]) => BigInt64Array.from(xs.map(BigInt))

describe('from-scratch model', () => {
  it('builds vocabularies from the corpus with UNK for rare values', () => {
    const f = WordFeaturizer.fromCorpus(
      [
        ['Paris', 'is', 'big'],
        ['paris', 'is', 'Old'],
      ],
      2,
    )
    const enc = f.encodeWords(['PARIS', 'is', 'unseen'])
    expect(enc.features.word_ids![0]).toBe(f.vocabs.word_ids!.indexOf('paris')) // lowercased match
    expect(f.vocabs.word_ids).toContain('paris')
    expect(f.vocabs.word_ids).not.toContain('big')
    expect(enc.features.word_ids![2]).toBe(1)
    expect(wordShape('Smith-Jones')).toBe('Xxx-Xxx')
    expect(wordShape('1996-08-22')).toBe('dd-dd-dd')
    expect(enc.wordStart).toEqual([0, 1, 2])
  })

  it('whole-model gradients match float64 finite differences, and every op used has a rule', async () => {
    const arch = scratchTokenClassifier(
      {
        vocabSizes: { word_ids: 7, shape_ids: 4 },
        hidden: 8,
        layers: 1,
        heads: 2,
        intermediate: 12,
        maxPositions: 6,
        dropout: 0,
        layerNormEps: 1e-5,
      },
      3,
    )
    const r = await checkModelGradients(
      arch,
      {
        word_ids: big([2, 5, 6, 1, 0, 3, 3, 4, 1, 2]),
        shape_ids: big([1, 2, 3, 2, 0, 1, 1, 2, 3, 3]),
        attention_mask: big([1, 1, 1, 1, 0, 1, 1, 1, 1, 1]),
      },
      big([0, 2, 1, 1, -100, 1, 0, 2, 2, 0]),
      [2, 5],
    )
    expect(r.failures).toEqual([])
    expect(r.tensors).toBe(arch.params.length)
    for (const op of r.opsOnGradientPath) expect(RULES.has(op)).toBe(true)
  }, 60_000)
})
