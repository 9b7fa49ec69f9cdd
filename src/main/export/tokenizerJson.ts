/**
 * tokenizer.json in the Hugging Face `tokenizers` format, so the package also loads with
 * tokenizers / transformers / transformers.js: BERT's WordPiece pipeline for BERT models, and a
 * WordLevel tokenizer over the word vocabulary for from-scratch models (whose other features,
 * shape and affixes, come from featurizer.json).
 */
const added = (id: number, content: string) => ({
  id,
  content,
  single_word: false,
  lstrip: false,
  rstrip: false,
  normalized: false,
  special: true,
})

export function wordPieceTokenizerJson(vocab: readonly string[], lowercase: boolean, maxLen: number): object {
  const id = (t: string) => vocab.indexOf(t)
  const specials = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'].filter((t) => id(t) >= 0)
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: specials.map((t) => added(id(t), t)),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: Object.fromEntries(
        ['[CLS]', '[SEP]'].map((t) => [t, { id: t, ids: [id(t)], tokens: [t] }]),
      ),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((t, i) => [t, i])),
    },
    model_max_length: maxLen,
  }
}

export function wordLevelTokenizerJson(words: readonly string[]): object {
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [added(0, '<pad>'), added(1, '<unk>')],
    normalizer: { type: 'Lowercase' },
    pre_tokenizer: { type: 'WhitespaceSplit' },
    post_processor: null,
    decoder: null,
    model: { type: 'WordLevel', unk_token: '<unk>', vocab: Object.fromEntries(words.map((t, i) => [t, i])) },
  }
}
