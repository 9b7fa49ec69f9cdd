/**
 * Checkpoint import refusals, each a sentence naming the file and the problem, on altered copies
 * of the tiny fixture; and the name forms real checkpoints use (BertModel without "bert.", old
 * gamma/beta LayerNorm names, half precision, tokenizer.json instead of vocab.txt).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadHfCheckpoint } from '../../src/main/hf/checkpoint'
import { encodeSafetensors, readSafetensors, type SafeTensor } from '../../src/main/ml/safetensors'

const FIXTURE = join(__dirname, '../fixtures/tiny-bert')
const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

function copy(): string {
  const d = mkdtempSync(join(tmpdir(), 'ner-hf-'))
  dirs.push(d)
  cpSync(FIXTURE, d, { recursive: true })
  return d
}

function rewriteTensors(dir: string, f: (t: Map<string, SafeTensor>) => Map<string, SafeTensor>): void {
  const { tensors } = readSafetensors(join(dir, 'model.safetensors'))
  writeFileSync(join(dir, 'model.safetensors'), encodeSafetensors(f(tensors)))
}

function editConfig(dir: string, patch: Record<string, unknown>): void {
  const p = join(dir, 'config.json')
  writeFileSync(p, JSON.stringify({ ...JSON.parse(readFileSync(p, 'utf8')), ...patch }))
}

describe('Hugging Face checkpoint import', () => {
  it('reads config, vocabulary, casing, encoder and classifier', () => {
    const ck = loadHfCheckpoint(FIXTURE)
    expect(ck.config).toMatchObject({ hidden_size: 32, num_hidden_layers: 2, vocab_size: 60 })
    expect(ck.vocab[2]).toBe('[CLS]')
    expect(ck.lowercase).toBe(true)
    expect(ck.encoder.size).toBe(5 + 16 * 2)
    expect(ck.classifier?.weight.length).toBe(7 * 32)
  })

  it('refuses another model_type', () => {
    const d = copy()
    editConfig(d, { model_type: 'roberta' })
    expect(() => loadHfCheckpoint(d)).toThrow(
      /config\.json has model_type "roberta"; NER Studio can fine-tune BERT/,
    )
  })

  it('names a missing tensor and the architecture that needs it', () => {
    const d = copy()
    rewriteTensors(d, (t) => {
      t.delete('bert.encoder.layer.1.output.dense.weight')
      return t
    })
    expect(() => loadHfCheckpoint(d)).toThrow(
      /model\.safetensors has no tensor bert\.encoder\.layer\.1\.output\.dense\.weight, which config\.json's BERT \(2 layers, hidden 32\) needs/,
    )
  })

  it('names a mismatched tensor with both shapes', () => {
    const d = copy()
    editConfig(d, { intermediate_size: 48 })
    expect(() => loadHfCheckpoint(d)).toThrow(
      /tensor bert\.encoder\.layer\.0\.intermediate\.dense\.weight has shape \[64, 32\] but config\.json implies \[48, 32\]/,
    )
  })

  it('refuses a corrupt safetensors header', () => {
    const d = copy()
    const p = join(d, 'model.safetensors')
    const buf = readFileSync(p)
    buf.write('!!!!', 8)
    writeFileSync(p, buf)
    expect(() => loadHfCheckpoint(d)).toThrow(
      /model\.safetensors is not a valid safetensors file \(the header is not JSON\)/,
    )
    writeFileSync(p, buf.subarray(0, 1000))
    expect(() => loadHfCheckpoint(d)).toThrow(
      /not a valid safetensors file \(the header length \d+ does not fit/,
    )
  })

  it('refuses pytorch_model.bin only and says how to convert', () => {
    const d = copy()
    rmSync(join(d, 'model.safetensors'))
    writeFileSync(join(d, 'pytorch_model.bin'), 'PK')
    expect(() => loadHfCheckpoint(d)).toThrow(/has only pytorch_model\.bin.*safe_serialization=True/)
  })

  it('accepts BertModel names, gamma/beta, F16 weights and tokenizer.json', () => {
    const d = copy()
    rewriteTensors(d, (t) => {
      const out = new Map<string, SafeTensor>()
      for (const [k, v] of t) {
        if (k.startsWith('classifier.')) continue
        const name = k.replace(/^bert\./, '').replace(/LayerNorm\.weight$/, 'LayerNorm.gamma')
        out.set(name, v)
      }
      return out
    })
    const vocab = readFileSync(join(d, 'vocab.txt'), 'utf8').trim().split('\n')
    rmSync(join(d, 'vocab.txt'))
    rmSync(join(d, 'tokenizer_config.json'))
    writeFileSync(
      join(d, 'tokenizer.json'),
      JSON.stringify({
        normalizer: { type: 'BertNormalizer', lowercase: false },
        model: { type: 'WordPiece', vocab: Object.fromEntries(vocab.map((t, i) => [t, i])) },
      }),
    )
    const ck = loadHfCheckpoint(d)
    expect(ck.classifier).toBeNull()
    expect(ck.lowercase).toBe(false)
    expect(ck.vocab).toEqual(vocab)
    const ref = loadHfCheckpoint(FIXTURE)
    expect(ck.encoder.get('bert.encoder.layer.0.output.LayerNorm.weight')).toEqual(
      ref.encoder.get('bert.encoder.layer.0.output.LayerNorm.weight'),
    )
  })

  it('widens F16 weights to float32', () => {
    const d = copy()
    const p = join(d, 'model.safetensors')
    const { tensors } = readSafetensors(p)
    // Hand-written F16 file: the half-precision values 1, -2 and 0.5 for every element.
    const header: Record<string, unknown> = {}
    let off = 0
    const blobs: Buffer[] = []
    for (const [k, v] of tensors) {
      const n = v.data.length
      const b = Buffer.alloc(2 * n)
      for (let i = 0; i < n; i++) b.writeUInt16LE([0x3c00, 0xc000, 0x3800][i % 3]!, 2 * i)
      header[k] = { dtype: 'F16', shape: v.shape, data_offsets: [off, off + b.length] }
      off += b.length
      blobs.push(b)
    }
    const h = Buffer.from(JSON.stringify(header))
    const len = Buffer.alloc(8)
    len.writeBigUInt64LE(BigInt(h.length))
    writeFileSync(p, Buffer.concat([len, h, ...blobs]))
    const ck = loadHfCheckpoint(d)
    expect([...ck.encoder.get('bert.embeddings.LayerNorm.bias')!.slice(0, 3)]).toEqual([1, -2, 0.5])
  })
})
