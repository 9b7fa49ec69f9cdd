import { describe, expect, it } from 'vitest'
import type { DocAnnotations, Span, Suggestion } from '../../src/renderer/src/editor/model'
import {
  applyCommand,
  docAnnotations,
  docText,
  emptyHistory,
  inverse,
  openSuggestions,
  planAcceptAbove,
  planAcceptSuggestion,
  planRejectAll,
  planRejectSuggestion,
  record,
  undo,
  undoLabel,
} from '../../src/renderer/src/editor/model'

const text = 'Barack Obama visited 東京 and Paris with 👨‍👩‍👧.'
const doc = docText(text)

function sugg(id: string, word: string, label: string, confidence: number): Suggestion {
  const start = text.indexOf(word)
  return { id, start, end: start + word.length, label, confidence, source: 'model' }
}

const manual: Span = {
  id: 'm1',
  start: text.indexOf('Paris'),
  end: text.indexOf('Paris') + 5,
  label: 'LOC',
  source: 'manual',
}

function ann(suggestions: Suggestion[], spans: Span[] = []): DocAnnotations {
  return docAnnotations('d1', spans, suggestions)
}

let n = 0
const ids = (): string => `a${++n}`

describe('suggestions', () => {
  const all = [
    sugg('s1', 'Barack Obama', 'PER', 0.97),
    sugg('s2', 'Obama', 'ORG', 0.55),
    sugg('s3', '東京', 'LOC', 0.91),
    sugg('s4', 'Paris with', 'LOC', 0.88),
    sugg('s5', 'Paris', 'LOC', 0.99),
    sugg('s6', 'visited', 'MISC', 0.2),
  ]

  it('hides suggestions that already exist as spans', () => {
    expect(openSuggestions(ann(all, [manual])).map((s) => s.id)).toEqual(['s1', 's2', 's6', 's3', 's4'])
  })

  it('accepts one suggestion as a span with its source and takes it off the list', () => {
    const state = ann(all)
    const plan = planAcceptSuggestion(doc, state, 's3', {}, ids)
    if (!plan.ok) throw new Error(plan.reason)
    const after = applyCommand(state, plan.command)
    expect(after.spans).toHaveLength(1)
    expect(after.spans[0]).toMatchObject({ label: 'LOC', source: 'model' })
    expect(text.slice(after.spans[0]!.start, after.spans[0]!.end)).toBe('東京')
    expect(after.suggestions.map((s) => s.id)).not.toContain('s3')
    expect(applyCommand(after, inverse(plan.command))).toEqual(state)
  })

  it('refuses to accept a suggestion that overlaps a span, with the reason', () => {
    const plan = planAcceptSuggestion(doc, ann(all, [manual]), 's4')
    expect(plan.ok).toBe(false)
    if (!plan.ok) expect(plan.reason).toContain('overlaps the LOC span “Paris”')
  })

  it('rejects one and can restore it', () => {
    const state = ann(all)
    const plan = planRejectSuggestion(state, 's2')
    if (!plan.ok) throw new Error(plan.reason)
    const after = applyCommand(state, plan.command)
    expect(after.suggestions.map((s) => s.id)).toEqual(['s1', 's6', 's3', 's5', 's4'])
    expect(after.spans).toEqual([])
    expect(applyCommand(after, inverse(plan.command))).toEqual(state)
    expect(planRejectSuggestion(after, 's2').ok).toBe(false)
  })

  it('bulk-accepts above a threshold greedily by confidence, as one undo step', () => {
    const state = ann(all)
    const bulk = planAcceptAbove(doc, state, 0.5, {}, ids)
    // s5 (0.99) beats the overlapping s4 (0.88); s1 (0.97) beats s2 (0.55); s6 is under the threshold.
    expect(bulk.accepted.map((s) => s.id)).toEqual(['s5', 's1', 's3'])
    expect(bulk.skipped.map((s) => s.suggestion.id)).toEqual(['s4', 's2'])
    expect(bulk.skipped[0]!.reason).toContain('flat NER')
    const after = applyCommand(state, bulk.command!)
    expect(after.spans.map((s) => text.slice(s.start, s.end))).toEqual(['Barack Obama', '東京', 'Paris'])
    expect(after.suggestions.map((s) => s.id)).toEqual(['s2', 's6', 's4'])

    const h = record(emptyHistory(), bulk.command!)
    expect(undoLabel(h)).toBe('Undo accept 3 suggestions at 50% or more')
    const step = undo(h)!
    expect(applyCommand(after, step.command)).toEqual(state)
  })

  it('accepts nothing when nothing clears the threshold', () => {
    const bulk = planAcceptAbove(doc, ann(all), 0.999)
    expect(bulk.command).toBeNull()
    expect(bulk.accepted).toEqual([])
  })

  it('rejects the rest in one step', () => {
    const state = ann(all)
    const cmd = planRejectAll(state)!
    const after = applyCommand(state, cmd)
    expect(after.suggestions).toEqual([])
    expect(applyCommand(after, inverse(cmd))).toEqual(state)
    expect(planRejectAll(after)).toBeNull()
  })
})
