/**
 * model.json: what is needed besides the weights to rebuild a trained model (architecture and
 * config, labels, featurizer vocabularies, maxLen).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Featurizer } from '../data/types'
import { WordPieceFeaturizer } from '../data/wordpiece'
import { WordFeaturizer, type WordFeaturesJSON } from '../data/wordFeatures'
import { AffixFeaturizer, type AffixFeaturesJSON } from '../data/affixFeatures'
import { cnnTokenClassifier, type CnnTaggerConfig } from '../models/cnnTagger'
import { bertTokenClassifier, type BertConfig } from '../models/bert'
import { scratchTokenClassifier, type ScratchConfig } from '../models/scratch'
import type { TokenClassifierArch } from '../models/types'

export type ArchDescription =
  | { kind: 'bert'; config: BertConfig }
  | { kind: 'scratch'; config: ScratchConfig }
  | { kind: 'cnn'; config: CnnTaggerConfig }

export interface ModelDescriptionJSON {
  format: 'ner-studio-model'
  version: 1
  architecture: ArchDescription
  labels: string[]
  maxLen: number
  featurizer: object
}

export function archFromDescription(a: ArchDescription, numLabels: number): TokenClassifierArch {
  if (a.kind === 'bert') return bertTokenClassifier(a.config, numLabels)
  if (a.kind === 'cnn') return cnnTokenClassifier(a.config, numLabels)
  return scratchTokenClassifier(a.config, numLabels)
}

export function featurizerFromJSON(j: object, where: string): Featurizer {
  const k = (j as { kind?: string }).kind
  if (k === 'affix-features') return AffixFeaturizer.fromJSON(j as AffixFeaturesJSON)
  if (k === 'word-features') return WordFeaturizer.fromJSON(j as WordFeaturesJSON)
  if (k === 'wordpiece') {
    const w = j as { vocab: string[]; lowercase: boolean }
    return new WordPieceFeaturizer({ vocab: w.vocab, lowercase: w.lowercase })
  }
  throw new Error(`${where}: unknown featurizer kind ${String(k)}.`)
}

export function loadModelDescription(dir: string) {
  const path = join(dir, 'model.json')
  const j = JSON.parse(readFileSync(path, 'utf8')) as ModelDescriptionJSON
  if (j.format !== 'ner-studio-model') throw new Error(`${path} is not a NER Studio model description.`)
  return {
    arch: archFromDescription(j.architecture, j.labels.length),
    architecture: j.architecture,
    labels: j.labels,
    maxLen: j.maxLen,
    featurizer: featurizerFromJSON(j.featurizer, path),
  }
}
