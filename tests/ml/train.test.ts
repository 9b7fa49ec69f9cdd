import { mkdtempSync, existsSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { predict, Tagger } from '../../src/main/ml/infer/tagger'
import { readSafetensors } from '../../src/main/ml/safetensors'
import { Rng } from '../../src/main/ml/rng'
import type { TaggedSentence } from '../../src/main/ml/data/types'
import { trainTokenClassifier, type TrainOptions } from '../../src/main/ml/train/train'

const LABELS = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC']
const FIRST = ['Anna', 'Boris', 'Clara', 'David', 'Elena', 'Felix']
const LAST = ['Smith', 'Novak', 'Garcia', 'Weber']
const PLACES = ['Paris', 'Berlin', 'Lima', 'Oslo', 'New York']
const FILLER = ['the', 'visited', 'met', 'in', 'yesterday', 'and', 'from', 'went', 'to', 'a', 'friend']

function synth(rng: Rng, n: number): TaggedSentence[] {
  const out: TaggedSentence[] = []
  for (let s = 0; s < n; s++) {
    const words: string[] = []
    const tags: number[] = []
    const len = 3 + rng.int(6)
    while (words.length < len) {
      const r = rng.next()
      if (r < 0.2) {
        words.push(FIRST[rng.int(FIRST.length)]!, LAST[rng.int(LAST.length)]!)
        tags.push(1, 2)
      } else if (r < 0.35) {
        const p = PLACES[rng.int(PLACES.length)]!.split(' ')
        p.forEach((w, i) => (words.push(w), tags.push(i === 0 ? 3 : 4)))
      } else {
        words.push(FILLER[rng.int(FILLER.length)]!)
        tags.push(0)
      }
    }
    out.push({ words, tags })
  }
  return out
}

const dirs: string[] = []
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'ner-train-'))
  dirs.push(d)
  return d
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

const base = (outDir: string): TrainOptions => ({
  architecture: {
    kind: 'scratch',
    config: { hidden: 32, layers: 1, heads: 2, intermediate: 64, dropout: 0 },
    minCount: 1,
  },
  labels: LABELS,
  train: synth(new Rng(1), 60),
  dev: synth(new Rng(2), 20),
  epochs: 3,
  batchSize: 8,
  lr: 1e-2,
  maxLen: 16,
  seed: 7,
  k: 2,
  outDir,
  patience: 10,
})

/** One uninterrupted run, shared by the resume tests. */
let fullRun: Promise<string> | null = null
function uninterrupted(): Promise<string> {
  fullRun ??= (async () => {
    const dir = tmp()
    await trainTokenClassifier(base(dir))
    return dir
  })()
  return fullRun
}

