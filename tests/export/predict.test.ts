/**
 * `ner-studio predict`: plain text and JSONL in, JSONL with code-point spans out, from a package
 * folder or a project's model version; long texts read in sliding windows, never cut at maxLen.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/main/cli/program'
import { exportProjectModel } from '../../src/main/export/fromProject'
import { PackagePredictor } from '../../src/main/export/predictor'
import { assignWords, planWindows } from '../../src/main/export/windows'
import { trainedProject, type TrainedProject } from './helpers'

let p: TrainedProject
let pkg: string
let scratchPkg: string
beforeAll(async () => {
  p = await trainedProject()
  pkg = join(p.dir, 'pkg')
  await exportProjectModel({ projectPath: p.path, version: 3, outDir: pkg })
  scratchPkg = join(p.dir, 'pkg-scratch')
  await exportProjectModel({ projectPath: p.path, version: 1, outDir: scratchPkg })
}, 120_000)
afterAll(() => p?.cleanup())

const readJsonl = (f: string) =>
  readFileSync(f, 'utf8')
    .trim()
    .split('\n')
    .map(
      (l) =>
        JSON.parse(l) as {
          text: string
          spans: { start: number; end: number; label: string; score: number }[]
        },
    )

describe('sliding windows', () => {
  it('cover every word, overlap by half a window and give each word its most central window', () => {
    const counts = Array.from({ length: 50 }, (_, i) => 1 + (i % 3))
    const w = planWindows(counts, 12)
    expect(w[0]!.start).toBe(0)
    expect(w[w.length - 1]!.end).toBe(50)
    for (const x of w) expect(counts.slice(x.start, x.end).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(12)
    for (let k = 1; k < w.length; k++) expect(w[k]!.start).toBeLessThan(w[k - 1]!.end)
    const owner = assignWords(w, 50)
    expect(owner[0]).toBe(0)
    expect(owner[49]).toBe(w.length - 1)
    expect(planWindows([40, 1], 12)).toEqual([
      { start: 0, end: 1 },
      { start: 1, end: 2 },
    ])
  })
})

describe('ner-studio predict', () => {
  it('tags plain text and JSONL from a package, with code-point offsets', async () => {
    const texts = ['Ann visited London 😀 with Bob Smith.', 'Mary lives in Rome and works at Google.']
    const txt = join(p.dir, 'in.txt')
    writeFileSync(txt, texts.join('\n') + '\n\n')
    const out1 = join(p.dir, 'out1.jsonl')
    expect(await runCli(['predict', '--model', pkg, '--in', txt, '--out', out1])).toBe(0)
    const a = readJsonl(out1)
    expect(a.map((r) => r.text)).toEqual(texts)
    const jsonl = join(p.dir, 'in.jsonl')
    writeFileSync(jsonl, texts.map((text, i) => JSON.stringify({ id: i, text })).join('\n'))
    const out2 = join(p.dir, 'out2.jsonl')
    expect(await runCli(['predict', '--project', p.path, '--model', '3', '--in', jsonl, '--out', out2])).toBe(
      0,
    )
    // JSONL records keep their other fields.
    expect(readJsonl(out2)).toEqual(a.map((r, i) => ({ id: i, ...r })))
    // Offsets count code points: the emoji is one, so spans after it end within [...text].length.
    for (const r of a) {
      expect(r.spans.length).toBeGreaterThan(0)
      for (const s of r.spans) {
        expect([...r.text].slice(s.start, s.end).join('').trim()).not.toBe('')
        expect(s.end).toBeLessThanOrEqual([...r.text].length)
        expect(s.score).toBeGreaterThan(0)
      }
    }
  })

  it('reads a text far longer than maxLen without cutting it', async () => {
    // A training sentence of the trained from-scratch model, 60 times: 780 words, maxLen 64.
    const sentence = 'Daniel Weiss said Bluefield University would expand its work in Osaka.'
    const long = Array.from({ length: 60 }, () => sentence).join(' ')
    const pred = await PackagePredictor.load(scratchPkg)
    const spans = await pred.predict(long)
    const single = await pred.predict(sentence)
    await pred.release()
    expect(single.length).toBeGreaterThan(0)
    const len = [...long].length
    expect(spans.some((s) => s.start > 0.9 * len)).toBe(true)
    // Windows give every copy of the sentence enough context on both sides to be tagged alike
    // except near window edges; most copies carry the single sentence's spans.
    expect(spans.length).toBeGreaterThan(0.8 * 60 * single.length)
    // predict.mjs plans and reads the same windows.
    const input = join(p.dir, 'long.txt')
    writeFileSync(input, long + '\n')
    const mjs = execFileSync(process.execPath, [join(scratchPkg, 'predict.mjs'), '--file', input], {
      cwd: join(__dirname, '../..'),
      encoding: 'utf8',
    })
    const round = (xs: { score: number }[]) => xs.map((x) => ({ ...x, score: Number(x.score.toFixed(5)) }))
    expect(round((JSON.parse(mjs) as { spans: { score: number }[] }).spans)).toEqual(round(spans))
  })

  it('refuses a folder without a model and bad JSONL with the line', async () => {
    const bad = join(p.dir, 'bad.jsonl')
    writeFileSync(bad, '{"text": "ok"}\n{"txt": 1}\n')
    const out = join(p.dir, 'x.jsonl')
    expect(await runCli(['predict', '--model', pkg, '--in', bad, '--out', out])).toBe(1)
    expect(await runCli(['predict', '--model', p.dir, '--in', bad, '--out', out])).toBe(1)
  })
})
