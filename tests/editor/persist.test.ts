/**
 * The editor's write path against a real core over the in-memory transport: after every edit,
 * undo and redo, what the editor shows must be what the project file holds.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../src/main/core/core'
import { insertDocuments } from '../../src/main/db/documents'
import { replaceSuggestions } from '../../src/main/db/suggestions'
import { createApiClient, createMemoryTransport, type Api } from '../../src/shared/api/rpc'
import { createWriter, SpanIds, suggestionFromStored } from '../../src/renderer/src/editor/persist'
import type { Command, DocAnnotations, History, Plan } from '../../src/renderer/src/editor/model'
import {
  applyCommand,
  docAnnotations,
  docText,
  emptyHistory,
  planAcceptAbove,
  planAcceptSuggestion,
  planDelete,
  planLabel,
  planRejectSuggestion,
  planRelabel,
  planStatus,
  record,
  redo,
  undo,
} from '../../src/renderer/src/editor/model'
import { tempProject, type TempProject } from '../helpers/temp-project'

const TEXT = 'Grace Hopper joined Remington Rand in Philadelphia in 1949 with 👩‍💻 notes.'

/** What the editor page does, minus React: apply, record, write; undo and redo replay commands. */
class Session {
  ann: DocAnnotations
  history: History = emptyHistory()
  readonly ids = new SpanIds()
  readonly write: (cmd: Command) => Promise<void>
  readonly doc = docText(TEXT)

  constructor(
    private readonly api: Api,
    readonly docId: number,
  ) {
    this.ann = docAnnotations(String(docId), [])
    this.write = createWriter(api, this.ids)
  }

  async load(): Promise<void> {
    const view = await this.api.invoke('documents.get', { id: this.docId })
    const sg = await this.api.invoke('suggestions.list', { documentId: this.docId })
    this.ann = docAnnotations(
      String(this.docId),
      view.spans.map((s) => this.ids.fromStored(s)),
      sg.map(suggestionFromStored),
      view.status,
    )
  }

  async do(plan: Plan | Command | null): Promise<void> {
    if (plan === null) throw new Error('nothing to do')
    const cmd = 'ok' in plan ? (plan.ok ? plan.command : null) : plan
    if (!cmd) throw new Error(`refused: ${'reason' in plan ? plan.reason : ''}`)
    this.ann = applyCommand(this.ann, cmd)
    this.history = record(this.history, cmd)
    await this.write(cmd)
  }

  async undo(): Promise<void> {
    const step = undo(this.history)!
    this.history = step.history
    this.ann = applyCommand(this.ann, step.command)
    await this.write(step.command)
  }

  async redo(): Promise<void> {
    const step = redo(this.history)!
    this.history = step.history
    this.ann = applyCommand(this.ann, step.command)
    await this.write(step.command)
  }

  range(word: string): { start: number; end: number } {
    const start = TEXT.indexOf(word)
    return { start, end: start + word.length }
  }

  spanId(word: string): string {
    const r = this.range(word)
    return this.ann.spans.find((s) => s.start === r.start && s.end === r.end)!.id
  }

  suggestionId(word: string): string {
    const r = this.range(word)
    return this.ann.suggestions.find((s) => s.start === r.start && s.end === r.end)!.id
  }

  /** The editor's view and the project file, in the same shape. */
  async compare(): Promise<{ local: string[]; stored: string[] }> {
    const view = await this.api.invoke('documents.get', { id: this.docId })
    const sg = await this.api.invoke('suggestions.list', { documentId: this.docId })
    const show = (s: { start: number; end: number; label: string }) =>
      `${s.label}:${TEXT.slice(s.start, s.end)}`
    return {
      local: [
        ...this.ann.spans.map(show),
        ...this.ann.suggestions.map((s) => `?${show(s)}`),
        `status:${this.ann.status}`,
      ],
      stored: [...view.spans.map(show), ...sg.map((s) => `?${show(s)}`), `status:${view.status}`],
    }
  }
}

