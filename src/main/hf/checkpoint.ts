/**
 * Importing a pretrained checkpoint in Hugging Face layout (config.json, model.safetensors,
 * tokenizer.json or vocab.txt, tokenizer_config.json). Everything is checked against the BERT our
 * engine builds before training starts, and every refusal names the file and what is wrong: another
 * model_type, a missing or mis-shaped tensor, a corrupt safetensors header, or pytorch_model.bin
 * only. The classifier head is never imported for fine-tuning: it is sized to the project's labels.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { UserError } from '../../shared/api/errors'
import { BERT_DEFAULTS, bertParams, type BertConfig } from '../ml/models/bert'
import type { Params } from '../ml/models/types'
import { readFloatTensors } from './safetensorsFile'

export interface HfCheckpoint {
  dir: string
  config: BertConfig
  vocab: string[]
  lowercase: boolean
  /** Encoder weights under our (= BertForTokenClassification) names. */
  encoder: Params
  encoderShapes: Map<string, number[]>
  /** The checkpoint's own classifier and labels, when it is a token classifier. */
  classifier: { weight: Float32Array; bias: Float32Array; labels: string[] } | null
}

const CONVERT_HINT =
  'convert it with Python: `from transformers import AutoModel; AutoModel.from_pretrained(DIR).save_pretrained(DIR, safe_serialization=True)`, or download the model.safetensors that most Hub models also publish'

function readJson(path: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
  } catch (e) {
    throw new UserError(`${path} is not valid JSON (${e instanceof Error ? e.message : String(e)}).`)
  }
}

export function readBertConfig(dir: string): { config: BertConfig; raw: Record<string, unknown> } {
  const path = join(dir, 'config.json')
  if (!existsSync(path))
    throw new UserError(
      `${dir} has no config.json; a checkpoint folder needs the Hugging Face files config.json, model.safetensors and vocab.txt or tokenizer.json.`,
    )
  const raw = readJson(path)
  const type = raw.model_type
  if (type !== 'bert') {
    throw new UserError(
      `${path} has model_type "${String(type)}"; NER Studio can fine-tune BERT checkpoints (model_type "bert") only.`,
    )
  }
  const pe = raw.position_embedding_type ?? 'absolute'
  if (pe !== 'absolute')
    throw new UserError(`${path} has position_embedding_type "${String(pe)}"; only "absolute" is supported.`)
  const act = raw.hidden_act ?? 'gelu'
  if (act !== 'gelu')
    throw new UserError(`${path} has hidden_act "${String(act)}"; only "gelu" is supported.`)
  const int = (k: keyof BertConfig, fallback?: number): number => {
    const v = raw[k] ?? fallback
    if (typeof v !== 'number' || !(v >= 0))
      throw new UserError(`${path}: field ${k} is missing or not a number.`)
    return v
  }
  const config: BertConfig = {
    vocab_size: int('vocab_size'),
    hidden_size: int('hidden_size'),
    num_hidden_layers: int('num_hidden_layers'),
    num_attention_heads: int('num_attention_heads'),
    intermediate_size: int('intermediate_size'),
    max_position_embeddings: int('max_position_embeddings', BERT_DEFAULTS.max_position_embeddings),
    type_vocab_size: int('type_vocab_size', BERT_DEFAULTS.type_vocab_size),
    layer_norm_eps: int('layer_norm_eps', BERT_DEFAULTS.layer_norm_eps),
    hidden_dropout_prob: int('hidden_dropout_prob', BERT_DEFAULTS.hidden_dropout_prob),
    attention_probs_dropout_prob: int(
      'attention_probs_dropout_prob',
      BERT_DEFAULTS.attention_probs_dropout_prob,
    ),
    initializer_range: int('initializer_range', BERT_DEFAULTS.initializer_range),
  }
  if (config.hidden_size % config.num_attention_heads !== 0)
    throw new UserError(
      `${path}: hidden_size ${config.hidden_size} is not a multiple of num_attention_heads ${config.num_attention_heads}.`,
    )
  return { config, raw }
}

