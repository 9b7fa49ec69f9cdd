/**
 * Editor model speed on a long document (run: `npx jiti bench/editor-model.ts`): 20,000 tokens in
 * paragraphs of mixed Latin, CJK, emoji and Hebrew text with 1,000 spans. Prints the median of
 * seven runs per step; the layout target is well under 50 ms so the editor opens without a stall.
 */
import {
  assignSpans,
  blockSegments,
  buildBlocks,
  checkNewSpan,
  docText,
  graphemeUnits,
  planLabel,
  snapOffsets,
  type DocAnnotations,
  type Span,
} from '../src/renderer/src/editor/model'

function median(fn: () => void): number {
  const times: number[] = []
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now()
    fn()
    times.push(performance.now() - t0)
  }
  return times.sort((a, b) => a - b)[3]!
}

const words = ['Alice', 'met', 'Bob', 'in', 'New', 'York', '北', '京', '👨‍👩‍👧', 'שלום', 'café', 'U.S.', ',', '.']
const parts: string[] = []
for (let i = 0; i < 20_000; i++) {
  parts.push(words[(i * 7919) % words.length]!)
  parts.push(i % 400 === 399 ? '\n' : ' ')
}
const text = parts.join('')
const doc = docText(text)
const spans: Span[] = []
for (let t = 0; spans.length < 1000; t += 20) {
  const a = doc.tokens[t]!
  const b = doc.tokens[t + 1]!
  spans.push({ id: `s${t}`, start: a.start, end: b.end, label: 'PER', source: 'manual' })
}
const blocks = buildBlocks(text, doc.tokens, { maxTokensPerBlock: 100 })
const layout = { blocks, tokens: doc.tokens, spansByBlock: assignSpans(blocks, spans) }
const ann: DocAnnotations = { docId: 'd', spans, suggestions: [], status: 'todo' }

const rows: [string, number][] = [
  ['open: tokenize (docText)', median(() => docText(text))],
  ['grapheme boundaries (lazy)', median(() => docText(text, doc.tokens).boundaries)],
  ['grapheme units', median(() => graphemeUnits(doc))],
  ['build blocks', median(() => buildBlocks(text, doc.tokens, { maxTokensPerBlock: 100 }))],
  ['assign 1,000 spans', median(() => assignSpans(blocks, spans))],
  [
    'segments, 20 visible blocks',
    median(() => Array.from({ length: 20 }, (_, i) => blockSegments(layout, 50 + i))),
  ],
  ['snap 1,000 drags', median(() => spans.forEach((s) => snapOffsets(doc.tokens, s.start + 1, s.end - 1)))],
  ['check a new span', median(() => checkNewSpan(doc, spans, { start: 0, end: 5, label: 'X' }))],
  ['plan a label', median(() => planLabel(doc, ann, { start: 0, end: 5 }, 'X'))],
]
console.log(
  `${doc.tokens.length} tokens, ${text.length} code units, ${blocks.length} blocks, ${spans.length} spans`,
)
for (const [k, v] of rows) console.log(`  ${k.padEnd(30)} ${v.toFixed(2)} ms`)
