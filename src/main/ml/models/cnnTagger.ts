/**
 * The default from-scratch tagger (docs/adr/0009): character-aware word features (word, shape,
 * affixes, neighbour bigrams from AffixFeaturizer) are embedded (a small table each), concatenated with dropout and projected, a stack of residual
 * width-3 dilated convolutions over the sentence gives local context, optional transformer layers
 * add sentence-wide context, and a linear layer gives label logits (decoded by BIO-constrained
 * Viterbi). Convolutions are written as shifts (Gather over a zero-padded, sequence-first copy)
 * plus one MatMul, so they need only ops that already have checked gradient rules and they run
 * with any sequence length at inference. Word and n-gram ids are replaced by UNK at random while
 * training (word dropout) so the UNK vectors and the character features learn to carry unseen words.
 */
import type { Graph, Tensor } from '../graph/graph'
import { attentionBias, encoderLayer } from './bert'
import { dropout, gelu, layerNorm, linear } from './layers'
import type { FeatureSpec, ParamSpec, TokenClassifierArch } from './types'

export interface CnnTaggerConfig {
  /** Feature name → vocabulary size (from the featurizer); attention_mask excluded. */
  vocabSizes: Record<string, number>
  /** Embedding width of the word feature, of n-gram (bigram, trigram) features, and of the others. */
  wordDim: number
  bigramDim: number
  featureDim: number
  hidden: number
  /** Dilation of each convolution layer (its length is the number of layers). */
  dilations: number[]
  /** Transformer layers after the convolutions (0 = none). */
  attentionLayers: number
  heads: number
  dropout: number
  /** Probability of replacing a word or n-gram id by UNK while training (each feature on its own). */
  wordDropout: number
  layerNormEps: number
}

/** Chosen in docs/adr/0009: CoNLL-2003 test 0.836 (10.8 CPU minutes), Resume NER 0.924-0.925. */
export const CNN_DEFAULTS: Omit<CnnTaggerConfig, 'vocabSizes'> = {
  wordDim: 100,
  bigramDim: 50,
  featureDim: 25,
  hidden: 192,
  dilations: [1, 2, 4, 8],
  attentionLayers: 0,
  heads: 4,
  dropout: 0.3,
  wordDropout: 0.2,
  layerNormEps: 1e-5,
}

const WORD_FEATURE = 'word_ids'
const UNK = 1

/** y[t] = x[t − d] along axis 0 (sequence-first), zeros where t − d is outside; d may be negative. */
function shiftSeq(g: Graph, x: Tensor, d: number): Tensor {
  const k = Math.abs(d)
  // A zero block shaped like k rows of x, taken from row 0 so it exists for any length ≥ 1.
  const zero = g.mul(g.gather(x, g.int64s(new Array<number>(k).fill(0))), g.scalar(0))
  const padded = d > 0 ? g.concat([zero, x], 0) : g.concat([x, zero], 0)
  const len = g.gather(g.shapeOf(x), g.scalar(0, 'int64'))
  const start = g.scalar(d > 0 ? 0 : k, 'int64')
  const idx = g.range(start, g.add(len, start), g.scalar(1, 'int64'), x.shape[0]!)
  return g.gather(padded, idx)
}

