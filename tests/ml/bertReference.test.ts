/**
 * The BERT graph computes what Hugging Face's BertForTokenClassification computes: logits from the
 * inference graph against a plain-JS float64 transcription of modeling_bert's forward pass
 * (embeddings + LayerNorm, post-LN layers, erf GELU, additive mask, classifier).
 */
import { describe, expect, it } from 'vitest'
import { buildInferenceGraph } from '../../src/main/ml/infer/inferGraph'
import { BERT_DEFAULTS, bertTokenClassifier, type BertConfig } from '../../src/main/ml/models/bert'
import { initParams, type Params } from '../../src/main/ml/models/types'
import { createSession, ortTensor } from '../../src/main/ml/ort'
import { Rng } from '../../src/main/ml/rng'

type M = number[][]

function erf(x: number): number {
  if (Math.abs(x) > 4) return Math.sign(x)
  let term = x
  let sum = x
  for (let n = 1; n < 100; n++) {
    term *= (-x * x) / n
    sum += term / (2 * n + 1)
  }
  return (2 / Math.sqrt(Math.PI)) * sum
}

function reference(c: BertConfig, P: Params, ids: number[], mask: number[]): M {
  const H = c.hidden_size
  const get = (n: string) => Array.from(P.get(n)!)
  const row = (n: string, r: number) => get(n).slice(r * H, (r + 1) * H)
  // torch.nn.Linear: y = x Wᵀ + b with W [out, in]
  const linear = (x: M, n: string): M => {
    const W = get(`${n}.weight`)
    const b = get(`${n}.bias`)
    const out = b.length
    const inn = W.length / out
    return x.map((v) => b.map((bo, o) => bo + v.reduce((s, xi, i) => s + xi * W[o * inn + i]!, 0)))
  }
  const ln = (x: M, n: string): M => {
    const g = get(`${n}.weight`)
    const b = get(`${n}.bias`)
    return x.map((v) => {
      const mu = v.reduce((a, b2) => a + b2, 0) / v.length
      const va = v.reduce((a, b2) => a + (b2 - mu) ** 2, 0) / v.length
      return v.map((xi, i) => ((xi - mu) / Math.sqrt(va + c.layer_norm_eps)) * g[i]! + b[i]!)
    })
  }
  const add = (a: M, b: M): M => a.map((v, i) => v.map((x, j) => x + b[i]![j]!))
  let h: M = ids.map((id, t) => {
    const w = row('bert.embeddings.word_embeddings.weight', id)
    const p = row('bert.embeddings.position_embeddings.weight', t)
    const ty = row('bert.embeddings.token_type_embeddings.weight', 0)
    return w.map((x, i) => x + p[i]! + ty[i]!)
  })
  h = ln(h, 'bert.embeddings.LayerNorm')
  const nh = c.num_attention_heads
  const dh = H / nh
  for (let l = 0; l < c.num_hidden_layers; l++) {
    const pre = `bert.encoder.layer.${l}`
    const q = linear(h, `${pre}.attention.self.query`)
    const k = linear(h, `${pre}.attention.self.key`)
    const v = linear(h, `${pre}.attention.self.value`)
    const ctx: M = h.map(() => new Array<number>(H).fill(0))
    for (let head = 0; head < nh; head++) {
      for (let i = 0; i < ids.length; i++) {
        const scores = ids.map((_, j) => {
          let s = 0
          for (let d = 0; d < dh; d++) s += q[i]![head * dh + d]! * k[j]![head * dh + d]!
          return s / Math.sqrt(dh) + (mask[j] ? 0 : -10000)
        })
        const mx = Math.max(...scores)
        const e = scores.map((s) => Math.exp(s - mx))
        const z = e.reduce((a, b) => a + b, 0)
        for (let j = 0; j < ids.length; j++)
          for (let d = 0; d < dh; d++) ctx[i]![head * dh + d]! += (e[j]! / z) * v[j]![head * dh + d]!
      }
    }
    const attn = ln(add(linear(ctx, `${pre}.attention.output.dense`), h), `${pre}.attention.output.LayerNorm`)
    const inter = linear(attn, `${pre}.intermediate.dense`).map((r) =>
      r.map((x) => 0.5 * x * (1 + erf(x / Math.SQRT2))),
    )
    h = ln(add(linear(inter, `${pre}.output.dense`), attn), `${pre}.output.LayerNorm`)
  }
  return linear(h, 'classifier')
}

describe('BERT forward matches a transcription of Hugging Face modeling_bert', () => {
  it('gives the same logits for real tokens', async () => {
    const c: BertConfig = {
      ...BERT_DEFAULTS,
      vocab_size: 30,
      hidden_size: 12,
      num_hidden_layers: 2,
      num_attention_heads: 3,
      intermediate_size: 20,
      max_position_embeddings: 16,
    }
    const arch = bertTokenClassifier(c, 4)
    // Larger than the default 0.02 so every layer matters numerically.
    const params = initParams(
      { ...arch, params: arch.params.map((p) => (p.init === 'normal' ? { ...p, std: 0.5 } : p)) },
      new Rng(8),
    )
    for (const p of arch.params)
      if (p.init !== 'normal') params.get(p.name)!.forEach((x, i, a) => (a[i] = x + 0.1 * Math.sin(i + 1)))
    const ids = [3, 17, 29, 4, 0, 0]
    const mask = [1, 1, 1, 1, 0, 0]
    const { session } = await createSession(buildInferenceGraph(arch, params))
    const out = await session.run({
      input_ids: ortTensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, 6]),
      attention_mask: ortTensor('int64', BigInt64Array.from(mask.map(BigInt)), [1, 6]),
    })
    const got = out.logits!.data as Float32Array
    const want = reference(c, params, ids, mask)
    let maxErr = 0
    let maxAbs = 0
    for (let t = 0; t < 4; t++)
      for (let j = 0; j < 4; j++) {
        maxErr = Math.max(maxErr, Math.abs(got[t * 4 + j]! - want[t]![j]!))
        maxAbs = Math.max(maxAbs, Math.abs(want[t]![j]!))
      }
    expect(maxAbs).toBeGreaterThan(0.1)
    expect(maxErr).toBeLessThan(1e-4 * Math.max(1, maxAbs))
  })
})
