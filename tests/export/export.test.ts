/**
 * The exported package: the ONNX signature, config/tokenizer/card contents, the Hugging Face
 * layout of a BERT export, predict.mjs run by node against the package, and agreement of the
 * package's predictions with the model as the app runs it (Tagger on the model's own folder).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/main/cli/program'
import { exportProjectModel } from '../../src/main/export/fromProject'
import { PackagePredictor, codePointIndex } from '../../src/main/export/predictor'
import { bertParams, type BertConfig } from '../../src/main/ml/models/bert'
import { onnx } from '../../src/main/ml/onnx/generated/onnx'
import { Tagger } from '../../src/main/ml/infer/tagger'
import { createSession, ortTensor } from '../../src/main/ml/ort'
import { readSafetensors } from '../../src/main/ml/safetensors'
import { trainedProject, type TrainedProject } from './helpers'

const TEXTS = [
  'In next spring, Ivan Petrov moved from Danube Valley to work for Harbor Authority.',
  '陈志强表示，华东科技公司将在西安扩大业务。',
  'Daniel Weiss said Bluefield University would expand its work in Osaka.',
  'Angela Merkel met Emmanuel Macron in Paris on Monday.',
  'Google opened an office in Zürich, said Sundar Pichai.',
  'The river flows through Berlin and Hamburg 😀 before reaching the sea.',
  'nothing to see here',
]

const numpy = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0

let p: TrainedProject
beforeAll(async () => {
  p = await trainedProject()
}, 120_000)
afterAll(() => p?.cleanup())

function runPredictMjs(dir: string, texts: string[]): { text: string; spans: unknown[] }[] {
  const input = join(dir, 'texts.txt')
  writeFileSync(input, texts.join('\n') + '\n')
  // The package is run from the repository root, where onnxruntime-node is installed.
  const out = execFileSync(process.execPath, [join(dir, 'predict.mjs'), '--file', input], {
    cwd: join(__dirname, '../..'),
    encoding: 'utf8',
  })
  return out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { text: string; spans: unknown[] })
}

async function appSpans(modelDir: string, texts: string[]) {
  const tagger = await Tagger.fromDir(modelDir)
  try {
    const r = await tagger.tagText(texts)
    return r.map((spans, i) => {
      const cp = codePointIndex(texts[i]!)
      return spans.map((s) => ({ start: cp(s.start), end: cp(s.end), label: s.label, score: s.confidence }))
    })
  } finally {
    await tagger.release()
  }
}

const rounded = (spans: { score: number }[]) =>
  spans.map((s) => ({ ...s, score: Number(s.score.toFixed(5)) }))

describe('export-model package', () => {
  it('exports a from-scratch model with its featurizer, card and samples', async () => {
    const out = join(p.dir, 'pkg-scratch')
    const r = await exportProjectModel({ projectPath: p.path, version: 1, outDir: out })
    for (const f of [
      'model.onnx',
      'featurizer.json',
      'tokenizer.json',
      'config.json',
      'README.md',
      'predict.mjs',
      'predict.py',
    ])
      expect(existsSync(join(out, f)), f).toBe(true)
    expect(r.files.find((f) => f.name === 'model.safetensors')).toBeUndefined()
    const m = onnx.ModelProto.decode(readFileSync(join(out, 'model.onnx')))
    const io = (v: onnx.IValueInfoProto) => ({
      name: v.name,
      type: v.type!.tensorType!.elemType,
      dims: v.type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue)),
    })
    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')) as {
      id2label: Record<string, string>
      label2id: Record<string, number>
    }
    const labels = Object.values(config.id2label)
    expect(labels[0]).toBe('O')
    expect(config.label2id[labels[1]!]).toBe(1)
    // The default from-scratch model reads its featurizer's features (ADR 0009), attention_mask last.
    const spec = JSON.parse(readFileSync(join(out, 'featurizer.json'), 'utf8')) as {
      featurizer: { kind: string; vocabs: Record<string, string[]> }
    }
    expect(spec.featurizer.kind).toBe('affix-features')
    const names = [...Object.keys(spec.featurizer.vocabs), 'attention_mask']
    expect(names).toEqual(
      expect.arrayContaining(['word_ids', 'shape_ids', 'prefix1_ids', 'suffix4_ids', 'left_bigram_ids']),
    )
    expect(m.graph!.input!.map(io)).toEqual(
      names.map((name) => ({
        name,
        type: 7,
        dims: ['batch', 'seq'],
      })),
    )
    expect(m.graph!.output!.map(io)).toEqual([
      { name: 'logits', type: 1, dims: ['batch', 'seq', labels.length] },
    ])
    const card = readFileSync(join(out, 'README.md'), 'utf8')
    expect(card).toMatch(/version 1/)
    expect(card).toMatch(/### Dev\n\nMeasured during training \(float32\)\.\n\n\| type/)
    expect(card).toMatch(/sentences of the project's test split, scored with this package's model\./)
    expect(card).toMatch(/Intended use and limits/)
    for (const l of labels.filter((x) => x.startsWith('B-'))) expect(card).toContain(l.slice(2))
    const tok = JSON.parse(readFileSync(join(out, 'tokenizer.json'), 'utf8')) as { model: { type: string } }
    expect(tok.model.type).toBe('WordLevel')

    const app = await appSpans(p.scratchDir, TEXTS)
    expect(app.flat().length).toBeGreaterThan(0) // the comparison below is about real spans
    const pred = await PackagePredictor.load(out)
    const pkg = await Promise.all(TEXTS.map((t) => pred.predict(t)))
    const batched = await pred.predictMany(TEXTS)
    await pred.release()
    expect(pkg.map(rounded)).toEqual(app.map(rounded))
    expect(batched.map(rounded)).toEqual(app.map(rounded))
    const mjs = runPredictMjs(out, TEXTS)
    expect(mjs.map((l) => l.text)).toEqual(TEXTS)
    expect(mjs.map((l) => rounded(l.spans as { score: number }[]))).toEqual(app.map(rounded))
  }, 60_000)

  it('exports a fine-tuned BERT, also in Hugging Face layout', async () => {
    const out = join(p.dir, 'pkg-bert')
    await exportProjectModel({ projectPath: p.path, version: 2, outDir: out, hf: true })
    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')) as BertConfig & {
      model_type: string
      architectures: string[]
      id2label: Record<string, string>
    }
    expect(config.model_type).toBe('bert')
    expect(config.architectures).toEqual(['BertForTokenClassification'])
    const n = Object.keys(config.id2label).length
    // Exactly the tensors (names and shapes) BertForTokenClassification(config) has.
    const st = readSafetensors(join(out, 'model.safetensors'))
    const expected = bertParams(config, n).map((s) => [s.name, s.shape] as const)
    expect([...st.tensors].map(([k, v]) => [k, v.shape] as const).sort()).toEqual([...expected].sort())
    expect(st.metadata.format).toBe('pt')
    const vocab = readFileSync(join(out, 'vocab.txt'), 'utf8').trim().split('\n')
    expect(vocab).toHaveLength(config.vocab_size)
    const tok = JSON.parse(readFileSync(join(out, 'tokenizer.json'), 'utf8')) as {
      model: { type: string; vocab: Record<string, number> }
      normalizer: { lowercase: boolean }
    }
    expect(tok.model.type).toBe('WordPiece')
    expect(tok.model.vocab['[CLS]']).toBe(vocab.indexOf('[CLS]'))
    expect(tok.normalizer.lowercase).toBe(true)
    const m = onnx.ModelProto.decode(readFileSync(join(out, 'model.onnx')))
    expect(m.graph!.input!.map((i) => i.name)).toEqual(['input_ids', 'attention_mask'])

    // An independent numpy BERT reads the Hugging Face files (names, shapes, [out, in] layout) and
    // must compute the same logits as the package's model.onnx.
    if (numpy) {
      const ids = [[2, 21, 22, 13, 15, 9, 30, 31, 5, 23, 26, 17, 18, 34, 3]]
      const ref = JSON.parse(
        execFileSync('python3', [join(__dirname, '../../scripts/check-hf-export.py'), out], {
          input: JSON.stringify({ input_ids: ids }),
          encoding: 'utf8',
        }),
      ) as { logits: number[][][] }
      const { session } = await createSession(readFileSync(join(out, 'model.onnx')))
      const S = ids[0]!.length
      const got = (
        await session.run({
          input_ids: ortTensor('int64', BigInt64Array.from(ids[0]!, BigInt), [1, S]),
          attention_mask: ortTensor('int64', new BigInt64Array(S).fill(1n), [1, S]),
        })
      ).logits!.data as Float32Array
      await session.release()
      const want = ref.logits.flat(2)
      expect(want).toHaveLength(got.length)
      expect(Math.max(...want.map((w, i) => Math.abs(w - got[i]!)))).toBeLessThan(1e-4)
    }

    // Span agreement on the fixture's own head (version 3), which tags many spans.
    const out3 = join(p.dir, 'pkg-bert3')
    await exportProjectModel({ projectPath: p.path, version: 3, outDir: out3 })
    const texts = [...TEXTS, 'Ann visited London, Rome and Berlin with Bob Smith.']
    const app = await appSpans(p.fixtureDir, texts)
    expect(app.flat().length).toBeGreaterThan(5)
    const pred = await PackagePredictor.load(out3)
    const pkg = await pred.predictMany(texts, 4)
    await pred.release()
    expect(pkg.map(rounded)).toEqual(app.map(rounded))
    const mjs = runPredictMjs(out3, texts)
    expect(mjs.map((l) => rounded(l.spans as { score: number }[]))).toEqual(app.map(rounded))
  }, 60_000)

  it('runs as ner-studio export-model, int8 included', async () => {
    const out = join(p.dir, 'pkg-cli')
    expect(
      await runCli(['export-model', '--project', p.path, '--out', out, '--quantize', 'int8', '--json']),
    ).toBe(0)
    // The active model (the latest version) was exported, with a card that says it is quantized.
    const card = readFileSync(join(out, 'README.md'), 'utf8')
    expect(card).toMatch(/version 3[\s\S]*weights quantized to int8/)
    expect(card).toMatch(/test split, scored with this package's model \(int8\)/)
    // The checkpoint the version started from is named, not the user's local path.
    expect(card).toContain('| model | checkpoint folder tiny-bert |')
    expect(await runCli(['export-model', '--project', p.path, '--out', out, '--quantize', 'int4'])).toBe(2)
    expect(await runCli(['export-model', '--project', p.path, '--model', '9', '--out', out])).toBe(1)
  })

  it('refuses --hf for a from-scratch model with a sentence', async () => {
    await expect(
      exportProjectModel({ projectPath: p.path, version: 1, outDir: join(p.dir, 'pkg-x'), hf: true }),
    ).rejects.toThrow(/Only BERT models can be exported in Hugging Face layout/)
  })
})
