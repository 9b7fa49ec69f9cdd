/**
 * Multi-valued features ([batch, seq, width], e.g. characters per word) flow through encoding,
 * batching, the training graph and the tagger: a character-only model learns a rule that word
 * identity cannot give (the words at test time are unseen).
 */
import { describe, expect, it } from 'vitest'
import type { Featurizer } from '../../src/main/ml/data/types'
import { encodeSentence } from '../../src/main/ml/data/types'
import type { Graph, Tensor } from '../../src/main/ml/graph/graph'
import { Tagger } from '../../src/main/ml/infer/tagger'
import { linear } from '../../src/main/ml/models/layers'
import { initParams, type TokenClassifierArch } from '../../src/main/ml/models/types'
import { ADAMW_DEFAULTS } from '../../src/main/ml/optim/adamw'
import { Rng } from '../../src/main/ml/rng'
import { bucketLengths, epochRuns, groupByBucket, stackRun } from '../../src/main/ml/train/batching'
import { TrainStepper, zeroState } from '../../src/main/ml/train/stepper'

const W = 3
const LABELS = ['O', 'B-NUM', 'I-NUM', 'B-CAP', 'I-CAP']

class CharFeaturizer implements Featurizer {
  readonly kind = 'chars-test'
  readonly featureNames = ['chars', 'attention_mask']
  readonly widths = { chars: W }
  encodeWords(words: readonly string[]) {
    const chars = words.flatMap((w) =>
      Array.from({ length: W }, (_, i) =>
        i < w.length ? Math.min(95, Math.max(1, w.charCodeAt(i) - 31)) : 0,
      ),
    )
    return { features: { chars, attention_mask: words.map(() => 1) }, wordStart: words.map((_, i) => i) }
  }
  toJSON() {
    return { kind: this.kind }
  }
}

const arch: TokenClassifierArch = {
  kind: 'chars-test',
  numLabels: LABELS.length,
  params: [
    { name: 'chars.weight', shape: [96, 16], init: 'normal', std: 0.3, decay: true },
    { name: 'out.weight', shape: [LABELS.length, 16], init: 'normal', std: 0.3, decay: true },
    { name: 'out.bias', shape: [LABELS.length], init: 'zeros', decay: false },
  ],
  features: [
    { name: 'chars', dtype: 'int64', width: W },
    { name: 'attention_mask', dtype: 'int64' },
  ],
  forward(g: Graph, p: ReadonlyMap<string, Tensor>, x: ReadonlyMap<string, Tensor>) {
    const e = g.gather(p.get('chars.weight')!, x.get('chars')!) // [B, S, W, H]
    const h = g.tanh(g.reduceSum(e, [2])) // bag of characters
    return linear(g, h, p.get('out.weight')!, p.get('out.bias')!)
  },
}

function words(rng: Rng, n: number): { words: string[]; tags: number[] }[] {
  const lower = 'abcdefghijklmnopqrstuvwxyz'
  const word = () => Array.from({ length: 2 + rng.int(3) }, () => lower[rng.int(26)]).join('')
  return Array.from({ length: n }, () => {
    const ws: string[] = []
    const tags: number[] = []
    for (let i = 0; i < 5; i++) {
      const r = rng.next()
      if (r < 0.3) ws.push(String(rng.int(1000)))
      else if (r < 0.6) ws.push(word().replace(/^./, (c) => c.toUpperCase()))
      else ws.push(word())
      const first = ws[i]![0]!
      tags.push(/\d/.test(first) ? 1 : /[A-Z]/.test(first) ? 3 : 0)
    }
    return { words: ws, tags }
  })
}

describe('multi-valued (character) features', () => {
  it('train through stacked [K, B, S, width] batches and tag unseen words', async () => {
    const f = new CharFeaturizer()
    const train = words(new Rng(1), 64)
    const encoded = train.map((s) => encodeSentence(f, s.words, s.tags, 8))
    expect(encoded[0]!.features.chars).toHaveLength(5 * W)
    const groups = groupByBucket(encoded, bucketLengths(8))
    const stepper = await TrainStepper.create(arch, {
      batch: 16,
      seq: 8,
      k: 2,
      adamw: ADAMW_DEFAULTS,
      maxGradNorm: 1,
      seed: 1,
    })
    const state = zeroState(arch, initParams(arch, new Rng(2)))
    const rng = new Rng(3)
    for (let epoch = 0; epoch < 25; epoch++) {
      for (const run of epochRuns(groups, 16, 2, rng)) {
        const { stacked } = stackRun(encoded, run, arch.features, 16, 2)
        await stepper.run(
          state,
          stacked,
          { peakLr: 3e-2, warmupSteps: 0, totalSteps: 200 },
          run.batches.length,
        )
      }
    }
    const tagger = await Tagger.fromParams(arch, state.params, f, LABELS, 8)
    const [r] = await tagger.tagSentences([['Zyx', 'qq', '42', 'Mop', '306']])
    expect(r!.tags).toEqual(['B-CAP', 'O', 'B-NUM', 'B-CAP', 'B-NUM'])
    // Unseen sentences: nearly every word right from its characters alone.
    const held = words(new Rng(99), 20)
    const out = await tagger.tagSentences(held.map((s) => s.words))
    let right = 0
    held.forEach((s, i) => s.tags.forEach((t, j) => (right += LABELS[t] === out[i]!.tags[j] ? 1 : 0)))
    expect(right / 100).toBeGreaterThan(0.9)
    await tagger.release()
    await stepper.release()
  })
})
