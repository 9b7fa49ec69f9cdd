/**
 * Project-file speed (run: `npm run bench`): importing and exporting CoNLL-2003 train through the
 * project file (goals: import < 2 s, export < 1 s), and listing a page of 50 documents with filters
 * and with a text search in a 100,000-document project (goal < 50 ms). Figures go to
 * bench/results/data.json; nothing is asserted.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, it } from 'vitest'
import { exportDocuments } from '../src/main/data/export'
import { importContentsLive } from '../src/main/data/import'
import { insertDocuments, listDocuments, type ListQuery } from '../src/main/db/documents'
import { ProjectStore } from '../src/main/db/store'
import { parseConll } from '../src/main/formats'
import type { DocumentInput, DocStatus, Split } from '../src/shared/types'
import { medianMs, report } from './report'

const CONLL = resolve(__dirname, '../../shared/datasets/conll2003')
const LARGE = 100_000

const dir = mkdtempSync(join(tmpdir(), 'ner-studio-bench-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const rows: Record<string, string | number>[] = []
let projects = 0
const freshProject = () => ProjectStore.open(join(dir, `p${projects++}.nerproj`), { create: true })

/** 100,000 distinct documents of two CoNLL sentences each, with their entities, 80/10/10 splits. */
function largeCorpus(): { docs: DocumentInput[]; split: Split; status: DocStatus }[] {
  const sentences = ['train.txt', 'dev.txt', 'test.txt'].flatMap((f) =>
    parseConll(readFileSync(join(CONLL, f)), f, { documentPer: 'sentence' }).documents.filter(
      (d) => d.text.length > 20,
    ),
  )
  const n = sentences.length
  const groups = new Map<string, { docs: DocumentInput[]; split: Split; status: DocStatus }>()
  const seen = new Set<string>()
  for (let k = 0, i = 0; k < LARGE; i++) {
    const a = sentences[i % n]!
    const b = sentences[(i * 7919 + Math.floor(i / n)) % n]!
    const text = `${a.text} ${b.text}`
    if (a === b || seen.has(text)) continue
    seen.add(text)
    const shift = a.text.length + 1
    const doc: DocumentInput = {
      text,
      spans: [...a.spans, ...b.spans.map((s) => ({ ...s, start: s.start + shift, end: s.end + shift }))],
    }
    const split: Split = k % 10 === 8 ? 'dev' : k % 10 === 9 ? 'test' : 'train'
    const status: DocStatus = k % 3 === 0 ? 'done' : k % 17 === 0 ? 'skipped' : 'todo'
    const key = `${split}/${status}`
    if (!groups.has(key)) groups.set(key, { docs: [], split, status })
    groups.get(key)!.docs.push(doc)
    k++
  }
  return [...groups.values()]
}

/** Median of fresh listings: a write between runs makes the remembered counts stale, as after an edit. */
function listMs(store: ProjectStore, q: ListQuery, fresh: boolean): { ms: number; total: number } {
  const samples: number[] = []
  let total = 0
  for (let i = 0; i < 7; i++) {
    if (fresh) store.db.prepare('UPDATE documents SET status = status WHERE id = 1').run()
    const t = performance.now()
    total = listDocuments(store.db, q).total
    samples.push(performance.now() - t)
  }
  return { ms: medianMs(samples), total }
}

describe.skipIf(!existsSync(CONLL))('project file speed', () => {
  it('imports and exports CoNLL-2003 train', async () => {
    const bytes = new Uint8Array(readFileSync(join(CONLL, 'train.txt')))
    const importTimes: number[] = []
    const exportTimes: number[] = []
    for (let i = 0; i < 3; i++) {
      const store = freshProject()
      let t = performance.now()
      // The UI's path: a second connection, chunks, a pause after each for progress events.
      const summary = await importContentsLive(store.path, [{ name: 'train.txt', content: bytes }])
      importTimes.push(performance.now() - t)
      t = performance.now()
      const out = exportDocuments(store, { format: 'conll', scheme: 'iob2' })
      exportTimes.push(performance.now() - t)
      if (i === 0) {
        rows.push({
          step: 'import CoNLL-2003 train (UI path, parse + write)',
          size: `${(bytes.length / 1e6).toFixed(1)} MB, ${summary.documents} docs, ${summary.tokens} tokens`,
          ms: 0,
          goal: '< 2000',
        })
        rows.push({
          step: 'export CoNLL-2003 train as IOB2',
          size: `${(out.content.length / 1e6).toFixed(1)} MB`,
          ms: 0,
          goal: '< 1000',
        })
      }
      store.close()
    }
    rows[rows.length - 2]!.ms = Math.round(medianMs(importTimes))
    rows[rows.length - 1]!.ms = Math.round(medianMs(exportTimes))
  })

  it(`lists pages of a ${LARGE.toLocaleString('en')}-document project`, () => {
    const store = freshProject()
    const t = performance.now()
    store.transaction(() => {
      for (const g of largeCorpus()) insertDocuments(store.db, g.docs, { split: g.split, status: g.status })
    })
    const buildMs = performance.now() - t
    const docs = (store.db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n
    rows.push({
      step: `build the large project (insert + index)`,
      size: `${docs} docs`,
      ms: Math.round(buildMs),
      goal: '',
    })
    const cases: [string, Omit<ListQuery, 'limit'>][] = [
      ['page 1, no filter', { offset: 0 }],
      ['page 1, split=train status=todo', { offset: 0, split: 'train', status: 'todo' }],
      ['page 1, split=dev', { offset: 0, split: 'dev' }],
      ['page 500, status=done', { offset: 500 * 50, status: 'done' }],
      ['search "Germany"', { offset: 0, query: 'Germany' }],
      [
        'search "Germany", split=train status=done',
        { offset: 0, query: 'Germany', split: 'train', status: 'done' },
      ],
      ['search "the" (very common)', { offset: 0, query: 'the' }],
      ['search "Lisbon" page 3', { offset: 100, query: 'Lisbon' }],
      ['search "EU" (2 chars, LIKE)', { offset: 0, query: 'EU' }],
    ]
    for (const [name, q] of cases) {
      const fresh = listMs(store, { ...q, limit: 50 }, true)
      const again = listMs(store, { ...q, limit: 50 }, false)
      rows.push({
        step: `list ${name}`,
        size: `${fresh.total} matches`,
        ms: Number(fresh.ms.toFixed(1)),
        goal: '< 50',
        'ms, next page (count remembered)': Number(again.ms.toFixed(1)),
      })
    }
    store.close()
    report('data', rows)
  })
})