describe('editor writes through the API', () => {
  let project: TempProject
  let core: Core
  let api: Api
  let s: Session

  async function expectInSync(): Promise<string[]> {
    const { local, stored } = await s.compare()
    expect(local).toEqual(stored)
    return stored
  }

  beforeEach(async () => {
    project = tempProject({ seed: true })
    core = createCore({ projectPath: project.path, shell: 'test' })
    api = createApiClient(createMemoryTransport(core.dispatch, core.bus))
    const db = core.ctx.store.db
    core.ctx.store.transaction(() => insertDocuments(db, [{ text: TEXT, spans: [] }]))
    const docId = (db.prepare('SELECT max(id) AS id FROM documents').get() as { id: number }).id
    const at = (w: string) => ({ start: TEXT.indexOf(w), end: TEXT.indexOf(w) + w.length })
    core.ctx.store.transaction(() =>
      replaceSuggestions(db, docId, 'model', null, [
        { ...at('Grace Hopper'), label: 'PER', score: 0.97 },
        { ...at('Remington Rand'), label: 'ORG', score: 0.91 },
        { ...at('Rand in'), label: 'LOC', score: 0.4 },
        { ...at('Philadelphia'), label: 'LOC', score: 0.88 },
        { ...at('1949'), label: 'DATE', score: 0.5 },
      ]),
    )
    s = new Session(api, docId)
    await s.load()
  })
  afterEach(() => {
    core.close()
    project.cleanup()
  })

  it('keeps the editor and the project file equal through edits, undo and redo', async () => {
    const states: string[][] = [await expectInSync()]
    const steps: (() => Promise<void>)[] = [
      () => s.do(planLabel(s.doc, s.ann, s.range('👩‍💻'), 'PER')),
      () => s.do(planAcceptSuggestion(s.doc, s.ann, s.suggestionId('Grace Hopper'))),
      () => s.do(planRelabel(s.doc, s.ann, s.spanId('Grace Hopper'), 'ORG')),
      () => s.do(planRejectSuggestion(s.ann, s.suggestionId('1949'))),
      () => s.do(planAcceptAbove(s.doc, s.ann, 0.8).command),
      () => s.do(planDelete(s.ann, s.spanId('Philadelphia'))),
      () => s.do(planStatus(s.ann, 'done')),
    ]
    for (const step of steps) {
      await step()
      states.push(await expectInSync())
    }
    expect(states.at(-1)).toEqual([
      'ORG:Grace Hopper',
      'ORG:Remington Rand',
      'PER:👩‍💻',
      '?LOC:Rand in',
      'status:done',
    ])
    // Undo everything, checking each intermediate state against the one recorded on the way in.
    for (let i = steps.length - 1; i >= 0; i--) {
      await s.undo()
      expect(await expectInSync()).toEqual(states[i])
    }
    for (let i = 1; i <= steps.length; i++) {
      await s.redo()
      expect(await expectInSync()).toEqual(states[i])
    }
  })

  it('undoing an acceptance also removes a span that was deleted and restored in between', async () => {
    await s.do(planAcceptSuggestion(s.doc, s.ann, s.suggestionId('Philadelphia')))
    await s.do(planDelete(s.ann, s.spanId('Philadelphia')))
    await s.undo() // the span comes back as a new row
    await s.undo() // the acceptance goes
    const stored = await expectInSync()
    expect(stored).not.toContain('LOC:Philadelphia')
    expect(stored).toContain('?LOC:Philadelphia')
  })

  it('undoes an edit after the document was closed and opened again', async () => {
    await s.do(planLabel(s.doc, s.ann, s.range('1949'), 'DATE'))
    await s.do(planAcceptSuggestion(s.doc, s.ann, s.suggestionId('Grace Hopper')))
    await s.load() // the editor page reads the document afresh
    await s.undo()
    await s.undo()
    expect(await expectInSync()).not.toContain('DATE:1949')
  })

  it('rejects a write the project refuses, so the caller can show why and reload', async () => {
    // Another client labels the same characters first.
    await api.invoke('spans.add', { documentId: s.docId, ...s.range('Remington Rand'), label: 'ORG' })
    const plan = planAcceptSuggestion(s.doc, s.ann, s.suggestionId('Rand in'))
    if (!plan.ok) throw new Error(plan.reason)
    await expect(s.write(plan.command)).rejects.toThrow(/overlaps/)
    // The queue goes on after a failure.
    await s.do(planLabel(s.doc, s.ann, s.range('1949'), 'DATE'))
    expect((await s.compare()).stored).toContain('DATE:1949')
  })
})
