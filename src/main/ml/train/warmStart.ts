/**
 * Warm start for retraining: a new model starts from a previous version's weights instead of random
 * ones. The new vocabularies and label list may differ from the old (more labelled data brings new
 * words, a label may have been added), so rows of embedding tables are matched by vocabulary entry,
 * rows of the classifier by label name, and every other tensor is taken when its shape is unchanged.
 */
import { join } from 'node:path'
import type { Featurizer } from '../data/types'
import { loadModelDescription } from '../infer/modelFiles'
import type { Params, TokenClassifierArch } from '../models/types'
import { readSafetensors } from '../safetensors'

interface VocabularyOwner {
  vocabs: Record<string, string[]>
}

function vocabsOf(f: Featurizer): Record<string, string[]> | null {
  const v = (f as unknown as Partial<VocabularyOwner>).vocabs
  return v && typeof v === 'object' ? v : null
}

/** Copies rows of `from` (rows × width) into `to` where `map[i]` names the old row for new row i. */
function copyRows(to: Float32Array, from: Float32Array, width: number, map: (i: number) => number): number {
  let n = 0
  for (let i = 0; i < to.length / width; i++) {
    const j = map(i)
    if (j < 0 || (j + 1) * width > from.length) continue
    to.set(from.subarray(j * width, (j + 1) * width), i * width)
    n++
  }
  return n
}

export function warmStart(
  params: Params,
  arch: TokenClassifierArch,
  featurizer: Featurizer,
  labels: readonly string[],
  previousDir: string,
): { tensors: number; rows: number } {
  const previous = loadModelDescription(previousDir)
  // A previous model of another architecture (the transformer before the CNN became the default)
  // has tensors of the same names but other widths: rows copied across would be garbage.
  if (previous.architecture.kind !== arch.kind) return { tensors: 0, rows: 0 }
  const old = readSafetensors(join(previousDir, 'best.safetensors')).tensors
  const newVocabs = vocabsOf(featurizer)
  const oldVocabs = vocabsOf(previous.featurizer)
  const oldLabel = new Map(previous.labels.map((l, i) => [l, i]))
  let tensors = 0
  let rows = 0
  for (const spec of arch.params) {
    const prev = old.get(spec.name)
    const target = params.get(spec.name)
    if (!prev || !target || !(prev.data instanceof Float32Array)) continue
    const sameShape =
      prev.shape.length === spec.shape.length && prev.shape.every((d, i) => d === spec.shape[i])
    const feature = /^embeddings\.(.+)\.weight$/.exec(spec.name)?.[1]
    if (feature && newVocabs?.[feature] && oldVocabs?.[feature]) {
      const index = new Map(oldVocabs[feature]!.map((s, i) => [s, i]))
      const vocab = newVocabs[feature]!
      rows += copyRows(target, prev.data, spec.shape[1]!, (i) => index.get(vocab[i]!) ?? -1)
      tensors++
    } else if (spec.name.startsWith('classifier.')) {
      const width = spec.shape.length === 2 ? spec.shape[1]! : 1
      rows += copyRows(target, prev.data, width, (i) => oldLabel.get(labels[i]!) ?? -1)
      tensors++
    } else if (sameShape) {
      target.set(prev.data)
      tensors++
    } else if (spec.shape.length === 2 && prev.shape.length === 2 && prev.shape[1] === spec.shape[1]) {
      // Position tables when maxLen changed: keep the positions both have.
      rows += copyRows(target, prev.data, spec.shape[1]!, (i) => (i < prev.shape[0]! ? i : -1))
      tensors++
    }
  }
  return { tensors, rows }
}