export function cnnTokenClassifier(c: CnnTaggerConfig, numLabels: number): TokenClassifierArch {
  const H = c.hidden
  const featureNames = Object.keys(c.vocabSizes)
  const params: ParamSpec[] = []
  const dim = (f: string) =>
    f === WORD_FEATURE ? c.wordDim : f.includes('gram_') ? c.bigramDim : c.featureDim
  // Small tables per feature, concatenated and projected: every step updates every table row
  // (the optimizer is dense), so their width is what the large vocabularies cost.
  for (const f of featureNames)
    params.push({
      name: `embeddings.${f}.weight`,
      shape: [c.vocabSizes[f]!, dim(f)],
      init: 'normal',
      std: 0.1,
      decay: true,
    })
  const inDim = featureNames.reduce((a, f) => a + dim(f), 0)
  params.push({
    name: 'embeddings.project.weight',
    shape: [H, inDim],
    init: 'normal',
    std: Math.sqrt(1 / inDim),
    decay: true,
  })
  params.push({ name: 'embeddings.project.bias', shape: [H], init: 'zeros', decay: false })
  const ln = (n: string) => {
    params.push({ name: `${n}.weight`, shape: [H], init: 'ones', decay: false })
    params.push({ name: `${n}.bias`, shape: [H], init: 'zeros', decay: false })
  }
  ln('embeddings.LayerNorm')
  c.dilations.forEach((_, l) => {
    params.push({
      name: `conv.${l}.weight`,
      shape: [H, 3 * H],
      init: 'normal',
      std: Math.sqrt(2 / (3 * H)) / 2,
      decay: true,
    })
    params.push({ name: `conv.${l}.bias`, shape: [H], init: 'zeros', decay: false })
    ln(`conv.${l}.LayerNorm`)
  })
  for (let l = 0; l < c.attentionLayers; l++) {
    const p = `encoder.layer.${l}`
    const dense = (n: string, o: number, i: number) => {
      params.push({ name: `${p}.${n}.weight`, shape: [o, i], init: 'normal', std: 0.02, decay: true })
      params.push({ name: `${p}.${n}.bias`, shape: [o], init: 'zeros', decay: false })
    }
    dense('attention.self.query', H, H)
    dense('attention.self.key', H, H)
    dense('attention.self.value', H, H)
    dense('attention.output.dense', H, H)
    ln(`${p}.attention.output.LayerNorm`)
    dense('intermediate.dense', 2 * H, H)
    dense('output.dense', H, 2 * H)
    ln(`${p}.output.LayerNorm`)
  }
  params.push({ name: 'classifier.weight', shape: [numLabels, H], init: 'normal', std: 0.02, decay: true })
  params.push({ name: 'classifier.bias', shape: [numLabels], init: 'zeros', decay: false })
  const features: FeatureSpec[] = [...featureNames, 'attention_mask'].map((name) => ({
    name,
    dtype: 'int64',
  }))

  return {
    kind: 'cnn',
    numLabels,
    params,
    features,
    forward(g: Graph, p, x, o) {
      const P = (n: string) => {
        const t = p.get(n)
        if (!t) throw new Error(`Missing parameter ${n}.`)
        return t
      }
      const mask = x.get('attention_mask')!
      const maskF = g.cast(mask, g.floatType)
      const drop = (t: Tensor, rate = c.dropout) => (o.train ? dropout(g, t, rate, o.nextSeed()) : t)
      const emb = g.scope('embeddings', () => {
        const parts: Tensor[] = []
        for (const f of featureNames) {
          let ids = x.get(f)!
          if (o.train && (f === WORD_FEATURE || f.includes('gram_')) && c.wordDropout > 0) {
            // Dropout's keep mask over the tokens (its scaled output is not used).
            const keep = g.dropout(maskF, c.wordDropout, o.nextSeed())[1]
            ids = g.where(keep, ids, g.scalar(UNK, 'int64'))
          }
          parts.push(g.gather(P(`embeddings.${f}.weight`), ids))
        }
        const joined = drop(parts.length > 1 ? g.concat(parts, -1) : parts[0]!)
        const sum = linear(g, joined, P('embeddings.project.weight'), P('embeddings.project.bias'))
        return layerNorm(
          g,
          sum,
          P('embeddings.LayerNorm.weight'),
          P('embeddings.LayerNorm.bias'),
          c.layerNormEps,
        )
      })
      // Sequence-first for the convolutions; padding rows are kept at zero so they never leak in.
      const maskT = g.unsqueeze(g.transpose(maskF, [1, 0]), [-1])
      let h = g.mul(g.transpose(emb, [1, 0, 2]), maskT)
      c.dilations.forEach((d, l) =>
        g.scope(`conv.${l}`, () => {
          const window = g.concat([shiftSeq(g, h, d), h, shiftSeq(g, h, -d)], -1)
          const y = drop(gelu(g, linear(g, window, P(`conv.${l}.weight`), P(`conv.${l}.bias`))))
          const n = layerNorm(
            g,
            g.add(h, y),
            P(`conv.${l}.LayerNorm.weight`),
            P(`conv.${l}.LayerNorm.bias`),
            c.layerNormEps,
          )
          h = g.mul(n, maskT)
        }),
      )
      h = g.transpose(h, [1, 0, 2])
      if (c.attentionLayers > 0) {
        const bias = attentionBias(g, mask)
        const enc = {
          hidden: H,
          heads: c.heads,
          eps: c.layerNormEps,
          hiddenDropout: c.dropout,
          attentionDropout: c.dropout,
        }
        for (let l = 0; l < c.attentionLayers; l++)
          h = encoderLayer(g, p, `encoder.layer.${l}`, h, bias, enc, o)
      }
      h = drop(h)
      return g.scope('classifier', () => linear(g, h, P('classifier.weight'), P('classifier.bias')))
    },
  }
}
