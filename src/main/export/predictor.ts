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
}

export class PackagePredictor {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly featurizer: Featurizer,
    readonly labels: string[],
    readonly maxLen: number,
  ) {}

  /** An exported package (featurizer.json) or a trained model's folder (model.json). */
  static async load(dir: string): Promise<PackagePredictor> {
    const onnxPath = join(dir, 'model.onnx')
    if (!existsSync(onnxPath)) throw new UserError(`${dir} has no model.onnx; export a model there first.`)
    let featurizer: Featurizer
    let labels: string[]
    let maxLen: number
    const fj = join(dir, 'featurizer.json')
    if (existsSync(fj)) {
      const f = JSON.parse(readFileSync(fj, 'utf8')) as FeaturizerFile
      featurizer = featurizerFromJSON(f.featurizer, fj)
      labels = f.labels
      maxLen = f.maxLen
    } else if (existsSync(join(dir, 'model.json'))) {
      const d = loadModelDescription(dir)
      featurizer = d.featurizer
      labels = d.labels
      maxLen = d.maxLen
    } else throw new UserError(`${dir} has neither featurizer.json nor model.json.`)
    const { session } = await createSession(readFileSync(onnxPath))
    return new PackagePredictor(session, featurizer, labels, maxLen)
  }

  /** Pieces a window may hold besides its framing ([CLS] and [SEP] for WordPiece). */
  private get budget(): number {
    return this.maxLen - (this.featurizer.kind === 'wordpiece' ? 2 : 0)
  }

  async predict(text: string): Promise<PredictedSpan[]> {
    const tokens = tokenize(text)
    const words = tokens.map((t) => text.slice(t.start, t.end))
    const n = this.labels.length
    if (words.length === 0) return []
    const counts = words.map((w) => {
      const e = this.featurizer.encodeWords([w])
      return e.features.attention_mask!.length - (this.featurizer.kind === 'wordpiece' ? 2 : 0)
    })
    const windows = planWindows(counts, this.budget)
    const owner = assignWords(windows, words.length)
    const rows = new Float32Array(words.length * n)
    for (let k = 0; k < windows.length; k++) {
      const w = windows[k]!
      const enc = this.featurizer.encodeWords(words.slice(w.start, w.end))
      const S = Math.min(enc.features.attention_mask!.length, this.maxLen)
      const feeds: Record<string, ort.Tensor> = {}
      for (const f of this.featurizer.featureNames)
        feeds[f] = ortTensor('int64', BigInt64Array.from(enc.features[f]!.slice(0, S), BigInt), [1, S])
      const logits = (await this.session.run(feeds)).logits!.data as Float32Array
      for (let i = w.start; i < w.end; i++) {
        if (owner[i] !== k) continue
        const p = Math.min(enc.wordStart[i - w.start]!, S - 1)
        rows.set(logits.subarray(p * n, (p + 1) * n), i * n)
      }
    }
    const probs = softmaxRows(rows, words.length, n)
    const tags = viterbiBio(probs, words.length, this.labels)
    const cp = codePointIndex(text)
    return spansFromTags(tags, probs, this.labels).map((s) => ({
      start: cp(tokens[s.start]!.start),
      end: cp(tokens[s.end - 1]!.end),
      label: s.label,
      score: s.confidence,
    }))
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
