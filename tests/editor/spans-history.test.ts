import { describe, expect, it } from 'vitest'
import type { Command, DocAnnotations, History, Span } from '../../src/renderer/src/editor/model'
import {
  applyCommand,
  checkNewSpan,
  docText,
  documentsOf,
  effects,
  emptyHistory,
  insertSpan,
  inverse,
  planDelete,
  planLabel,
  planRelabel,
  planStatus,
  record,
  redo,
  redoLabel,
  relabelSpan,
  removeSpan,
  undo,
  undoLabel,
} from '../../src/renderer/src/editor/model'

const FAMILY = '👨\u200d👩\u200d👧'
const text = `Alice Smith flew from New York to 北京 with ${FAMILY} and 👍🏽.`
const doc = docText(text)

function rangeOf(word: string): { start: number; end: number } {
  const start = text.indexOf(word)
  if (start < 0) throw new Error(`no ${word}`)
  return { start, end: start + word.length }
}

let n = 0
const ids = (): string => `t${++n}`

function span(word: string, label: string): Span {
  return { id: ids(), ...rangeOf(word), label, source: 'manual' }
}

function ann(spans: Span[] = [], docId = 'd1'): DocAnnotations {
  return { docId, spans, suggestions: [], status: 'todo' }
}

function expectRefusal(check: { ok: boolean; reason?: string }, ...phrases: string[]): void {
  expect(check.ok).toBe(false)
  for (const p of phrases) expect(check.reason).toContain(p)
}

describe('span rules', () => {
  const city = span('New York', 'LOC')

  it('refuses an overlap in flat NER and names the conflicting span', () => {
    const check = checkNewSpan(doc, [city], { ...rangeOf('York to'), label: 'ORG' })
    expectRefusal(check, '“York to”', 'LOC', '“New York”', 'flat NER')
  })

  it('allows touching spans and, for nested NER, overlapping ones', () => {
    expect(checkNewSpan(doc, [city], { ...rangeOf('to'), label: 'O' }).ok).toBe(true)
    expect(checkNewSpan(doc, [city], { ...rangeOf('York'), label: 'GPE' }, { allowOverlap: true }).ok).toBe(
      true,
    )
  })

  it('refuses spans that cut an emoji or a surrogate pair in two', () => {
    const f = rangeOf(FAMILY)
    expectRefusal(
      checkNewSpan(doc, [], { start: f.start, end: f.start + 1, label: 'X' }),
      `offset ${f.start + 1}`,
    )
    expectRefusal(checkNewSpan(doc, [], { start: f.start + 2, end: f.end, label: 'X' }), 'in two')
    const thumb = rangeOf('👍🏽')
    expectRefusal(checkNewSpan(doc, [], { start: thumb.start, end: thumb.start + 2, label: 'X' }), 'in two')
    expect(checkNewSpan(doc, [], { ...f, label: 'X' }).ok).toBe(true)
  })

  it('refuses empty, whitespace-only, out-of-range and duplicate spans', () => {
    expectRefusal(checkNewSpan(doc, [], { start: 3, end: 3, label: 'X' }), 'empty')
    expectRefusal(checkNewSpan(doc, [], { start: 5, end: 6, label: 'X' }), 'whitespace')
    expectRefusal(
      checkNewSpan(doc, [], { start: 0, end: text.length + 1, label: 'X' }),
      `${text.length} characters`,
    )
    expectRefusal(checkNewSpan(doc, [city], { ...rangeOf('New York'), label: 'LOC' }), 'already labelled LOC')
  })

  it('keeps span lists sorted and unchanged in place', () => {
    const a = span('Alice', 'PER')
    const b = span('北京', 'LOC')
    const list = insertSpan(insertSpan([], b), a)
    expect(list.map((s) => s.label)).toEqual(['PER', 'LOC'])
    const frozen = Object.freeze([...list])
    expect(removeSpan(frozen, a.id)).toEqual([b])
    expect(relabelSpan(frozen, b.id, 'GPE')[1]!.label).toBe('GPE')
    expect(frozen[1]!.label).toBe('LOC')
  })
})

describe('intents', () => {
  it('adds a manual span with the exact selected characters', () => {
    const plan = planLabel(doc, ann(), rangeOf('北京'), 'LOC', {}, ids)
    expect(plan.ok).toBe(true)
    if (!plan.ok || plan.command.kind !== 'addSpan') throw new Error('expected addSpan')
    expect(text.slice(plan.command.span.start, plan.command.span.end)).toBe('北京')
    expect(plan.command.span.source).toBe('manual')
  })

  it('relabels when the selection is exactly an existing span', () => {
    const s = { ...span('Alice Smith', 'ORG'), source: 'model' as const }
    const plan = planLabel(doc, ann([s]), rangeOf('Alice Smith'), 'PER')
    if (!plan.ok || plan.command.kind !== 'replaceSpan') throw new Error('expected replaceSpan')
    expect(plan.command.after).toMatchObject({ id: s.id, label: 'PER', source: 'manual' })
  })

  it('refuses with the reason when a partial overlap is labelled', () => {
    const plan = planLabel(doc, ann([span('Alice Smith', 'PER')]), rangeOf('Smith'), 'PER')
    expectRefusal(plan, 'overlaps the PER span')
  })

  it('explains a relabel or delete of a span that is gone', () => {
    expectRefusal(planRelabel(doc, ann(), 'missing', 'PER'), 'no longer exists')
    expectRefusal(planDelete(ann(), 'missing'), 'no longer exists')
    expectRefusal(planStatus(ann(), 'todo'), 'already marked todo')
  })
})