/** WordPiece vocabulary and casing from tokenizer.json, else vocab.txt (+ tokenizer_config.json). */
export function readVocab(dir: string): { vocab: string[]; lowercase: boolean } {
  const tc = join(dir, 'tokenizer_config.json')
  const tcLower = existsSync(tc) ? (readJson(tc).do_lower_case as boolean | undefined) : undefined
  const tj = join(dir, 'tokenizer.json')
  if (existsSync(tj)) {
    const j = readJson(tj) as {
      model?: { type?: string; vocab?: Record<string, number> }
      normalizer?: { type?: string; lowercase?: boolean } | null
    }
    if (j.model?.type !== 'WordPiece' || !j.model.vocab)
      throw new UserError(
        `${tj} holds a ${String(j.model?.type)} tokenizer; BERT checkpoints need a WordPiece one.`,
      )
    const vocab: string[] = []
    for (const [tok, id] of Object.entries(j.model.vocab)) vocab[id] = tok
    const lowercase = tcLower ?? j.normalizer?.lowercase ?? false
    return { vocab: Array.from(vocab, (t, i) => t ?? `[unused-${i}]`), lowercase }
  }
  const vt = join(dir, 'vocab.txt')
  if (!existsSync(vt))
    throw new UserError(
      `${dir} has neither tokenizer.json nor vocab.txt; the checkpoint's tokenizer is needed.`,
    )
  const vocab = readFileSync(vt, 'utf8').split(/\r?\n/)
  if (vocab[vocab.length - 1] === '') vocab.pop()
  // BERT tokenizers lowercase unless told otherwise; cased models say do_lower_case: false.
  return { vocab, lowercase: tcLower ?? true }
}

/** Maps a checkpoint tensor name to ours: BertModel names lack "bert.", old ones say gamma/beta. */
export function normalizeName(name: string): string | null {
  if (name.startsWith('cls.') || name.includes('pooler.') || name.endsWith('position_ids')) return null
  let n = name.replace(/\.gamma$/, '.weight').replace(/\.beta$/, '.bias')
  if (n.startsWith('embeddings.') || n.startsWith('encoder.')) n = `bert.${n}`
  return n
}

export function weightsPath(dir: string): string {
  const st = join(dir, 'model.safetensors')
  if (existsSync(st)) return st
  if (existsSync(join(dir, 'model.safetensors.index.json')))
    throw new UserError(
      `${dir} holds a sharded checkpoint (model.safetensors.index.json); save it as one model.safetensors file.`,
    )
  if (existsSync(join(dir, 'pytorch_model.bin')))
    throw new UserError(
      `${dir} has only pytorch_model.bin, which NER Studio cannot read safely; ${CONVERT_HINT}.`,
    )
  throw new UserError(`${dir} has no model.safetensors.`)
}

export function loadHfCheckpoint(dir: string): HfCheckpoint {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new UserError(`The checkpoint folder ${dir} does not exist.`)
  const { config, raw } = readBertConfig(dir)
  const { vocab, lowercase } = readVocab(dir)
  if (vocab.length > config.vocab_size)
    throw new UserError(
      `The tokenizer of ${dir} has ${vocab.length} tokens but config.json vocab_size is ${config.vocab_size}.`,
    )
  // Some checkpoints pad the embedding matrix beyond the vocabulary; the extra ids are never produced.
  while (vocab.length < config.vocab_size) vocab.push(`[unused-${vocab.length}]`)
  const path = weightsPath(dir)
  const { tensors } = readFloatTensors(path)
  const byName = new Map<string, { shape: number[]; data: Float32Array }>()
  for (const [name, t] of tensors) {
    const n = normalizeName(name)
    if (n) byName.set(n, t)
  }
  const encoder: Params = new Map()
  const encoderShapes = new Map<string, number[]>()
  for (const spec of bertParams(config, 1)) {
    if (spec.name.startsWith('classifier.')) continue
    const t = byName.get(spec.name)
    if (!t)
      throw new UserError(
        `${path} has no tensor ${spec.name}, which config.json's BERT (${config.num_hidden_layers} layers, hidden ${config.hidden_size}) needs.`,
      )
    if (t.shape.join(',') !== spec.shape.join(','))
      throw new UserError(
        `${path}: tensor ${spec.name} has shape [${t.shape.join(', ')}] but config.json implies [${spec.shape.join(', ')}].`,
      )
    encoder.set(spec.name, t.data)
    encoderShapes.set(spec.name, spec.shape)
  }
  const w = byName.get('classifier.weight')
  const b = byName.get('classifier.bias')
  let classifier: HfCheckpoint['classifier'] = null
  const id2label = raw.id2label as Record<string, string> | undefined
  if (w && b && w.shape.length === 2 && w.shape[1] === config.hidden_size && b.shape[0] === w.shape[0]) {
    const n = w.shape[0]!
    const labels = Array.from({ length: n }, (_, i) => id2label?.[String(i)] ?? `LABEL_${i}`)
    classifier = { weight: w.data, bias: b.data, labels }
  }
  return { dir, config, vocab, lowercase, encoder, encoderShapes, classifier }
}
