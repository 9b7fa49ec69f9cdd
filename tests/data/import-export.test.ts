import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { exportDocuments, exportToFile, selectDocuments } from '../../src/main/data/export'
import { importFiles } from '../../src/main/data/import'
import { projectStats } from '../../src/main/db/stats'
import { ProjectStore } from '../../src/main/db/store'
import type { ExportFormat } from '../../src/main/formats'
import { tempProject, type TempProject } from '../helpers/temp-project'

const CONLL = resolve(__dirname, '../../../shared/datasets/conll2003')

const UNICODE_DOCS = [
  {
    text: '👩‍👩‍👧 Ада Лавлейс met 王小明 in 𠀀𠀁 City 👍🏽.',
    labels: [
      ['👩‍👩‍👧', 'MISC'],
      ['王小明', 'PER'],
      ['𠀀𠀁 City', 'LOC'],
    ],
  },
  {
    text: 'Café déjà vu: José Ñúñez visited São Paulo.',
    labels: [
      ['José Ñúñez', 'PER'],
      ['São Paulo', 'LOC'],
    ],
  },
  {
    text: 'שלום Tel Aviv ו-القاهرة are far apart.',
    labels: [
      ['Tel Aviv', 'LOC'],
      ['القاهرة', 'LOC'],
    ],
  },
] as const

function spacyLine(doc: (typeof UNICODE_DOCS)[number]): string {
  // spaCy counts code points; compute them independently of the code under test.
  const spans = doc.labels.map(([surface, label]) => {
    const utf16 = doc.text.indexOf(surface)
    const start = [...doc.text.slice(0, utf16)].length
    return { start, end: start + [...surface].length, label }
  })
  return JSON.stringify({ text: doc.text, spans })
}

describe('import and export through the project file', () => {
  let tmp: TempProject
  let store: ProjectStore
  beforeEach(() => {
    tmp = tempProject()
    store = ProjectStore.open(tmp.path)
  })
  afterEach(() => {
    store.close()
    tmp.cleanup()
  })

  it('stores exactly the characters the file labelled, with CJK, emoji and astral characters', () => {
    const file = join(tmp.dir, 'unicode.jsonl')
    writeFileSync(file, UNICODE_DOCS.map(spacyLine).join('\n') + '\n')
    const summary = importFiles(store, [file])
    expect(summary.documents).toBe(3)
    const docs = selectDocuments(store, {})
    for (const [i, doc] of UNICODE_DOCS.entries()) {
      const stored = docs[i]!
      expect(stored.text).toBe(doc.text)
      expect(stored.spans.map((s) => [stored.text.slice(s.start, s.end), s.label])).toEqual(
        doc.labels.map((l) => [...l]),
      )
    }
  })

  it.each(['conll', 'spacy', 'doccano', 'hf'] as ExportFormat[])(
    '%s: import → export → import is lossless',
    (format) => {
      // Token formats (CoNLL, HF) rebuild text from tokens, so the comparison starts from a file in the
      // format itself: project A imported from it and project B imported from A's export are identical.
      const source = join(tmp.dir, 'unicode.jsonl')
      writeFileSync(source, UNICODE_DOCS.map(spacyLine).join('\n') + '\n')
      importFiles(store, [source])
      const ext = format === 'conll' ? 'conll' : 'jsonl'
      const schemeOpt = format === 'conll' || format === 'hf' ? { scheme: 'bioes' as const } : {}
      const roundTrip = (from: ProjectStore, name: string) => {
        const file = join(tmp.dir, `${name}.${ext}`)
        exportToFile(from, { format, ...schemeOpt }, file)
        const to = ProjectStore.open(join(tmp.dir, `${name}.nerproj`), { create: true })
        importFiles(to, [file], { format, ...schemeOpt })
        return to
      }
      const a = roundTrip(store, 'a')
      const b = roundTrip(a, 'b')
      try {
        const docsA = selectDocuments(a, {})
        const docsB = selectDocuments(b, {})
        expect(docsB.map((d) => d.text)).toEqual(docsA.map((d) => d.text))
        expect(docsB.map((d) => d.spans)).toEqual(docsA.map((d) => d.spans))
        // Token formats join mixed-script tokens with spaces; the labelled characters are the same.
        const squash = (t: string) => (format === 'conll' || format === 'hf' ? t.replace(/\s/g, '') : t)
        expect(docsA.flatMap((d) => d.spans.map((s) => squash(d.text.slice(s.start, s.end))))).toEqual(
          UNICODE_DOCS.flatMap((d) => d.labels.map((l) => squash(l[0]))),
        )
        if (format === 'spacy' || format === 'doccano') {
          expect(docsA.map((d) => d.text)).toEqual(UNICODE_DOCS.map((d) => d.text))
        }
      } finally {
        a.close()
        b.close()
      }
    },
  )

  it('rejects a malformed file whole, naming file and line, and leaves the project unchanged', () => {
    const good = join(tmp.dir, 'good.jsonl')
    const bad = join(tmp.dir, 'bad.conll')
    writeFileSync(good, UNICODE_DOCS.map(spacyLine).join('\n') + '\n')
    writeFileSync(bad, 'Ada B-PER\nLovelace I-PER\n\nParis X-LOC\n')
    const before = projectStats(store.db)
    expect(() => importFiles(store, [good, bad])).toThrow(/^bad\.conll:4: /)
    expect(projectStats(store.db)).toEqual(before)
    expect(store.db.prepare('SELECT count(*) AS n FROM labels').get()).toEqual({ n: 0 })
  })

  it('skips exact duplicates and counts them', () => {
    const file = join(tmp.dir, 'dup.txt')
    writeFileSync(file, 'one line\nanother line\none line\n')
    const first = importFiles(store, [file])
    expect(first).toMatchObject({ documents: 2, duplicates: 1 })
    const second = importFiles(store, [file])
    expect(second).toMatchObject({ documents: 0, duplicates: 3 })
  })

  it('filters exports by split and status', () => {
    const file = join(tmp.dir, 'docs.txt')
    writeFileSync(file, 'a b c\nd e f\n')
    importFiles(store, [file], { split: 'dev', status: 'todo' })
    writeFileSync(file, 'g h i\n')
    importFiles(store, [file], { split: 'train', status: 'done' })
    expect(exportDocuments(store, { format: 'txt', split: 'dev' }).report.documents).toBe(2)
    expect(exportDocuments(store, { format: 'txt', status: 'done' }).content).toBe('g h i\n')
  })

  describe.skipIf(!existsSync(CONLL))('CoNLL-2003 train', () => {
    it('imports with the published entity counts and reproduces its tag column as IOB2', () => {
      const summary = importFiles(store, [join(CONLL, 'train.txt')])
      expect(summary).toMatchObject({ documents: 946, tokens: 203621 })
      const stats = projectStats(store.db)
      expect(stats.spansPerLabel).toEqual({ LOC: 7140, MISC: 3438, ORG: 6321, PER: 6600 })
      const out = join(mkdtempSync(join(tmpdir(), 'conll-')), 'train.iob2')
      exportToFile(store, { format: 'conll', scheme: 'iob2' }, out)
      const column = (text: string) =>
        text
          .split('\n')
          .filter((l) => l.trim() !== '')
          .map((l) => {
            const cols = l.trim().split(/\s+/)
            return `${cols[0]} ${cols[cols.length - 1]}`
          })
      expect(column(readFileSync(out, 'utf8'))).toEqual(
        column(readFileSync(join(CONLL, 'train.txt'), 'utf8')),
      )
    })
  })
})
