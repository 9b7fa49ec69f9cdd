/**
 * The from-scratch tagger: needs no download. Each word's features (word, shape, prefix, suffix
 * ids from WordFeaturizer) are embedded and summed with a learned position embedding, then a small
 * post-LN transformer encoder gives context, and a linear layer gives label logits. Features in,
 * logits out: a richer featurizer (character CNN, gazetteers) only adds feature names here.
 */
import type { Graph, Tensor } from '../graph/graph'
import { attentionBias, encoderLayer, type EncoderOptions } from './bert'
import { dropout, layerNorm, linear } from './layers'
import type { FeatureSpec, ParamSpec, TokenClassifierArch } from './types'

export interface ScratchConfig {
  /** Feature name → vocabulary size (from the featurizer). */
  vocabSizes: Record<string, number>
  hidden: number
  layers: number
  heads: number
  intermediate: number
  maxPositions: number
  dropout: number
  layerNormEps: number
}

export const SCRATCH_DEFAULTS = {
  hidden: 128,
  layers: 2,
  heads: 4,
  intermediate: 256,
  maxPositions: 256,
  dropout: 0.1,
  layerNormEps: 1e-5,
}

export function scratchTokenClassifier(c: ScratchConfig, numLabels: number): TokenClassifierArch {
  const H = c.hidden
  const featureNames = Object.keys(c.vocabSizes)
  const params: ParamSpec[] = []
  for (const f of featureNames)
    params.push({
      name: `embeddings.${f}.weight`,
      shape: [c.vocabSizes[f]!, H],
      init: 'normal',
      std: 0.1,
      decay: true,
    })
  params.push({
    name: 'embeddings.position.weight',
    shape: [c.maxPositions, H],
    init: 'normal',
    std: 0.02,
    decay: true,
  })
  params.push({ name: 'embeddings.LayerNorm.weight', shape: [H], init: 'ones', decay: false })
  params.push({ name: 'embeddings.LayerNorm.bias', shape: [H], init: 'zeros', decay: false })
  for (let l = 0; l < c.layers; l++) {
    const p = `encoder.layer.${l}`
    const dense = (n: string, o: number, i: number) => {
      params.push({ name: `${p}.${n}.weight`, shape: [o, i], init: 'normal', std: 0.02, decay: true })
      params.push({ name: `${p}.${n}.bias`, shape: [o], init: 'zeros', decay: false })
    }
    const ln = (n: string) => {
      params.push({ name: `${p}.${n}.weight`, shape: [H], init: 'ones', decay: false })
      params.push({ name: `${p}.${n}.bias`, shape: [H], init: 'zeros', decay: false })
    }
    dense('attention.self.query', H, H)
    dense('attention.self.key', H, H)
    dense('attention.self.value', H, H)
    dense('attention.output.dense', H, H)
    ln('attention.output.LayerNorm')
    dense('intermediate.dense', c.intermediate, H)
    dense('output.dense', H, c.intermediate)
    ln('output.LayerNorm')
  }
  params.push({ name: 'classifier.weight', shape: [numLabels, H], init: 'normal', std: 0.02, decay: true })
  params.push({ name: 'classifier.bias', shape: [numLabels], init: 'zeros', decay: false })
  const features: FeatureSpec[] = [...featureNames, 'attention_mask'].map((name) => ({
    name,
    dtype: 'int64',
  }))

  return {
    kind: 'scratch',
    numLabels,
    params,
    features,
    forward(g: Graph, p, x, o) {
      const P = (n: string) => p.get(n)!
      const mask = x.get('attention_mask')!
      const first = x.get(featureNames[0]!)!
      const emb = g.scope('embeddings', () => {
        let sum: Tensor | null = null
        for (const f of featureNames) {
          const e = g.gather(P(`embeddings.${f}.weight`), x.get(f)!)
          sum = sum ? g.add(sum, e) : e
        }
        const len = g.gather(g.shapeOf(first), g.scalar(1, 'int64'))
        const pos = g.range(g.scalar(0, 'int64'), len, g.scalar(1, 'int64'), first.shape[1]!)
        const withPos = g.add(sum!, g.gather(P('embeddings.position.weight'), pos))
        const normed = layerNorm(
          g,
          withPos,
          P('embeddings.LayerNorm.weight'),
          P('embeddings.LayerNorm.bias'),
          c.layerNormEps,
        )
        return o.train ? dropout(g, normed, c.dropout, o.nextSeed()) : normed
      })
      const bias = attentionBias(g, mask)
      const enc: EncoderOptions = {
        hidden: H,
        heads: c.heads,
        eps: c.layerNormEps,
        hiddenDropout: c.dropout,
        attentionDropout: c.dropout,
      }
      let h = emb
      for (let l = 0; l < c.layers; l++) h = encoderLayer(g, p, `encoder.layer.${l}`, h, bias, enc, o)
      if (o.train) h = dropout(g, h, c.dropout, o.nextSeed())
      return g.scope('classifier', () => linear(g, h, P('classifier.weight'), P('classifier.bias')))
    },
  }
}
