/**
 * Reads a Hugging Face BERT model folder (config.json, vocab.txt, model.safetensors, optionally
 * tokenizer_config.json) into training options, so a downloaded checkpoint can be fine-tuned
 * without any network access at run time.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { UserError } from '../../../shared/api/errors'
import type { ArchitectureOptions } from '../train/train'
import { BERT_DEFAULTS, type BertConfig } from './bert'

function readJson(path: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
  } catch (err) {
    throw new UserError(
      `${path} could not be read as JSON (${err instanceof Error ? err.message : String(err)}).`,
    )
  }
}

export function loadHfBert(dir: string): Extract<ArchitectureOptions, { kind: 'bert' }> {
  const configPath = join(dir, 'config.json')
  const vocabPath = join(dir, 'vocab.txt')
  const weightsPath = join(dir, 'model.safetensors')
  for (const p of [configPath, vocabPath])
    if (!existsSync(p))
      throw new UserError(`${p} is missing; a BERT model folder needs config.json and vocab.txt.`)
  const raw = readJson(configPath)
  if (raw.model_type !== undefined && raw.model_type !== 'bert') {
    throw new UserError(
      `${configPath}: model_type is "${String(raw.model_type)}", but only BERT models can be fine-tuned.`,
    )
  }
  if (raw.hidden_act !== undefined && raw.hidden_act !== 'gelu') {
    throw new UserError(`${configPath}: hidden_act "${String(raw.hidden_act)}" is not supported (only gelu).`)
  }
  if (raw.position_embedding_type !== undefined && raw.position_embedding_type !== 'absolute') {
    throw new UserError(
      `${configPath}: position_embedding_type "${String(raw.position_embedding_type)}" is not supported.`,
    )
  }
  const num = (field: keyof BertConfig, required: boolean): number => {
    const v = raw[field]
    if (v === undefined && !required) return BERT_DEFAULTS[field as keyof typeof BERT_DEFAULTS]
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new UserError(`${configPath}: field ${field} must be a number.`)
    return v
  }
  const config: BertConfig = {
    vocab_size: num('vocab_size', true),
    hidden_size: num('hidden_size', true),
    num_hidden_layers: num('num_hidden_layers', true),
    num_attention_heads: num('num_attention_heads', true),
    intermediate_size: num('intermediate_size', true),
    max_position_embeddings: num('max_position_embeddings', false),
    type_vocab_size: num('type_vocab_size', false),
    layer_norm_eps: num('layer_norm_eps', false),
    hidden_dropout_prob: num('hidden_dropout_prob', false),
    attention_probs_dropout_prob: num('attention_probs_dropout_prob', false),
    initializer_range: num('initializer_range', false),
  }
  const vocab = readFileSync(vocabPath, 'utf8')
    .replace(/\r?\n$/, '')
    .split(/\r?\n/)
  const tokConfigPath = join(dir, 'tokenizer_config.json')
  const tok = existsSync(tokConfigPath) ? readJson(tokConfigPath) : {}
  // BERT's own default is lowercasing (uncased models); cased models say do_lower_case: false.
  const lowercase = typeof tok.do_lower_case === 'boolean' ? tok.do_lower_case : true
  return {
    kind: 'bert',
    config,
    vocab,
    lowercase,
    ...(existsSync(weightsPath) ? { initFrom: weightsPath } : {}),
  }
}
