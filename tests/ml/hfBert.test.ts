import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadHfBert } from '../../src/main/ml/models/hfBert'

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))
function folder(config: object, tokenizer?: object): string {
  const d = mkdtempSync(join(tmpdir(), 'ner-hf-'))
  dirs.push(d)
  writeFileSync(join(d, 'config.json'), JSON.stringify(config))
  writeFileSync(join(d, 'vocab.txt'), '[PAD]\n[UNK]\n[CLS]\n[SEP]\nhello\n##s\n')
  if (tokenizer) writeFileSync(join(d, 'tokenizer_config.json'), JSON.stringify(tokenizer))
  return d
}
const cfg = {
  model_type: 'bert',
  vocab_size: 6,
  hidden_size: 8,
  num_hidden_layers: 1,
  num_attention_heads: 2,
  intermediate_size: 16,
  layer_norm_eps: 1e-12,
}

describe('Hugging Face BERT folder', () => {
  it('reads config, vocabulary and casing', () => {
    const a = loadHfBert(folder(cfg, { do_lower_case: false }))
    expect(a.config.hidden_size).toBe(8)
    expect(a.config.max_position_embeddings).toBe(512)
    expect(a.vocab).toEqual(['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'hello', '##s'])
    expect(a.lowercase).toBe(false)
    expect(a.initFrom).toBeUndefined()
    expect(loadHfBert(folder(cfg)).lowercase).toBe(true)
  })

  it('refuses what it cannot train, naming the file and field', () => {
    expect(() => loadHfBert(folder({ ...cfg, model_type: 'roberta' }))).toThrow(
      /config.json: model_type is "roberta"/,
    )
    expect(() => loadHfBert(folder({ ...cfg, hidden_size: 'big' }))).toThrow(
      /field hidden_size must be a number/,
    )
    expect(() => loadHfBert(join(tmpdir(), 'no-such-model-folder'))).toThrow(/config.json is missing/)
  })
})
