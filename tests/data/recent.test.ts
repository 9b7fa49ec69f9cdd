import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { RecentProjects } from '../../src/main/runtime/recent'

describe('the recent projects list', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ner-studio-recent-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('puts the latest first, once, and keeps at most its limit', () => {
    const recent = new RecentProjects(join(dir, 'nested', 'recent.json'), 3)
    for (const name of ['a', 'b', 'c', 'a', 'd']) {
      expect(recent.add(join(dir, `${name}.nerproj`), new Date(Date.UTC(2026, 0, 1)))).toBe(true)
    }
    expect(recent.list().map((e) => e.path)).toEqual(['d', 'a', 'c'].map((n) => join(dir, `${n}.nerproj`)))
    expect(JSON.parse(readFileSync(join(dir, 'nested', 'recent.json'), 'utf8'))[0]).toEqual({
      path: join(dir, 'd.nerproj'),
      openedAt: '2026-01-01T00:00:00.000Z',
    })
  })

  it('treats a damaged file as an empty list and replaces it on the next write', () => {
    const file = join(dir, 'recent.json')
    const recent = new RecentProjects(file)
    for (const junk of ['{not json', '{"path": 1}', '[{"path": 3}, "x", null]']) {
      writeFileSync(file, junk)
      expect(recent.list()).toEqual([])
    }
    recent.add(join(dir, 'p.nerproj'))
    expect(recent.list().map((e) => e.path)).toEqual([join(dir, 'p.nerproj')])
  })

  it('keeps nothing without a file, and reports a write it could not make', () => {
    expect(new RecentProjects(null).add(join(dir, 'p.nerproj'))).toBe(false)
    writeFileSync(join(dir, 'blocker'), '')
    // A file where the folder should be: the list cannot be written, and that is not an error.
    expect(new RecentProjects(join(dir, 'blocker', 'recent.json')).add(join(dir, 'p.nerproj'))).toBe(false)
  })
})
