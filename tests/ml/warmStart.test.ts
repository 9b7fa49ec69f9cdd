import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WordFeaturizer } from '../../src/main/ml/data/wordFeatures'
import { archFromDescription, loadModelDescription } from '../../src/main/ml/infer/modelFiles'
import { initParams } from '../../src/main/ml/models/types'
import type { ScratchConfig } from '../../src/main/ml/models/scratch'
import { Rng } from '../../src/main/ml/rng'
import { readSafetensors } from '../../src/main/ml/safetensors'
import { trainTokenClassifier } from '../../src/main/ml/train/train'
import { warmStart } from '../../src/main/ml/train/warmStart'

const LABELS = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC']
const sentences = [
  { words: ['Ada', 'Lovelace', 'visited', 'London', '.'], tags: [1, 2, 0, 3, 0] },
  { words: ['Alan', 'Turing', 'lived', 'in', 'Wilmslow', '.'], tags: [1, 2, 0, 0, 3, 0] },
  { words: ['Ada', 'met', 'Alan', 'in', 'London', '.'], tags: [1, 0, 1, 0, 3, 0] },
  { words: ['Grace', 'Hopper', 'sailed', 'from', 'New', 'York', '.'], tags: [1, 2, 0, 0, 3, 4, 0] },
]
const config = { hidden: 16, layers: 1, heads: 2, intermediate: 32, dropout: 0 }

describe('warm start from a previous model version', () => {
  let dir: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ner-warm-'))
    await trainTokenClassifier({
      architecture: { kind: 'scratch', config, minCount: 1 },
      labels: LABELS,
      train: sentences,
      dev: sentences,
      epochs: 2,
      batchSize: 2,
      lr: 1e-2,
      maxLen: 16,
      seed: 3,
      outDir: dir,
    })
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('takes embedding rows by word, classifier rows by label, and other tensors by shape', () => {
    const before = loadModelDescription(dir)
    const old = readSafetensors(join(dir, 'best.safetensors')).tensors
    // More data brings a new word and a new label (ORG) in a different position of the label list.
    const labels = ['O', 'B-ORG', 'I-ORG', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC']
    const words = [...sentences.map((s) => s.words), ['Ada', 'joined', 'Babbage', 'Inc', '.']]
    const featurizer = WordFeaturizer.fromCorpus(words, 1)
    const vocabSizes = Object.fromEntries(
      featurizer.featureNames.filter((f) => f !== 'attention_mask').map((f) => [f, featurizer.vocabSize(f)]),
    )
    const previous = before.architecture.config as ScratchConfig
    const arch = archFromDescription({ kind: 'scratch', config: { ...previous, vocabSizes } }, labels.length)
    const params = initParams(arch, new Rng(9))
    const result = warmStart(params, arch, featurizer, labels, dir)
    expect(result.tensors).toBe(arch.params.length)

    const feature = Object.keys(vocabSizes)[0]!
    const width = previous.hidden
    const row = (data: Float32Array, i: number) => Array.from(data.subarray(i * width, (i + 1) * width))
    const oldVocab = (before.featurizer as unknown as { vocabs: Record<string, string[]> }).vocabs[feature]!
    const newVocab = featurizer.vocabs[feature]!
    const oldEmb = old.get(`embeddings.${feature}.weight`)!.data as Float32Array
    const newEmb = params.get(`embeddings.${feature}.weight`)!
    for (const entry of oldVocab.filter((e) => newVocab.includes(e))) {
      expect(row(newEmb, newVocab.indexOf(entry))).toEqual(row(oldEmb, oldVocab.indexOf(entry)))
    }
    const oldCls = old.get('classifier.weight')!.data as Float32Array
    const newCls = params.get('classifier.weight')!
    expect(row(newCls, labels.indexOf('B-LOC'))).toEqual(row(oldCls, LABELS.indexOf('B-LOC')))
    const fresh = initParams(arch, new Rng(9)).get('classifier.weight')!
    expect(row(newCls, labels.indexOf('B-ORG'))).toEqual(row(fresh, labels.indexOf('B-ORG')))
    const ln = 'embeddings.LayerNorm.weight'
    expect(Array.from(params.get(ln)!)).toEqual(Array.from(old.get(ln)!.data as Float32Array))
  })
})
