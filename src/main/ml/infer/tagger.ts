/**
 * Tagging with a trained model: features → ONNX inference session → per-word softmax over the
 * first piece of each word → BIO-constrained Viterbi → spans with confidences. Works on word
 * lists, or on raw text through the shared tokenizer (spans then carry UTF-16 offsets).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { tokenize } from '../../../shared/text/tokenize'
import { segmentWords } from '../data/segment'
import { encodeSentence, type Featurizer } from '../data/types'
import type { Params, TokenClassifierArch } from '../models/types'
import { createSession, ortTensor, type Device, type ort } from '../ort'
import { softmaxRows, spansFromTags, viterbiBio, type WordSpan } from './decode'
import { buildInferenceGraph } from './inferGraph'
import { loadModelDescription } from './modelFiles'

export interface TaggedWords {
  /** Tag names, one per word. */
  tags: string[]
  spans: WordSpan[]
  /** Per-word label probabilities [words × labels]. */
  probs: Float64Array
}

export interface TextSpan {
  start: number
  end: number
  label: string
  confidence: number
}

export class Tagger {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly featurizer: Featurizer,
    readonly labels: readonly string[],
    readonly maxLen: number,
  ) {}

  static async fromParams(
    arch: TokenClassifierArch,
    params: Params,
    featurizer: Featurizer,
    labels: readonly string[],
    maxLen: number,
    device: Device = 'cpu',
  ): Promise<Tagger> {
    const { session } = await createSession(buildInferenceGraph(arch, params), device)
    return new Tagger(session, featurizer, labels, maxLen)
  }

  /** Loads model.onnx + model.json written by trainTokenClassifier. */
  static async fromDir(dir: string, device: Device = 'cpu'): Promise<Tagger> {
    const d = loadModelDescription(dir)
    const { session } = await createSession(readFileSync(join(dir, 'model.onnx')), device)
    return new Tagger(session, d.featurizer, d.labels, d.maxLen)
  }

  /**
   * Tags word lists. A sentence longer than maxLen pieces is cut into pieces that fit (preferably
   * after sentence-final punctuation), tagged piece by piece and joined again.
   */
  async tagSentences(sentences: readonly (readonly string[])[], batchSize = 32): Promise<TaggedWords[]> {
    const pieces: { sentence: number; words: readonly string[] }[] = []
    sentences.forEach((words, i) => {
      for (const [a, b] of this.fit(words)) pieces.push({ sentence: i, words: words.slice(a, b) })
    })
    const tagged = await this.tagPieces(
      pieces.map((p) => p.words),
      batchSize,
    )
    const n = this.labels.length
    return sentences.map((words, i) => {
      const parts = tagged.filter((_, k) => pieces[k]!.sentence === i)
      const probs = new Float64Array(words.length * n)
      const tagIds: number[] = []
      let at = 0
      for (const p of parts) {
        probs.set(p.probs, at * n)
        for (const t of p.tags) tagIds.push(this.labels.indexOf(t))
        at += p.tags.length
      }
      return {
        tags: tagIds.map((t) => this.labels[t]!),
        spans: spansFromTags(tagIds, probs, this.labels),
        probs,
      }
    })
  }

  /** Word ranges whose encodings fit in maxLen. */
  private fit(words: readonly string[], offset = 0): [number, number][] {
    if (words.length <= 1) return [[offset, offset + words.length]]
    const len = this.featurizer.encodeWords(words).features.attention_mask!.length
    if (len <= this.maxLen) return [[offset, offset + words.length]]
    const halves = segmentWords(words, Math.ceil(words.length / 2))
    return halves.flatMap(([a, b]) => this.fit(words.slice(a, b), offset + a))
  }

  private async tagPieces(
    sentences: readonly (readonly string[])[],
    batchSize: number,
  ): Promise<TaggedWords[]> {
    const n = this.labels.length
    const outside = Math.max(0, this.labels.indexOf('O'))
    const enc = sentences.map((w) => encodeSentence(this.featurizer, w, null, this.maxLen))
    const order = enc.map((_, i) => i).sort((a, b) => enc[a]!.length - enc[b]!.length)
    const results: TaggedWords[] = new Array(sentences.length)
    for (let i = 0; i < order.length; i += batchSize) {
      const ids = order.slice(i, i + batchSize)
      const S = Math.max(1, ...ids.map((j) => enc[j]!.length))
      const feeds: Record<string, ort.Tensor> = {}
      for (const f of this.featurizer.featureNames) {
        const w = this.featurizer.widths?.[f]
        const a = new BigInt64Array(ids.length * S * (w ?? 1))
        ids.forEach((j, b) => enc[j]!.features[f]!.forEach((v, t) => (a[b * S * (w ?? 1) + t] = BigInt(v))))
        feeds[f] = ortTensor('int64', a, w === undefined ? [ids.length, S] : [ids.length, S, w])
      }
      const out = await this.session.run(feeds)
      const logits = out.logits!.data as Float32Array
      ids.forEach((j, b) => {
        const e = enc[j]!
        const words = e.wordStart.length
        const rows = new Float32Array(words * n)
        e.wordStart.forEach((s, w) => {
          if (s >= 0) rows.set(logits.subarray((b * S + s) * n, (b * S + s + 1) * n), w * n)
          else rows[w * n + outside] = 50 // cut off by maxLen: predicted O
        })
        const probs = softmaxRows(rows, words, n)
        const tags = viterbiBio(probs, words, this.labels)
        results[j] = {
          tags: tags.map((t) => this.labels[t]!),
          spans: spansFromTags(tags, probs, this.labels),
          probs,
        }
      })
    }
    return results
  }

  /** Tags raw text; span offsets are UTF-16 code units, end-exclusive. */
  async tagText(texts: readonly string[]): Promise<TextSpan[][]> {
    const toks = texts.map((t) => tokenize(t))
    const tagged = await this.tagSentences(
      toks.map((ts, i) => ts.map((t) => texts[i]!.slice(t.start, t.end))),
    )
    return tagged.map((r, i) =>
      r.spans.map((s) => ({
        start: toks[i]![s.start]!.start,
        end: toks[i]![s.end - 1]!.end,
        label: s.label,
        confidence: s.confidence,
      })),
    )
  }

  async release(): Promise<void> {
    await this.session.release()
  }
}

/** One-shot tagging of raw texts with the model saved in `modelDir` (offsets in UTF-16 units). */
export async function predict(
  modelDir: string,
  texts: readonly string[],
  device: Device = 'cpu',
): Promise<TextSpan[][]> {
  const tagger = await Tagger.fromDir(modelDir, device)
  try {
    return await tagger.tagText(texts)
  } finally {
    await tagger.release()
  }
}
