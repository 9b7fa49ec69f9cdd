/**
 * A deployable model package from a trained model's folder: model.onnx (inputs int64 [batch,
 * sequence], output logits [batch, sequence, labels]), featurizer.json (what turns words into the
 * inputs), tokenizer.json, config.json with id2label/label2id, a README.md model card and
 * predict.mjs / predict.py. With hf (BERT only): model.safetensors + vocab.txt +
 * tokenizer_config.json so that transformers loads it as BertForTokenClassification.
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { UserError } from '../../shared/api/errors'
import type { WordFeaturesJSON } from '../ml/data/wordFeatures'
import { buildInferenceGraph } from '../ml/infer/inferGraph'
import { loadModelDescription } from '../ml/infer/modelFiles'
import { loadParams, saveParams } from '../ml/train/checkpoint'
import { renderCard, type ModelCard } from './card'
import { quantizeInt8 } from './quantize'
import predictMjs from './samples/predict.mjs.txt?raw'
import predictPy from './samples/predict.py.txt?raw'
import { wordLevelTokenizerJson, wordPieceTokenizerJson } from './tokenizerJson'

export interface ExportOptions {
  /** The trained model's folder (model.json, best.safetensors). */
  modelDir: string
  outDir: string
  quantize?: 'int8'
  hf?: boolean
  /** Model-card facts from the project; the architecture, tags and inputs are filled in here. */
  card: Omit<ModelCard, 'architecture' | 'tags' | 'quantized' | 'inputs' | 'maxLen'>
}

export interface ExportResult {
  outDir: string
  files: { name: string; bytes: number }[]
  /** fp32 size of model.onnx, also when the package holds the int8 one. */
  fp32Bytes: number
  onnxBytes: number
  /** Sentences about what the package cannot do (shown by the CLI). */
  warnings: string[]
  /** The model card as written to README.md. */
  card: ModelCard
}

/** Featurizers that predict.mjs and predict.py implement. */
const SAMPLE_FEATURIZERS = ['wordpiece', 'word-features', 'affix-features']

export function exportModelPackage(o: ExportOptions): ExportResult {
  const d = loadModelDescription(o.modelDir)
  const params = loadParams(join(o.modelDir, 'best.safetensors'), d.arch)
  const isBert = d.architecture.kind === 'bert'
  if (o.hf && !isBert)
    throw new UserError(
      'Only BERT models can be exported in Hugging Face layout (--hf); this model was trained from scratch, whose layers transformers has no class for.',
    )
  mkdirSync(o.outDir, { recursive: true })
  const put = (name: string, data: string | Uint8Array) => writeFileSync(join(o.outDir, name), data)
  const fp32 = buildInferenceGraph(d.arch, params)
  const onnx = o.quantize === 'int8' ? quantizeInt8(fp32) : fp32
  put('model.onnx', onnx)
  const inputs = d.arch.features.map((f) => f.name)
  put(
    'featurizer.json',
    JSON.stringify({
      format: 'ner-studio-featurizer',
      version: 1,
      inputs,
      labels: d.labels,
      maxLen: d.maxLen,
      quantization: o.quantize ?? null,
      featurizer: d.featurizer.toJSON(),
    }),
  )
  const id2label = Object.fromEntries(d.labels.map((l, i) => [String(i), l]))
  const label2id = Object.fromEntries(d.labels.map((l, i) => [l, i]))
  if (d.architecture.kind === 'bert') {
    const fz = d.featurizer.toJSON() as { vocab: string[]; lowercase: boolean }
    put('tokenizer.json', JSON.stringify(wordPieceTokenizerJson(fz.vocab, fz.lowercase, d.maxLen)))
    put(
      'config.json',
      JSON.stringify(
        {
          architectures: ['BertForTokenClassification'],
          model_type: 'bert',
          ...d.architecture.config,
          hidden_act: 'gelu',
          position_embedding_type: 'absolute',
          pad_token_id: 0,
          torch_dtype: 'float32',
          id2label,
          label2id,
        },
        null,
        2,
      ),
    )
    if (o.hf) {
      saveParams(join(o.outDir, 'model.safetensors'), d.arch, params, { format: 'pt' })
      put('vocab.txt', fz.vocab.join('\n') + '\n')
      put(
        'tokenizer_config.json',
        JSON.stringify(
          { tokenizer_class: 'BertTokenizer', do_lower_case: fz.lowercase, model_max_length: d.maxLen },
          null,
          2,
        ),
      )
    }
  } else {
    const fz = d.featurizer.toJSON() as WordFeaturesJSON
    put('tokenizer.json', JSON.stringify(wordLevelTokenizerJson(fz.vocabs.word_ids ?? [])))
    put(
      'config.json',
      JSON.stringify(
        {
          model_type: 'ner-studio-scratch',
          ...d.architecture.config,
          inputs,
          max_length: d.maxLen,
          id2label,
          label2id,
        },
        null,
        2,
      ),
    )
  }
  const architecture =
    d.architecture.kind === 'bert'
      ? `BERT (${d.architecture.config.num_hidden_layers} layers, hidden ${d.architecture.config.hidden_size}), fine-tuned`
      : d.architecture.kind === 'cnn'
        ? `NER Studio from-scratch dilated CNN (${d.architecture.config.dilations.length} layers, hidden ${d.architecture.config.hidden}) over word, shape, affix and bigram features`
        : `NER Studio from-scratch transformer (${d.architecture.config.layers} layers, hidden ${d.architecture.config.hidden}) over word, shape and affix features`
  const card: ModelCard = {
    ...o.card,
    architecture,
    tags: d.labels,
    quantized: o.quantize === 'int8',
    inputs,
    maxLen: d.maxLen,
  }
  put('README.md', renderCard(card))
  put('predict.mjs', predictMjs)
  put('predict.py', predictPy)
  const names = [
    'model.onnx',
    'featurizer.json',
    'tokenizer.json',
    'config.json',
    'README.md',
    'predict.mjs',
    'predict.py',
  ]
  if (o.hf) names.push('model.safetensors', 'vocab.txt', 'tokenizer_config.json')
  const warnings = SAMPLE_FEATURIZERS.includes(d.featurizer.kind)
    ? []
    : [
        `This model's featurizer (${d.featurizer.kind}) is not implemented in predict.mjs and predict.py yet; run the package with ner-studio predict --model ${o.outDir}.`,
      ]
  return {
    card,
    warnings,
    outDir: o.outDir,
    files: names.map((name) => ({ name, bytes: statSync(join(o.outDir, name)).size })),
    fp32Bytes: fp32.length,
    onnxBytes: onnx.length,
  }
}
