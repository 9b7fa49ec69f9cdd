/**
 * Prints scripts/experiments/results.jsonl as a Markdown table (the one kept in docs/adr/0009).
 * Usage: npx jiti scripts/experiments/table.ts [name-prefix]
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

interface Row {
  name: string
  trainSentences: number
  trainMinutes: number
  trainCpuMinutes?: number
  trainTokensPerSec: number
  inferTokensPerSec: number
  bestEpoch: number
  devF1: number[]
  bestDevF1: number
  testF1: number
  testRecallOovEntities?: number
  testRecallIvEntities?: number
  testPerType: Record<string, number>
  loadStart: string
  loadEnd: string
}

const prefix = process.argv[2] ?? ''
const rows = readFileSync(join(__dirname, 'results.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Row)
  .filter((r) => r.name.startsWith(prefix))
const f = (x: number | undefined, d = 3) => (x === undefined ? '–' : x.toFixed(d))
console.log(
  '| run | train sents | epochs (best) | dev F1 best | test F1 | wall min | CPU min | train tok/s | infer tok/s | OOV / IV entity recall | load (1-min avg start→end) |',
)
console.log('|---|---|---|---|---|---|---|---|---|---|---|')
for (const r of rows)
  console.log(
    `| ${r.name} | ${r.trainSentences} | ${r.devF1.length} (${r.bestEpoch}) | ${f(r.bestDevF1)} | ${f(r.testF1)} | ` +
      `${f(r.trainMinutes, 1)} | ${f(r.trainCpuMinutes, 1)} | ${r.trainTokensPerSec} | ${r.inferTokensPerSec} | ` +
      `${f(r.testRecallOovEntities)} / ${f(r.testRecallIvEntities)} | ${r.loadStart.split(',')[0]}→${r.loadEnd.split(',')[0]} |`,
  )
console.log()
for (const r of rows)
  console.log(
    `- ${r.name}: dev F1 per epoch ${r.devF1.join(', ')}; test per type ` +
      Object.entries(r.testPerType)
        .map(([k, v]) => `${k} ${v.toFixed(3)}`)
        .join(', '),
  )
