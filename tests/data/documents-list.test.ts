import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { insertDocuments, listDocuments, SHORT_SEARCH_COUNT_CAP } from '../../src/main/db/documents'
import { ProjectStore } from '../../src/main/db/store'
import { tempProject, type TempProject } from '../helpers/temp-project'

describe('documents.list over a real project file', () => {
  let tmp: TempProject
  let store: ProjectStore
  beforeEach(() => {
    tmp = tempProject({ seed: true })
    store = ProjectStore.open(tmp.path)
  })
  afterEach(() => {
    store.close()
    tmp.cleanup()
  })

  const sqlCount = (where: string, ...params: unknown[]) =>
    (store.db.prepare(`SELECT count(*) AS n FROM documents WHERE ${where}`).get(...params) as { n: number }).n

  it('pages through a filter in id order without gaps, with the exact total', () => {
    const expected = store.db
      .prepare("SELECT id FROM documents WHERE split = 'train' AND status = 'todo' ORDER BY id")
      .all()
      .map((r) => (r as { id: number }).id)
    const seen: number[] = []
    for (let offset = 0; offset < expected.length + 7; offset += 7) {
      const page = listDocuments(store.db, { offset, limit: 7, split: 'train', status: 'todo' })
      expect(page.total).toBe(expected.length)
      expect(page.totalCapped).toBe(false)
      seen.push(...page.items.map((d) => d.id))
    }
    expect(seen).toEqual(expected)
  })

  it('gives each row its label counts, span count and lowest pending suggestion score', () => {
    const page = listDocuments(store.db, { offset: 0, limit: 50, status: 'done' })
    expect(page.items.length).toBeGreaterThan(0)
    for (const d of page.items) {
      const rows = store.db
        .prepare(
          `SELECT l.name AS label, count(*) AS n FROM spans s JOIN labels l ON l.id = s.label_id
           WHERE s.document_id = ? GROUP BY l.name`,
        )
        .all(d.id) as { label: string; n: number }[]
      expect(d.labelCounts).toEqual(Object.fromEntries(rows.map((r) => [r.label, r.n])))
      expect(d.spanCount).toBe(rows.reduce((n, r) => n + r.n, 0))
      expect(d.score).toBeNull()
    }
    const target = page.items[1]!
    const label = store.db.prepare('SELECT id FROM labels LIMIT 1').get() as { id: number }
    const suggest = store.db.prepare(
      "INSERT INTO suggestions (document_id, start, end, label_id, score, source, decision) VALUES (?, 0, 1, ?, ?, 'model', ?)",
    )
    suggest.run(target.id, label.id, 0.42, null)
    suggest.run(target.id, label.id, 0.9, null)
    suggest.run(target.id, label.id, 0.1, 'rejected') // decided: no longer counts
    const again = listDocuments(store.db, { offset: 0, limit: 50, status: 'done' })
    expect(again.items.find((d) => d.id === target.id)?.score).toBeCloseTo(0.42)
  })

  it('searches case-insensitively and recounts after a write', () => {
    const before = listDocuments(store.db, { offset: 0, limit: 5, query: 'lisbon' })
    expect(before.total).toBe(sqlCount("text LIKE '%lisbon%'"))
    expect(before.items.every((d) => /lisbon/i.test(d.preview) || d.length > 160)).toBe(true)
    store.transaction(() =>
      insertDocuments(store.db, [{ text: 'A new note about LISBON harbour.', spans: [] }]),
    )
    const after = listDocuments(store.db, { offset: 0, limit: 5, query: 'lisbon' })
    expect(after.total).toBe(before.total + 1)
    // Moving to another split is a write as well: the split filter's count follows it.
    const devBefore = listDocuments(store.db, { offset: 0, limit: 1, split: 'dev' }).total
    store.db
      .prepare(
        "UPDATE documents SET split = 'dev' WHERE split = 'train' AND id = (SELECT min(id) FROM documents WHERE split = 'train')",
      )
      .run()
    expect(listDocuments(store.db, { offset: 0, limit: 1, split: 'dev' }).total).toBe(devBefore + 1)
  })

  it('stops counting a short search past its cap and says so', () => {
    const docs = Array.from({ length: SHORT_SEARCH_COUNT_CAP + 5 }, (_, i) => ({
      text: `qz row ${i}`,
      spans: [],
    }))
    store.transaction(() => insertDocuments(store.db, docs))
    const page = listDocuments(store.db, { offset: 0, limit: 50, query: 'qz' })
    expect(page).toMatchObject({ total: SHORT_SEARCH_COUNT_CAP, totalCapped: true })
    expect(page.items).toHaveLength(50)
    const exact = listDocuments(store.db, { offset: 0, limit: 50, query: 'qz row 100' })
    expect(exact.total).toBe(sqlCount("text LIKE '%qz row 100%'"))
    expect(exact.totalCapped).toBe(false)
  })
})
