import { describe, expect, it } from 'vitest'
import { RULES } from '../../src/main/ml/autodiff/registry'
import { AffixFeaturizer } from '../../src/main/ml/data/affixFeatures'
import { buildInferenceGraph } from '../../src/main/ml/infer/inferGraph'
import { cnnTokenClassifier, CNN_DEFAULTS } from '../../src/main/ml/models/cnnTagger'
import { initParams } from '../../src/main/ml/models/types'
import { createSession, ortTensor } from '../../src/main/ml/ort'
import { Rng } from '../../src/main/ml/rng'
import { checkModelGradients } from './helpers/modelcheck'

const big = (xs: number[]) => BigInt64Array.from(xs.map(BigInt))

describe('affix featurizer', () => {
  it('gives unseen words their shape and affixes, and neighbour bigrams', () => {
    const f = AffixFeaturizer.fromCorpus([
      ['Johnson', 'visited', 'Paris'],
      ['Johnson', 'left', 'Paris'],
      ['Robertson', 'visited', 'Paris'],
    ])
    const enc = f.encodeWords(['Jameson', 'visited', 'Paris'])
    const id = (name: string, v: string) => f.vocabs[name]!.indexOf(v)
    // The word is unseen, but its suffix is shared with Johnson and Robertson.
    expect(enc.features.word_ids![0]).toBe(1)
    expect(enc.features.suffix3_ids![0]).toBe(id('suffix3_ids', 'son'))
    expect(enc.features.suffix3_ids![0]).toBeGreaterThan(1)
    expect(enc.features.shape_ids![0]).toBe(id('shape_ids', 'Xxx'))
    expect(enc.features.right_bigram_ids![1]).toBe(id('right_bigram_ids', 'visited paris'))
    expect(enc.features.left_bigram_ids![0]).toBe(1) // "<s> jameson" is unseen
    expect(f.featureNames.at(-1)).toBe('attention_mask')
    // Round trip through model.json.
    const back = AffixFeaturizer.fromJSON(JSON.parse(JSON.stringify(f.toJSON())))
    expect(back.encodeWords(['Jameson', 'visited', 'Paris'])).toEqual(enc)
  })

  it('drops affixes for character-level text, where they would repeat the character; trigrams on request', () => {
    const f = AffixFeaturizer.fromCorpus([
      ['高', '勇', '，', '男'],
      ['高', '勇', '，', '女'],
    ])
    expect(f.options.affixLength).toBe(0)
    expect(f.featureNames).toEqual([
      'word_ids',
      'shape_ids',
      'left_bigram_ids',
      'right_bigram_ids',
      'attention_mask',
    ])
    const t = AffixFeaturizer.fromCorpus([['高', '勇', '，']], { trigrams: true, minCount: 1 })
    expect(t.encodeWords(['高', '勇', '，']).features.right_trigram_ids![0]).toBe(
      t.vocabs.right_trigram_ids!.indexOf('高 勇 ，'),
    )
    expect(f.encodeWords(['高', '勇']).features.left_bigram_ids![1]).toBe(
      f.vocabs.left_bigram_ids!.indexOf('高 勇'),
    )
  })

  it('caps each vocabulary at its most frequent entries, so a bigger project does not make every step slower', () => {
    const corpus = [
      ['the', 'the', 'the', 'cat'],
      ['the', 'cat', 'sat', 'mat'],
      ['sat', 'mat', 'dog', 'dog'],
    ]
    const capped = AffixFeaturizer.fromCorpus(corpus, { minCount: 1, maxVocab: 4 })
    // <pad>, <unk> and the two most frequent words (the: 4, then cat, sat and mat with 2: cat first by name).
    expect(capped.vocabs.word_ids).toEqual(['<pad>', '<unk>', 'cat', 'the'])
    expect(capped.encodeWords(['dog']).features.word_ids).toEqual([1])
    for (const name of Object.keys(capped.vocabs)) expect(capped.vocabSize(name)).toBeLessThanOrEqual(4)
    const uncapped = AffixFeaturizer.fromCorpus(corpus, { minCount: 1 })
    expect(uncapped.vocabs.word_ids).toEqual(['<pad>', '<unk>', 'cat', 'dog', 'mat', 'sat', 'the'])
  })
})

describe('CNN tagger', () => {
  const config = {
    ...CNN_DEFAULTS,
    vocabSizes: { word_ids: 7, shape_ids: 4, left_bigram_ids: 5 },
    wordDim: 4,
    bigramDim: 3,
    featureDim: 2,
    hidden: 8,
    dilations: [1, 2],
    attentionLayers: 1,
    heads: 2,
    dropout: 0,
    wordDropout: 0,
  }

  it('whole-model gradients match float64 finite differences, and every op used has a rule', async () => {
    const arch = cnnTokenClassifier(config, 3)
    const r = await checkModelGradients(
      arch,
      {
        word_ids: big([2, 5, 6, 1, 0, 3, 3, 4, 1, 2]),
        shape_ids: big([1, 2, 3, 2, 0, 1, 1, 2, 3, 3]),
        left_bigram_ids: big([1, 4, 3, 2, 0, 2, 1, 4, 3, 3]),
        attention_mask: big([1, 1, 1, 1, 0, 1, 1, 1, 1, 1]),
      },
      big([0, 2, 1, 1, -100, 1, 0, 2, 2, 0]),
      [2, 5],
    )
    expect(r.failures).toEqual([])
    expect(r.tensors).toBe(arch.params.length)
    for (const op of r.opsOnGradientPath) expect(RULES.has(op)).toBe(true)
    expect(r.opsOnGradientPath).toContain('Concat')
  }, 60_000)

  it('tags one-word sentences although the dilation is wider, and padding does not change real tokens', async () => {
    const arch = cnnTokenClassifier(config, 3)
    const params = initParams(arch, new Rng(3))
    const { session } = await createSession(buildInferenceGraph(arch, params))
    const run = async (ids: number[], mask: number[]) => {
      const dims = [1, ids.length]
      const out = await session.run({
        word_ids: ortTensor('int64', big(ids), dims),
        shape_ids: ortTensor('int64', big(ids.map((i) => i % 4)), dims),
        left_bigram_ids: ortTensor('int64', big(ids.map((i) => i % 5)), dims),
        attention_mask: ortTensor('int64', big(mask), dims),
      })
      return Array.from(out.logits!.data as Float32Array)
    }
    expect(await run([3], [1])).toHaveLength(3)
    const short = await run([3, 5, 2], [1, 1, 1])
    const padded = await run([3, 5, 2, 0, 0], [1, 1, 1, 0, 0])
    padded.slice(0, 9).forEach((v, i) => expect(v).toBeCloseTo(short[i]!, 5))
    await session.release()
  })
})
