/**
 * A BERT encoder with a token-classification head, parameter for parameter the same as Hugging
 * Face BertForTokenClassification (names, [out, in] Linear weights, post-LN layers, erf GELU,
 * additive attention mask), so its weights load from and export to model.safetensors unchanged.
 */
import type { Graph, Tensor } from '../graph/graph'
import { dropout, gelu, layerNorm, linear } from './layers'
import type { FeatureSpec, ForwardOptions, ParamSpec, TokenClassifierArch } from './types'

/** The fields of a Hugging Face BERT config.json this model reads. */
export interface BertConfig {
  vocab_size: number
  hidden_size: number
  num_hidden_layers: number
  num_attention_heads: number
  intermediate_size: number
  max_position_embeddings: number
  type_vocab_size: number
  layer_norm_eps: number
  hidden_dropout_prob: number
  attention_probs_dropout_prob: number
  initializer_range: number
}

export const BERT_DEFAULTS: Omit<
  BertConfig,
  'vocab_size' | 'hidden_size' | 'num_hidden_layers' | 'num_attention_heads' | 'intermediate_size'
> = {
  max_position_embeddings: 512,
  type_vocab_size: 2,
  layer_norm_eps: 1e-12,
  hidden_dropout_prob: 0.1,
  attention_probs_dropout_prob: 0.1,
  initializer_range: 0.02,
}

export function bertParams(c: BertConfig, numLabels: number): ParamSpec[] {
  const H = c.hidden_size
  const std = c.initializer_range
  const out: ParamSpec[] = []
  const w = (name: string, shape: number[]) => out.push({ name, shape, init: 'normal', std, decay: true })
  const b = (name: string, n: number) => out.push({ name, shape: [n], init: 'zeros', decay: false })
  const ln = (prefix: string) => {
    out.push({ name: `${prefix}.weight`, shape: [H], init: 'ones', decay: false })
    out.push({ name: `${prefix}.bias`, shape: [H], init: 'zeros', decay: false })
  }
  const dense = (prefix: string, o: number, i: number) => {
    w(`${prefix}.weight`, [o, i])
    b(`${prefix}.bias`, o)
  }
  w('bert.embeddings.word_embeddings.weight', [c.vocab_size, H])
  w('bert.embeddings.position_embeddings.weight', [c.max_position_embeddings, H])
  w('bert.embeddings.token_type_embeddings.weight', [c.type_vocab_size, H])
  ln('bert.embeddings.LayerNorm')
  for (let l = 0; l < c.num_hidden_layers; l++) {
    const p = `bert.encoder.layer.${l}`
    dense(`${p}.attention.self.query`, H, H)
    dense(`${p}.attention.self.key`, H, H)
    dense(`${p}.attention.self.value`, H, H)
    dense(`${p}.attention.output.dense`, H, H)
    ln(`${p}.attention.output.LayerNorm`)
    dense(`${p}.intermediate.dense`, c.intermediate_size, H)
    dense(`${p}.output.dense`, H, c.intermediate_size)
    ln(`${p}.output.LayerNorm`)
  }
  dense('classifier', numLabels, H)
  return out
}

/** [B, S] mask of 1/0 → additive bias [B, 1, 1, S]: 0 for tokens, −10000 for padding (as in BERT). */
export function attentionBias(g: Graph, mask: Tensor): Tensor {
  const m = g.cast(g.unsqueeze(mask, [1, 2]), g.floatType)
  return g.mul(g.sub(g.scalar(1), m), g.scalar(-10000))
}

export interface EncoderOptions {
  hidden: number
  heads: number
  eps: number
  hiddenDropout: number
  attentionDropout: number
}

