import { describe, expect, it } from 'vitest'
import {
  actionFor,
  buildKeymap,
  checkLabelHotkey,
  chordOf,
  DEFAULT_BINDINGS,
  displayChord,
  findConflicts,
  labelHotkeyFromKey,
  labelOfAction,
  parseChord,
  shortcutTable,
} from '../../src/renderer/src/editor/model'

const labels = [{ name: 'PER' }, { name: 'ORG' }, { name: 'LOC' }]

describe('chords', () => {
  it('normalises keydown events', () => {
    expect(chordOf({ key: 'z', ctrlKey: true })).toBe('Mod+Z')
    expect(chordOf({ key: 'Z', metaKey: true, shiftKey: true })).toBe('Mod+Shift+Z')
    expect(chordOf({ key: '?', shiftKey: true })).toBe('?')
    expect(chordOf({ key: 'ArrowRight', shiftKey: true })).toBe('Shift+ArrowRight')
    expect(chordOf({ key: ' ' })).toBe('Space')
    expect(chordOf({ key: 'Shift', shiftKey: true })).toBeNull()
    expect(chordOf({ key: 'Dead' })).toBeNull()
    // macOS Option+C types "ç" and Option+1 types "¡"; the physical key is meant.
    expect(chordOf({ key: 'ç', code: 'KeyC', altKey: true })).toBe('Alt+C')
    expect(chordOf({ key: '¡', code: 'Digit1', altKey: true })).toBe('Alt+1')
    expect(chordOf({ key: 'é', code: 'Digit2' })).toBe('É')
  })

  it('parses what people type, in any case and order', () => {
    expect(parseChord('ctrl+shift+z')).toBe('Mod+Shift+Z')
    expect(parseChord('Shift + Cmd + z')).toBe('Mod+Shift+Z')
    expect(parseChord('alt+1')).toBe('Alt+1')
    expect(parseChord('+')).toBe('+')
    expect(parseChord('ctrl++')).toBe('Mod++')
    expect(parseChord('esc')).toBe('Escape')
    expect(parseChord('ctrl+')).toBeNull()
    expect(parseChord('a+b')).toBeNull()
    expect(parseChord('')).toBeNull()
  })

  it('round-trips every default chord and displays it per platform', () => {
    for (const [chord] of DEFAULT_BINDINGS) expect(parseChord(chord)).toBe(chord)
    expect(displayChord('Mod+Shift+Z')).toBe('Ctrl+Shift+Z')
    expect(displayChord('Mod+Shift+Z', true)).toBe('⌘⇧Z')
  })
})

