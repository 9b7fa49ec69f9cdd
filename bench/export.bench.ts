/**
 * int8 export against float32 (run: `npm run bench -- bench/export.bench.ts`): model.onnx size
 * (goal: int8 ≤ 30% of fp32), dev F1 change (goal: within 1 point) and CPU latency per batch.
 * F1: the from-scratch model trained on the CoNLL-2003 sample (skipped without ../shared/datasets).
 * Size and latency: also a BERT with BERT-small's shape (random weights: no pretrained checkpoint
 * can be downloaded here, and weights do not change size or speed). Figures go to
 * bench/results/export.json; nothing is asserted.
 */
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, it } from 'vitest'
import { quantizeInt8 } from '../src/main/export/quantize'
import { buildInferenceGraph } from '../src/main/ml/infer/inferGraph'
import { Tagger } from '../src/main/ml/infer/tagger'
import { entityMetrics } from '../src/main/ml/metrics'
import { BERT_DEFAULTS, bertTokenClassifier } from '../src/main/ml/models/bert'
import { initParams, type TokenClassifierArch } from '../src/main/ml/models/types'
import { createSession, ortTensor } from '../src/main/ml/ort'
import { Rng } from '../src/main/ml/rng'
import { trainTokenClassifier } from '../src/main/ml/train/train'
import { CONLL_LABELS, readConll } from '../tests/ml/helpers/conll'
import { medianMs, report } from './report'

const CONLL = resolve(__dirname, '../../shared/datasets/conll2003')
const dir = mkdtempSync(join(tmpdir(), 'ner-export-bench-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const rows: Record<string, string | number>[] = []

async function latencyMs(
  model: Uint8Array,
  arch: TokenClassifierArch,
  batch: number,
  seq: number,
): Promise<number> {
  const { session } = await createSession(model)
  const rng = new Rng(3)
  const feeds = Object.fromEntries(
    arch.features.map((f) => [
      f.name,
      ortTensor(
        'int64',
        BigInt64Array.from({ length: batch * seq }, () =>
          f.name === 'attention_mask' ? 1n : BigInt(2 + Math.floor(rng.next() * 50)),
        ),
        [batch, seq],
      ),
    ]),
  )
  for (let i = 0; i < 3; i++) await session.run(feeds)
  const samples: number[] = []
  for (let i = 0; i < 20; i++) {
    const t = performance.now()
    await session.run(feeds)
    samples.push(performance.now() - t)
  }
  await session.release()
  return medianMs(samples)
}

async function compare(
  name: string,
  arch: TokenClassifierArch,
  fp32: Uint8Array,
  extra: Record<string, string | number> = {},
) {
  const int8 = quantizeInt8(fp32)
  const row: Record<string, string | number> = {
    model: name,
    'fp32 MB': +(fp32.length / 1e6).toFixed(2),
    'int8 MB': +(int8.length / 1e6).toFixed(2),
    'int8 / fp32 %': +((100 * int8.length) / fp32.length).toFixed(1),
  }
  for (const [b, s] of [
    [1, 64],
    [16, 64],
  ] as const) {
    const a = await latencyMs(fp32, arch, b, s)
    const q = await latencyMs(int8, arch, b, s)
    row[`fp32 ms b${b}×${s}`] = +a.toFixed(2)
    row[`int8 ms b${b}×${s}`] = +q.toFixed(2)
  }
  rows.push({ ...row, ...extra })
  return int8
}

describe('int8 export', () => {
  it.skipIf(!existsSync(CONLL))(
    'from-scratch model on the CoNLL-2003 sample: size, F1, latency',
    async () => {
      const train = readConll(join(CONLL, 'sample-train.txt'))
      const dev = readConll(join(CONLL, 'sample-dev.txt'))
      // Selected on the dev sample; the F1 change is measured on the whole CoNLL-2003 dev set.
      const fullDev = readConll(join(CONLL, 'dev.txt'))
      const outDir = join(dir, 'scratch')
      await trainTokenClassifier({
        architecture: { kind: 'scratch' },
        labels: CONLL_LABELS,
        train,
        dev,
        epochs: 6,
        batchSize: 16,
        lr: 2e-3,
        maxLen: 64,
        seed: 1,
        k: 4,
        outDir,
      })
      const { loadModelDescription } = await import('../src/main/ml/infer/modelFiles')
      const { loadParams } = await import('../src/main/ml/train/checkpoint')
      const d = loadModelDescription(outDir)
      const fp32 = buildInferenceGraph(d.arch, loadParams(join(outDir, 'best.safetensors'), d.arch))
      const qDir = join(dir, 'scratch-int8')
      cpSync(outDir, qDir, { recursive: true })
      const f1 = async (modelDir: string) => {
        const tagger = await Tagger.fromDir(modelDir)
        const pred = await tagger.tagSentences(fullDev.map((s) => s.words))
        await tagger.release()
        return entityMetrics(
          fullDev.map((s) => s.tags.map((t) => CONLL_LABELS[t]!)),
          pred.map((p) => p.tags),
        ).micro.f1
      }
      const before = await f1(outDir)
      const int8 = quantizeInt8(fp32)
      writeFileSync(join(qDir, 'model.onnx'), int8)
      const after = await f1(qDir)
      await compare('scratch (hidden 128, 2 layers), CoNLL sample', d.arch, fp32, {
        'fp32 F1, CoNLL-2003 dev': +(100 * before).toFixed(2),
        'int8 F1, CoNLL-2003 dev': +(100 * after).toFixed(2),
        'F1 change (points)': +(100 * (after - before)).toFixed(2),
      })
    },
  )

  it('BERT-small shape (4 layers, hidden 512, vocab 30522): size and latency', async () => {
    const config = {
      ...BERT_DEFAULTS,
      vocab_size: 30522,
      hidden_size: 512,
      num_hidden_layers: 4,
      num_attention_heads: 8,
      intermediate_size: 2048,
    }
    const arch = bertTokenClassifier(config, 9)
    const fp32 = buildInferenceGraph(arch, initParams(arch, new Rng(5)))
    await compare('BERT-small shape, random weights', arch, fp32)
    report('export', rows)
  })
})
