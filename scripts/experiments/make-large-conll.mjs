// Writes a CoNLL file of N distinct sentences for the scaling runs of the default model (ADR 0009):
// the sentences of a CoNLL file (IOB tags in the last column), then variants of them in which every
// entity mention is swapped for a random mention of the same type from elsewhere in the file
// ("mention replacement"), until N sentences differ in text. Projects keep one document per distinct
// text, so plain repeats would not grow one.
//   node scripts/experiments/make-large-conll.mjs IN OUT N
import { readFileSync, writeFileSync } from 'node:fs'

const [input, output, count] = process.argv.slice(2)
if (!input || !output || !count) {
  console.error('usage: make-large-conll.mjs IN OUT N')
  process.exit(2)
}
const want = Number(count)

/** One sentence as [word, tag] pairs. */
const sentences = readFileSync(input, 'utf8')
  .split(/\n\s*\n/)
  .map((block) => block.trim())
  .filter((block) => block !== '' && !block.startsWith('-DOCSTART-'))
  .map((block) =>
    block.split('\n').map((line) => {
      const cols = line.trim().split(/\s+/)
      return [cols[0], cols.at(-1)]
    }),
  )

/** Mentions (IOB1 or IOB2) of a sentence: { type, start, end } over word indices. */
function mentions(s) {
  const out = []
  s.forEach(([, tag], i) => {
    if (tag === 'O') return
    const type = tag.slice(2)
    const last = out.at(-1)
    const continues = last && last.end === i && last.type === type && !tag.startsWith('B-')
    if (continues) last.end = i + 1
    else out.push({ type, start: i, end: i + 1 })
  })
  return out
}

const byType = new Map()
for (const s of sentences)
  for (const m of mentions(s)) {
    const words = s.slice(m.start, m.end).map(([w]) => w)
    byType.set(m.type, [...(byType.get(m.type) ?? []), words])
  }

// mulberry32: a small seeded generator, so the same arguments give the same file.
let seed = 42
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const pickOne = (xs) => xs[Math.floor(random() * xs.length)]

function variant(s) {
  const out = []
  let i = 0
  for (const m of mentions(s)) {
    out.push(...s.slice(i, m.start))
    const words = pickOne(byType.get(m.type))
    words.forEach((w, j) => out.push([w, `${j === 0 ? 'B' : 'I'}-${m.type}`]))
    i = m.end
  }
  out.push(...s.slice(i))
  return out
}

const seen = new Set()
const result = []
const add = (s) => {
  const text = s.map(([w]) => w).join(' ')
  if (seen.has(text)) return
  seen.add(text)
  result.push(s)
}
for (const s of sentences) if (result.length < want) add(s)
const withEntities = sentences.filter((s) => mentions(s).length > 0)
for (let tries = 0; result.length < want && tries < want * 20; tries++) add(variant(pickOne(withEntities)))
writeFileSync(output, result.map((s) => s.map(([w, t]) => `${w} ${t}`).join('\n')).join('\n\n') + '\n')
console.log(`${result.length} distinct sentences (from ${sentences.length}) written to ${output}`)
