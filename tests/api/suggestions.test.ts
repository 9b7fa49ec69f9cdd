import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApiClient, createMemoryTransport, type Api } from '../../src/shared/api/rpc'
import { createCore, type Core } from '../../src/main/core/core'
import { replaceSuggestions } from '../../src/main/db/suggestions'
import { tempProject, type TempProject } from '../helpers/temp-project'

describe('suggestions through the contract', () => {
  let project: TempProject
  let core: Core
  let api: Api
  let docId: number
  const text = 'Maria Keller joined Helix Biotech in Lisbon.'

  beforeEach(async () => {
    project = tempProject({ seed: true })
    core = createCore({ projectPath: project.path, shell: 'test' })
    api = createApiClient(createMemoryTransport(core.dispatch, core.bus))
    const db = core.ctx.store.db
    docId = Number(
      db.prepare("INSERT INTO documents (text, content_hash, status) VALUES (?, 'h-sugg', 'todo')").run(text)
        .lastInsertRowid,
    )
    core.ctx.store.transaction(() =>
      replaceSuggestions(db, docId, 'model', null, [
        { start: 0, end: 12, label: 'PER', score: 0.97 },
        { start: 20, end: 33, label: 'ORG', score: 0.61 },
        { start: 37, end: 43, label: 'LOC', score: 0.88 },
      ]),
    )
    await api
      .invoke('spans.add', { documentId: docId, start: 20, end: 25, label: 'ORG' })
      .catch(() => undefined)
  })
  afterEach(() => {
    core.close()
    project.cleanup()
  })

  it('lists undecided suggestions with their scores', async () => {
    const list = await api.invoke('suggestions.list', { documentId: docId })
    expect(list.map((s) => [text.slice(s.start, s.end), s.label, s.score, s.source])).toEqual([
      ['Maria Keller', 'PER', 0.97, 'model'],
      ['Helix Biotech', 'ORG', 0.61, 'model'],
      ['Lisbon', 'LOC', 0.88, 'model'],
    ])
  })

  it('accepting adds spans, refuses overlaps with a reason, and rejections are kept', async () => {
    const [per, org, loc] = await api.invoke('suggestions.list', { documentId: docId })
    const accepted = await api.invoke('suggestions.decide', { ids: [per!.id, org!.id], decision: 'accepted' })
    expect(accepted.createdSpans.map((c) => c.suggestionId)).toEqual([per!.id])
    expect(accepted.skipped).toHaveLength(1)
    expect(accepted.skipped[0]!.reason).toMatch(/^That overlaps the ORG span "Helix"/)
    await api.invoke('suggestions.decide', { ids: [loc!.id], decision: 'rejected' })
    const doc = await api.invoke('documents.get', { id: docId })
    expect(doc.spans.map((s) => [text.slice(s.start, s.end), s.label, s.source])).toEqual([
      ['Maria Keller', 'PER', 'model'],
      ['Helix', 'ORG', 'manual'],
    ])
    expect(doc.status).toBe('todo') // a rejection is not gold O until the document is marked done
    const remaining = await api.invoke('suggestions.list', { documentId: docId })
    expect(remaining.map((s) => s.id)).toEqual([org!.id])
    const all = await api.invoke('suggestions.list', { documentId: docId, includeDecided: true })
    expect(all.find((s) => s.id === loc!.id)!.decision).toBe('rejected')

    // Rejected and accepted suggestions are not proposed again by the next round.
    core.ctx.store.transaction(() =>
      replaceSuggestions(core.ctx.store.db, docId, 'model', null, [
        { start: 37, end: 43, label: 'LOC', score: 0.9 },
      ]),
    )
    expect(await api.invoke('suggestions.list', { documentId: docId })).toEqual([])
  })

  it('shows a span proposed by a pattern and by the model once, and decides both', async () => {
    await api.invoke('patterns.add', { label: 'PER', kind: 'term', pattern: 'Maria Keller' })
    const list = await api.invoke('suggestions.list', { documentId: docId })
    const maria = list.filter((s) => s.start === 0 && s.end === 12)
    expect(maria).toHaveLength(1)
    expect(maria[0]).toMatchObject({ source: 'pattern', score: 1 })
    await api.invoke('suggestions.decide', { ids: [maria[0]!.id], decision: 'rejected' })
    const all = await api.invoke('suggestions.list', { documentId: docId, includeDecided: true })
    expect(all.filter((s) => s.start === 0 && s.end === 12).map((s) => s.decision)).toEqual([
      'rejected',
      'rejected',
    ])
  })

  it('undo takes an acceptance back, span included', async () => {
    const [per] = await api.invoke('suggestions.list', { documentId: docId })
    await api.invoke('suggestions.decide', { ids: [per!.id], decision: 'accepted' })
    const undone = await api.invoke('suggestions.undecide', { ids: [per!.id] })
    expect(undone[0]!.decision).toBeNull()
    const doc = await api.invoke('documents.get', { id: docId })
    expect(doc.spans.map((s) => text.slice(s.start, s.end))).toEqual(['Helix'])
  })
})
