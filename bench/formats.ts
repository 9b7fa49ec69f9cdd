/**
 * Import/export speed on the real corpora (run: `npx jiti bench/formats.ts`). Prints the median of
 * five runs per step; skips a corpus whose folder is absent.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parseConll, parseSpacy, serializeConll, serializeHf, serializeSpacy } from '../src/main/formats'
import { tokenize } from '../src/shared/text/tokenize'

const datasets = path.resolve(__dirname, '../../shared/datasets')

function median(fn: () => void): number {
  const times: number[] = []
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now()
    fn()
    times.push(performance.now() - t0)
  }
  return times.sort((a, b) => a - b)[2]!
}

for (const [name, file] of [
  ['conll2003 train', 'conll2003/train.txt'],
  ['resume-zh train', 'resume-zh/train.char.bmes'],
] as const) {
  const p = path.join(datasets, file)
  if (!existsSync(p)) {
    console.log(`${name}: skipped (${file} absent)`)
    continue
  }
  const bytes = readFileSync(p)
  const { documents } = parseConll(bytes, file)
  const spacy = serializeSpacy(documents).content
  const row = {
    'parse conll': median(() => parseConll(bytes, file)),
    'serialize conll iob2': median(() => serializeConll(documents, { scheme: 'iob2' })),
    'serialize hf': median(() => serializeHf(documents)),
    'serialize spacy': median(() => serializeSpacy(documents)),
    'parse spacy': median(() => parseSpacy(spacy, 'x.jsonl')),
    'tokenize all texts': median(() => documents.forEach((d) => tokenize(d.text))),
    'serialize conll, no stored tokens': median(() =>
      serializeConll(documents.map((d) => ({ text: d.text, spans: d.spans }))),
    ),
  }
  const lines = bytes.toString('utf8').split('\n').length
  console.log(`${name} (${lines} lines, ${(bytes.length / 1e6).toFixed(1)} MB):`)
  for (const [k, v] of Object.entries(row)) console.log(`  ${k.padEnd(34)} ${v.toFixed(0)} ms`)
}
