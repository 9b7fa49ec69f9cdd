/**
 * The ML engine's public surface for the rest of the core (trainer process, CLI, suggestions):
 * training, tagging, data preparation and metrics. Everything else under ml/ is internal.
 */
export { trainTokenClassifier } from './train/train'
export type {
  ArchitectureOptions,
  EpochEvent,
  ProgressEvent,
  TrainCallbacks,
  TrainOptions,
  TrainResult,
} from './train/train'
export { Tagger, predict } from './infer/tagger'
export type { TaggedWords, TextSpan } from './infer/tagger'
export type { WordSpan } from './infer/decode'
export { loadModelDescription } from './infer/modelFiles'
export { segmentWords } from './data/segment'
export type { TaggedSentence } from './data/types'
export { entityMetrics, chunks } from './metrics'
export type { EntityMetrics, Prf } from './metrics'
export { BERT_DEFAULTS } from './models/bert'
export { loadHfBert } from './models/hfBert'
export type { BertConfig } from './models/bert'
export { SCRATCH_DEFAULTS } from './models/scratch'
export type { ScratchConfig } from './models/scratch'
export { createSession } from './ort'
export type { Device } from './ort'
export { readSafetensors, writeSafetensors } from './safetensors'