/** Applies a command, records it, and returns both, as the editor does. */
function doIt(state: DocAnnotations, h: History, cmd: Command): [DocAnnotations, History] {
  return [applyCommand(state, cmd), record(h, cmd)]
}

describe('commands and history', () => {
  it('has an inverse for every command that restores the state exactly', () => {
    const alice = span('Alice', 'PER')
    const start = ann([alice])
    const sugg = { id: 'g1', ...rangeOf('北京'), label: 'LOC', confidence: 0.9, source: 'model' as const }
    const withSugg = { ...start, suggestions: [sugg] }
    const accepted: Span = { id: 'acc', ...rangeOf('北京'), label: 'LOC', source: 'model' }
    const cases: [DocAnnotations, Command][] = [
      [start, { kind: 'addSpan', docId: 'd1', span: span('New York', 'LOC') }],
      [start, { kind: 'deleteSpan', docId: 'd1', span: alice }],
      [start, { kind: 'replaceSpan', docId: 'd1', before: alice, after: { ...alice, label: 'ORG' } }],
      [withSugg, { kind: 'acceptSuggestion', docId: 'd1', suggestion: sugg, span: accepted }],
      [withSugg, { kind: 'rejectSuggestion', docId: 'd1', suggestion: sugg }],
      [start, { kind: 'setStatus', docId: 'd1', from: 'todo', to: 'done' }],
    ]
    for (const [state, cmd] of cases) {
      const after = applyCommand(state, cmd)
      expect(after, cmd.kind).not.toEqual(state)
      expect(applyCommand(after, inverse(cmd)), cmd.kind).toEqual(state)
      expect(inverse(inverse(cmd))).toEqual(cmd)
    }
  })

  it('undoes and redoes a sequence, and a new edit drops the redo branch', () => {
    let state = ann()
    let h = emptyHistory()
    const snapshots = [state]
    for (const [word, label] of [
      ['Alice Smith', 'PER'],
      ['New York', 'LOC'],
      ['北京', 'LOC'],
    ] as const) {
      const plan = planLabel(doc, state, rangeOf(word), label, {}, ids)
      if (!plan.ok) throw new Error(plan.reason)
      ;[state, h] = doIt(state, h, plan.command)
      snapshots.push(state)
    }
    const relabel = planRelabel(doc, state, state.spans[1]!.id, 'GPE')
    if (!relabel.ok) throw new Error(relabel.reason)
    ;[state, h] = doIt(state, h, relabel.command)
    expect(undoLabel(h)).toBe('Undo relabel LOC as GPE')

    let step = undo(h)!
    state = applyCommand(state, step.command)
    h = step.history
    expect(state).toEqual(snapshots[3])
    step = undo(h)!
    state = applyCommand(state, step.command)
    h = step.history
    expect(state).toEqual(snapshots[2])
    expect(redoLabel(h)).toBe('Redo add LOC span')
    step = redo(h)!
    state = applyCommand(state, step.command)
    h = step.history
    expect(state).toEqual(snapshots[3])

    const del = planDelete(state, state.spans[0]!.id)
    if (!del.ok) throw new Error(del.reason)
    ;[state, h] = doIt(state, h, del.command)
    expect(redo(h)).toBeNull()
    expect(state.spans.map((s) => text.slice(s.start, s.end))).toEqual(['New York', '北京'])
  })

  it('keeps one stack across documents and says which document an undo touches', () => {
    let h = emptyHistory()
    const a: Command = { kind: 'addSpan', docId: 'doc-a', span: span('Alice', 'PER') }
    const b: Command = { kind: 'setStatus', docId: 'doc-b', from: 'todo', to: 'done' }
    h = record(record(h, a), b)
    const first = undo(h)!
    expect(documentsOf(first.command)).toEqual(['doc-b'])
    const second = undo(first.history)!
    expect(documentsOf(second.command)).toEqual(['doc-a'])
    expect(undo(second.history)).toBeNull()
    // A command for another document leaves this one alone.
    const other = ann([], 'doc-c')
    expect(applyCommand(other, a)).toEqual(other)
  })

  it('undoes a batch in reverse order as one step', () => {
    const s1 = span('Alice', 'PER')
    const batch: Command = {
      kind: 'batch',
      description: 'two edits',
      commands: [
        { kind: 'addSpan', docId: 'd1', span: s1 },
        { kind: 'replaceSpan', docId: 'd1', before: s1, after: { ...s1, label: 'ORG' } },
      ],
    }
    const start = ann()
    const after = applyCommand(start, batch)
    expect(after.spans.map((s) => s.label)).toEqual(['ORG'])
    expect(applyCommand(after, inverse(batch))).toEqual(start)
    expect(effects(batch).map((e) => e.op)).toEqual(['putSpan', 'dropSpan', 'putSpan'])
  })

  it('drops the oldest entries beyond the limit', () => {
    let h = emptyHistory(3)
    for (let i = 0; i < 5; i++) h = record(h, { kind: 'setStatus', docId: `d${i}`, from: 'todo', to: 'done' })
    expect(h.past.map((c) => documentsOf(c)[0])).toEqual(['d2', 'd3', 'd4'])
  })

  it('replays an add idempotently', () => {
    const s = span('Alice', 'PER')
    const cmd: Command = { kind: 'addSpan', docId: 'd1', span: s }
    const once = applyCommand(ann(), cmd)
    expect(applyCommand(once, cmd)).toEqual(once)
  })
})