describe('keymap', () => {
  it('gives labels the digits 1-9 in order and resolves keys to actions', () => {
    const km = buildKeymap(labels)
    expect(actionFor(km, { key: '1' })).toBe('label:PER')
    expect(actionFor(km, { key: '3' })).toBe('label:LOC')
    expect(actionFor(km, { key: '4' })).toBeNull()
    expect(actionFor(km, { key: 'z', ctrlKey: true })).toBe('history.undo')
    expect(actionFor(km, { key: 'Z', ctrlKey: true, shiftKey: true })).toBe('history.redo')
    expect(actionFor(km, { key: 'Enter' })).toBe('doc.done')
    expect(actionFor(km, { key: '?', shiftKey: true })).toBe('help.toggle')
    expect(labelOfAction('label:PER')).toBe('PER')
    expect(labelOfAction('doc.done')).toBeNull()
  })

  it('keeps explicit hotkeys and fills the remaining digits around them', () => {
    const km = buildKeymap([
      { name: 'PER', hotkey: 'p' },
      { name: 'ORG' },
      { name: 'LOC', hotkey: '1' },
      { name: 'MISC', hotkey: null },
    ])
    expect(actionFor(km, { key: 'p' })).toBe('label:PER')
    expect(actionFor(km, { key: '1' })).toBe('label:LOC')
    expect(actionFor(km, { key: '2' })).toBe('label:ORG')
    expect(km.bindings.some((b) => b.action === 'label:MISC')).toBe(false)
  })

  it('leaves labels beyond nine without a default hotkey', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ name: `L${i}` }))
    const km = buildKeymap(many)
    expect(km.bindings.filter((b) => labelOfAction(b.action) !== null)).toHaveLength(9)
  })

  it('reports chords bound to two actions', () => {
    const km = buildKeymap([{ name: 'ACCOUNT', hotkey: 'A' }])
    const conflicts = findConflicts(km)
    expect(conflicts).toHaveLength(1)
    expect(conflicts[0]!.chord).toBe('A')
    expect(conflicts[0]!.reason).toContain('Label as ACCOUNT')
    expect(conflicts[0]!.reason).toContain('Accept the focused suggestion')
    // The label wins the key, so pressing it labels.
    expect(actionFor(km, { key: 'a' })).toBe('label:ACCOUNT')
    expect(findConflicts(buildKeymap(labels))).toEqual([])
  })

  it('lets built-in actions be rebound or unbound', () => {
    const km = buildKeymap(labels, { 'suggestion.accept': ['Space'], 'doc.skip': [] })
    expect(actionFor(km, { key: ' ' })).toBe('suggestion.accept')
    expect(actionFor(km, { key: 'a' })).toBeNull()
    expect(actionFor(km, { key: 'Enter', shiftKey: true })).toBeNull()
  })

  it('checks a new label hotkey before it is saved', () => {
    const km = buildKeymap(labels)
    expect(checkLabelHotkey(km, 'PER', 'q')).toEqual({ ok: true, chord: 'Q' })
    expect(checkLabelHotkey(km, 'PER', '1')).toEqual({ ok: true, chord: '1' })
    const taken = checkLabelHotkey(km, 'PER', '2')
    expect(taken.ok).toBe(false)
    if (!taken.ok) expect(taken.reason).toContain('Label as ORG')
    const undoKey = checkLabelHotkey(km, 'PER', 'ctrl+z')
    if (undoKey.ok) throw new Error('Ctrl+Z must be refused')
    expect(undoKey.reason).toContain('Ctrl+Z already does “Undo”')
    expect(checkLabelHotkey(km, 'PER', 'tab').ok).toBe(false)
    expect(checkLabelHotkey(km, 'PER', 'ctrl+').ok).toBe(false)
  })

  it('lists every binding once in the shortcut table, grouped', () => {
    const km = buildKeymap(labels)
    const table = shortcutTable(km)
    const rows = table.flatMap((g) => g.rows)
    expect(new Set(rows.map((r) => r.action)).size).toBe(rows.length)
    expect(rows.reduce((n, r) => n + r.chords.length, 0)).toBe(km.bindings.length)
    const redo = rows.find((r) => r.action === 'history.redo')!
    expect(redo.chords).toEqual(['Mod+Shift+Z', 'Mod+Y'])
    expect(table.map((g) => g.group)[0]).toBe('Selection')
    expect(table.find((g) => g.group === 'Labels')!.rows.map((r) => r.description)).toContain('Label as LOC')
    const withUnbound = shortcutTable(buildKeymap([...labels, { name: 'MISC', hotkey: null }]), [
      'PER',
      'MISC',
    ])
    const misc = withUnbound.flatMap((g) => g.rows).find((r) => r.action === 'label:MISC')
    expect(misc?.chords).toEqual([])
  })

  it('turns a pressed key into a storable label hotkey, or says why not', () => {
    const km = buildKeymap(labels)
    expect(labelHotkeyFromKey(km, 'PER', { key: 'P' })).toEqual({ ok: true, hotkey: 'p' })
    expect(labelHotkeyFromKey(km, 'PER', { key: '7' })).toEqual({ ok: true, hotkey: '7' })
    const shifted = labelHotkeyFromKey(km, 'PER', { key: 'P', shiftKey: true })
    expect(shifted.ok).toBe(false)
    if (!shifted.ok) expect(shifted.reason).toContain('Shift+P cannot be a label hotkey')
    const clash = labelHotkeyFromKey(km, 'PER', { key: 'x' })
    expect(clash.ok).toBe(false)
    if (!clash.ok) expect(clash.reason).toContain('Reject the focused suggestion')
    expect(labelHotkeyFromKey(km, 'PER', { key: 'Shift', shiftKey: true }).ok).toBe(false)
  })
})