describe('trainTokenClassifier', () => {
  it('trains end to end, reports progress and dev metrics, and the saved model tags text', async () => {
    const outDir = tmp()
    const progress: number[] = []
    const epochs: number[] = []
    const r = await trainTokenClassifier(base(outDir), {
      onProgress: (e) => {
        progress.push(e.step)
        expect(e.totalSteps).toBe(24) // 60 sentences / 8 = 8 batches per epoch, 3 epochs
        expect(e.tokensPerSec).toBeGreaterThan(0)
      },
      onEpoch: (e) => epochs.push(e.dev.micro.f1),
    })
    expect(progress.at(-1)).toBe(24)
    expect(epochs).toHaveLength(3)
    expect(r.bestF1).toBeGreaterThan(0.8)
    expect(r.provider).toBe('cpu')
    for (const f of ['model.onnx', 'model.json', 'best.safetensors', 'last.safetensors'])
      expect(existsSync(join(outDir, f))).toBe(true)
    const tagger = await Tagger.fromDir(outDir)
    const text = 'Yesterday Clara Novak visited Oslo.'
    const [spans] = await tagger.tagText([text])
    const found = spans!.map((s) => `${s.label}:${text.slice(s.start, s.end)}`)
    expect(found).toEqual(['PER:Clara Novak', 'LOC:Oslo'])
    expect(spans![0]!.confidence).toBeGreaterThan(0.5)
    // Longer than maxLen (16 pieces): tagged in pieces, so the entity at the end is still found.
    const long = `${'the friend went to a '.repeat(4)}and visited Berlin`
    const [longSpans] = await tagger.tagText([long])
    expect(longSpans!.map((s) => long.slice(s.start, s.end))).toEqual(['Berlin'])
    await tagger.release()
    const [again] = await predict(outDir, [text])
    expect(again).toEqual(spans)
  })

  it('resuming after an interruption gives the same weights as an uninterrupted run', async () => {
    const full = await uninterrupted()
    const broken = tmp()
    const ac = new AbortController()
    const first = await trainTokenClassifier(base(broken), { signal: ac.signal, onEpoch: () => ac.abort() })
    expect(first.cancelled).toBe(true)
    expect(first.history).toHaveLength(1)
    const resumed = await trainTokenClassifier({ ...base(broken), resume: true })
    expect(resumed.history.map((h) => h.epoch)).toEqual([0, 1, 2])
    const a = readSafetensors(join(full, 'last.safetensors'))
    const b = readSafetensors(join(broken, 'last.safetensors'))
    expect(b.metadata.step).toBe('24')
    let compared = 0
    for (const [name, t] of a.tensors) {
      expect(
        Buffer.from((t.data as Float32Array).buffer).equals(
          Buffer.from((b.tensors.get(name)!.data as Float32Array).buffer),
        ),
      ).toBe(true)
      compared++
    }
    expect(compared).toBeGreaterThan(20)
  })

  it('resuming from a mid-epoch checkpoint (after a cancel) also matches the uninterrupted run', async () => {
    const full = await uninterrupted()
    const broken = tmp()
    const ac = new AbortController()
    const first = await trainTokenClassifier(
      { ...base(broken), checkpointEverySec: 0 },
      { signal: ac.signal, onProgress: (e) => e.step === 12 && ac.abort() },
    )
    expect(first.cancelled).toBe(true)
    const saved = readSafetensors(join(broken, 'last.safetensors')).metadata
    expect([saved.step, saved.epoch, saved.complete]).toEqual(['12', '1', 'false'])
    const resumed = await trainTokenClassifier({ ...base(broken), resume: true })
    expect(resumed.history.map((h) => h.epoch)).toEqual([0, 1, 2])
    const a = readSafetensors(join(full, 'last.safetensors'))
    const b = readSafetensors(join(broken, 'last.safetensors'))
    for (const [name, t] of a.tensors) {
      expect(
        Buffer.from((t.data as Float32Array).buffer).equals(
          Buffer.from((b.tensors.get(name)!.data as Float32Array).buffer),
        ),
      ).toBe(true)
    }
    const fullHistory = JSON.parse(a.metadata.history!) as { trainLoss: number }[]
    expect(resumed.history[1]!.trainLoss).toBeCloseTo(fullHistory[1]!.trainLoss, 6)
  })

  it('stops early when dev F1 stops improving', async () => {
    const r = await trainTokenClassifier({ ...base(tmp()), epochs: 6, lr: 1e-9, patience: 1 })
    expect(r.stoppedEarly).toBe(true)
    expect(r.history.length).toBeLessThan(6)
  })

  it('refuses inconsistent input with a sentence naming the problem', async () => {
    const o = base(tmp())
    o.train = [{ words: ['a', 'b'], tags: [0] }]
    await expect(trainTokenClassifier(o)).rejects.toThrow(/train sentence 1 has 2 words but 1 tags/)
  })
})

describe('trainTokenClassifier without dev sentences', () => {
  it('keeps the last epoch as the model and never stops early', async () => {
    const outDir = tmp()
    const r = await trainTokenClassifier({ ...base(outDir), dev: [], epochs: 2, patience: 1 })
    expect(r.history.map((h) => h.improved)).toEqual([true, true])
    expect(r.bestEpoch).toBe(1)
    expect(existsSync(join(outDir, 'model.onnx'))).toBe(true)
  })
})