/** One post-LN transformer layer with BERT's parameter names under `prefix`. */
export function encoderLayer(
  g: Graph,
  p: ReadonlyMap<string, Tensor>,
  prefix: string,
  x: Tensor,
  bias: Tensor,
  c: EncoderOptions,
  o: ForwardOptions,
): Tensor {
  const P = (n: string) => {
    const t = p.get(`${prefix}.${n}`)
    if (!t) throw new Error(`Missing parameter ${prefix}.${n}.`)
    return t
  }
  const dh = c.hidden / c.heads
  const heads = (t: Tensor, perm: number[]) => g.transpose(g.reshape(t, [0, 0, c.heads, dh]), perm)
  const dHidden = (t: Tensor) => (o.train ? dropout(g, t, c.hiddenDropout, o.nextSeed()) : t)
  return g.scope(prefix, () => {
    const q = heads(
      linear(g, x, P('attention.self.query.weight'), P('attention.self.query.bias')),
      [0, 2, 1, 3],
    )
    const k = heads(linear(g, x, P('attention.self.key.weight'), P('attention.self.key.bias')), [0, 2, 3, 1])
    const v = heads(
      linear(g, x, P('attention.self.value.weight'), P('attention.self.value.bias')),
      [0, 2, 1, 3],
    )
    const scores = g.add(g.mul(g.matMul(q, k), g.scalar(1 / Math.sqrt(dh))), bias)
    let probs = g.softmax(scores, -1)
    if (o.train) probs = dropout(g, probs, c.attentionDropout, o.nextSeed())
    const ctx = g.reshape(g.transpose(g.matMul(probs, v), [0, 2, 1, 3]), [0, 0, c.hidden])
    const attn = dHidden(linear(g, ctx, P('attention.output.dense.weight'), P('attention.output.dense.bias')))
    const h = layerNorm(
      g,
      g.add(attn, x),
      P('attention.output.LayerNorm.weight'),
      P('attention.output.LayerNorm.bias'),
      c.eps,
    )
    const inter = gelu(g, linear(g, h, P('intermediate.dense.weight'), P('intermediate.dense.bias')))
    const out = dHidden(linear(g, inter, P('output.dense.weight'), P('output.dense.bias')))
    return layerNorm(g, g.add(out, h), P('output.LayerNorm.weight'), P('output.LayerNorm.bias'), c.eps)
  })
}

const FEATURES: FeatureSpec[] = [
  { name: 'input_ids', dtype: 'int64' },
  { name: 'attention_mask', dtype: 'int64' },
]

export function bertTokenClassifier(c: BertConfig, numLabels: number): TokenClassifierArch {
  if (c.hidden_size % c.num_attention_heads !== 0) {
    throw new Error(
      `hidden_size ${c.hidden_size} is not a multiple of num_attention_heads ${c.num_attention_heads}.`,
    )
  }
  const params = bertParams(c, numLabels)
  return {
    kind: 'bert',
    numLabels,
    params,
    features: FEATURES,
    forward(g, p, x, o) {
      const P = (n: string) => p.get(n)!
      const ids = x.get('input_ids')!
      const mask = x.get('attention_mask')!
      const seq = ids.shape[1]!
      const emb = g.scope('bert.embeddings', () => {
        const len = g.gather(g.shapeOf(ids), g.scalar(1, 'int64'))
        const pos = g.range(g.scalar(0, 'int64'), len, g.scalar(1, 'int64'), seq)
        const words = g.gather(P('bert.embeddings.word_embeddings.weight'), ids)
        const positions = g.gather(P('bert.embeddings.position_embeddings.weight'), pos)
        // No token_type_ids input: every token has type 0, as when Hugging Face gets none.
        const type0 = g.gather(P('bert.embeddings.token_type_embeddings.weight'), g.scalar(0, 'int64'))
        const sum = g.add(g.add(words, positions), type0)
        const normed = layerNorm(
          g,
          sum,
          P('bert.embeddings.LayerNorm.weight'),
          P('bert.embeddings.LayerNorm.bias'),
          c.layer_norm_eps,
        )
        return o.train ? dropout(g, normed, c.hidden_dropout_prob, o.nextSeed()) : normed
      })
      const bias = attentionBias(g, mask)
      const enc: EncoderOptions = {
        hidden: c.hidden_size,
        heads: c.num_attention_heads,
        eps: c.layer_norm_eps,
        hiddenDropout: c.hidden_dropout_prob,
        attentionDropout: c.attention_probs_dropout_prob,
      }
      let h = emb
      for (let l = 0; l < c.num_hidden_layers; l++)
        h = encoderLayer(g, p, `bert.encoder.layer.${l}`, h, bias, enc, o)
      if (o.train) h = dropout(g, h, c.hidden_dropout_prob, o.nextSeed())
      return g.scope('classifier', () => linear(g, h, P('classifier.weight'), P('classifier.bias')))
    },
  }
}
