/**
 * Running an exported model package (or a model version's folder) on raw text: the shared
 * tokenizer, the package's featurizer, sliding windows instead of truncation, BIO-constrained
 * Viterbi over the whole text, and spans with code-point offsets and a score. This is what
 * `ner-studio predict` runs, and what predict.mjs reimplements without NER Studio.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { UserError } from '../../shared/api/errors'
import { tokenize } from '../../shared/text/tokenize'
import type { Featurizer } from '../ml/data/types'
import { softmaxRows, spansFromTags, viterbiBio } from '../ml/infer/decode'
import { featurizerFromJSON, loadModelDescription } from '../ml/infer/modelFiles'
import { createSession, ortTensor, type ort } from '../ml/ort'
import { assignWords, planWindows } from './windows'

export interface PredictedSpan {
  /** Code-point offsets, end-exclusive. */
  start: number
  end: number
  label: string
  score: number
}

export interface FeaturizerFile {
  featurizer: object
  labels: string[]
  maxLen: number
  quantization?: 'int8' | null
}

export class PackagePredictor {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly featurizer: Featurizer,
    readonly labels: string[],
    readonly maxLen: number,
    /**
     * int8 graphs quantize activations per batch (DynamicQuantizeLinear takes one scale for the
     * whole tensor), so their windows run one at a time: a text's spans must not depend on which
     * other texts share its batch.
     */
    private readonly quantized: boolean,
  ) {}

  /** An exported package (featurizer.json) or a trained model's folder (model.json). */
  static async load(dir: string): Promise<PackagePredictor> {
    const onnxPath = join(dir, 'model.onnx')
    if (!existsSync(onnxPath)) throw new UserError(`${dir} has no model.onnx; export a model there first.`)
    let featurizer: Featurizer
    let labels: string[]
    let maxLen: number
    let quantized = false
    const fj = join(dir, 'featurizer.json')
    if (existsSync(fj)) {
      const f = JSON.parse(readFileSync(fj, 'utf8')) as FeaturizerFile
      featurizer = featurizerFromJSON(f.featurizer, fj)
      labels = f.labels
      maxLen = f.maxLen
      quantized = f.quantization === 'int8'
    } else if (existsSync(join(dir, 'model.json'))) {
      const d = loadModelDescription(dir)
      featurizer = d.featurizer
      labels = d.labels
      maxLen = d.maxLen
    } else throw new UserError(`${dir} has neither featurizer.json nor model.json.`)
    const { session } = await createSession(readFileSync(onnxPath))
    return new PackagePredictor(session, featurizer, labels, maxLen, quantized)
  }

  /** Pieces a window may hold besides its framing ([CLS] and [SEP] for WordPiece). */
  private get budget(): number {
    return this.maxLen - (this.featurizer.kind === 'wordpiece' ? 2 : 0)
  }

  async predict(text: string): Promise<PredictedSpan[]> {
    return (await this.predictMany([text]))[0]!
  }

  /**
   * Tags many texts: their windows are sorted by length and run in batches (padding is masked, as
   * in the app's Tagger), then each text is decoded on its own.
   */
  async predictMany(texts: readonly string[], batchSize = 16): Promise<PredictedSpan[][]> {
    const tokens = texts.map((t) => tokenize(t))
    const tagged = await this.tagWords(
      tokens.map((ts, i) => ts.map((t) => texts[i]!.slice(t.start, t.end))),
      batchSize,
    )
    return tagged.map(({ tags, probs }, i) => {
      const cp = codePointIndex(texts[i]!)
      return spansFromTags(tags, probs, this.labels).map((s) => ({
        start: cp(tokens[i]![s.start]!.start),
        end: cp(tokens[i]![s.end - 1]!.end),
        label: s.label,
        score: s.confidence,
      }))
    })
  }

  /** Tag ids and per-word label probabilities of word lists (sentences or whole texts). */
  async tagWords(
    wordLists: readonly (readonly string[])[],
    batchSize = 16,
  ): Promise<{ tags: number[]; probs: Float64Array }[]> {
    const n = this.labels.length
    if (this.quantized) batchSize = 1
    const framing = this.featurizer.kind === 'wordpiece' ? 2 : 0
    const jobs = wordLists.map((words) => {
      const counts = words.map(
        (w) => this.featurizer.encodeWords([w]).features.attention_mask!.length - framing,
      )
      const windows = words.length > 0 ? planWindows(counts, this.budget) : []
      return {
        words,
        windows,
        owner: assignWords(windows, words.length),
        rows: new Float32Array(words.length * n),
      }
    })
    const items = jobs.flatMap((job, j) =>
      job.windows.map((w, k) => {
        const enc = this.featurizer.encodeWords(job.words.slice(w.start, w.end))
        return { j, k, enc, S: Math.min(enc.features.attention_mask!.length, this.maxLen) }
      }),
    )
    items.sort((a, b) => a.S - b.S)
    for (let b = 0; b < items.length; b += batchSize) {
      const batch = items.slice(b, b + batchSize)
      const S = Math.max(...batch.map((x) => x.S))
      const feeds: Record<string, ort.Tensor> = {}
      for (const f of this.featurizer.featureNames) {
        const a = new BigInt64Array(batch.length * S)
        batch.forEach((x, r) =>
          x.enc.features[f]!.slice(0, x.S).forEach((v, t) => (a[r * S + t] = BigInt(v))),
        )
        feeds[f] = ortTensor('int64', a, [batch.length, S])
      }
      const logits = (await this.session.run(feeds)).logits!.data as Float32Array
      batch.forEach((x, r) => {
        const job = jobs[x.j]!
        const w = job.windows[x.k]!
        for (let i = w.start; i < w.end; i++) {
          if (job.owner[i] !== x.k) continue
          const p = r * S + Math.min(x.enc.wordStart[i - w.start]!, x.S - 1)
          job.rows.set(logits.subarray(p * n, (p + 1) * n), i * n)
        }
      })
    }
    return jobs.map((job) => {
      const probs = softmaxRows(job.rows, job.words.length, n)
      return { tags: viterbiBio(probs, job.words.length, this.labels), probs }
    })
  }

  async release(): Promise<void> {
    await this.session.release()
  }
}

/** UTF-16 offset → code-point offset, in one pass over the text. */
export function codePointIndex(text: string): (utf16: number) => number {
  const map = new Int32Array(text.length + 1)
  let cp = 0
  for (let i = 0; i < text.length; i++) {
    map[i] = cp
    const c = text.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1)
      if (d >= 0xdc00 && d <= 0xdfff) map[++i] = cp
    }
    cp++
  }
  map[text.length] = cp
  return (u) => map[u]!
}
