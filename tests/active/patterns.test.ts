import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Api } from '../../src/shared/api/rpc'
import type { ApiError } from '../../src/shared/api/errors'
import { PatternMatcher, parsePatternFile } from '../../src/main/active/patterns'
import type { Core } from '../../src/main/core/core'
import { migrate } from '../../src/main/db/open'
import { type TempProject } from '../helpers/temp-project'
import { closeApiSession, openApiSession } from '../helpers/api-session'

const spansOf = (text: string, m: PatternMatcher) =>
  m.match(text).map((s) => [text.slice(s.start, s.end), s.label])

describe('PatternMatcher', () => {
  it('matches whole tokens, case-insensitively by default, longest first', () => {
    const m = new PatternMatcher([
      { label: 'LOC', kind: 'term', pattern: 'Paris', caseSensitive: false },
      { label: 'ORG', kind: 'term', pattern: 'Paris Saint-Germain', caseSensitive: false },
      { label: 'ORG', kind: 'term', pattern: 'ACME', caseSensitive: true },
    ])
    expect(spansOf('paris saint-germain beat Lyon; Parisian fans left PARIS. Acme and ACME.', m)).toEqual([
      ['paris saint-germain', 'ORG'],
      ['PARIS', 'LOC'],
      ['ACME', 'ORG'],
    ])
  })

  it('matches CJK terms per character and keeps emoji intact', () => {
    const m = new PatternMatcher([
      { label: 'ORG', kind: 'term', pattern: '华东科技公司', caseSensitive: false },
      { label: 'LOC', kind: 'term', pattern: '上海', caseSensitive: false },
    ])
    expect(spansOf('👍🏽 华东科技公司在上海设立了研发中心。', m)).toEqual([
      ['华东科技公司', 'ORG'],
      ['上海', 'LOC'],
    ])
  })

  it('takes regex matches only on token boundaries', () => {
    const m = new PatternMatcher([
      { label: 'DATE', kind: 'regex', pattern: '\\d{4}-\\d{2}-\\d{2}', caseSensitive: false },
    ])
    expect(spansOf('Filed 1996-08-22, not x1996-08-22y.', m)).toEqual([['1996-08-22', 'DATE']])
  })

  it('refuses an invalid regular expression with a sentence', () => {
    expect(
      () => new PatternMatcher([{ label: 'X', kind: 'regex', pattern: '(unclosed', caseSensitive: false }]),
    ).toThrow(/^The pattern \/\(unclosed\/ is not a valid regular expression: /)
  })

  it('reads term lists and spaCy EntityRuler JSONL, naming the line of a bad record', () => {
    expect(parsePatternFile('Acme Corp\n# comment\n\nGlobex\n', 'orgs.txt', 'ORG')).toEqual([
      { label: 'ORG', kind: 'term', pattern: 'Acme Corp', caseSensitive: false },
      { label: 'ORG', kind: 'term', pattern: 'Globex', caseSensitive: false },
    ])
    const jsonl = [
      '{"label": "GPE", "pattern": "San Francisco"}',
      '{"label": "ORG", "pattern": [{"lower": "apple"}, {"lower": "inc"}]}',
      '{"label": "DATE", "pattern": "\\\\d{4}", "regex": true}',
    ].join('\n')
    expect(parsePatternFile(jsonl, 'p.jsonl').map((r) => [r.label, r.kind, r.pattern])).toEqual([
      ['GPE', 'term', 'San Francisco'],
      ['ORG', 'term', 'apple inc'],
      ['DATE', 'regex', '\\d{4}'],
    ])
    expect(() => parsePatternFile('{"label": "A", "pattern": "x"}\n{oops', 'p.jsonl')).toThrow(
      'p.jsonl:2: this line is not valid JSON.',
    )
    expect(() => parsePatternFile('Acme', 'orgs.txt')).toThrow(
      'orgs.txt:1: a term list needs a label; choose the label the terms belong to.',
    )
  })
})

describe('pattern suggestions through the contract', () => {
  let project: TempProject
  let core: Core
  let api: Api
  beforeEach(() => {
    ;({ project, core, api } = openApiSession())
  })
  afterEach(() => closeApiSession({ project, core, api }))

  it('proposes spans from terms in documents to do, with stable ids across refreshes', async () => {
    await api.invoke('patterns.import', { fileName: 'cities.txt', content: 'Lisbon\nOsaka\n', label: 'LOC' })
    await api.invoke('patterns.add', { label: 'ORG', kind: 'term', pattern: 'Northwind Logistics' })
    expect((await api.invoke('patterns.list', {})).map((p) => p.pattern)).toEqual([
      'Northwind Logistics',
      'Lisbon',
      'Osaka',
    ])
    const row = core.ctx.store.db
      .prepare("SELECT id, text FROM documents WHERE status = 'todo' AND text LIKE '%Lisbon%' LIMIT 1")
      .get() as { id: number; text: string }
    const first = await api.invoke('suggestions.list', { documentId: row.id })
    expect(
      first.some(
        (s) => s.source === 'pattern' && s.label === 'LOC' && row.text.slice(s.start, s.end) === 'Lisbon',
      ),
    ).toBe(true)
    const again = await api.invoke('suggestions.list', { documentId: row.id })
    expect(again.map((s) => s.id)).toEqual(first.map((s) => s.id))
    const bad = (await api
      .invoke('patterns.add', { label: 'X', kind: 'regex', pattern: '[' })
      .catch((e: unknown) => e)) as ApiError
    expect(bad.code).toBe('user_error')
  })
})

describe('migration 0003 (patterns)', () => {
  it('adds the patterns table to a version-2 database, with its label cascade', () => {
    const db = new Database(':memory:')
    migrate(db, 2)
    expect(db.pragma('user_version', { simple: true })).toBe(2)
    db.exec("INSERT INTO labels (id, name, color, position) VALUES (1, 'ORG', '#000000', 0)")
    migrate(db, 3)
    expect(db.pragma('user_version', { simple: true })).toBe(3)
    db.pragma('foreign_keys = ON')
    db.exec("INSERT INTO patterns (label_id, kind, pattern) VALUES (1, 'term', 'Acme')")
    expect(() => db.exec("INSERT INTO patterns (label_id, kind, pattern) VALUES (1, 'glob', 'x')")).toThrow(
      /CHECK/,
    )
    db.exec('DELETE FROM labels WHERE id = 1')
    expect(db.prepare('SELECT count(*) AS n FROM patterns').get()).toEqual({ n: 0 })
    db.close()
  })
})
