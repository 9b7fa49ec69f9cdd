/**
 * The editor's keyboard map as data: chord -> action id + description. The same table drives the
 * keydown handler, the `?` overlay and the label hotkey editor, so a shortcut that is listed is a
 * shortcut that works, and a hotkey that would shadow another action is refused before it is saved.
 * Chords are layout-aware strings such as "Mod+Shift+Z", "?", "1" ("Mod" is Ctrl, or Cmd on macOS).
 */

export type ActionId =
  | 'cursor.left'
  | 'cursor.right'
  | 'cursor.start'
  | 'cursor.end'
  | 'select.extendLeft'
  | 'select.extendRight'
  | 'select.extendStart'
  | 'select.extendEnd'
  | 'select.clear'
  | 'span.delete'
  | 'span.next'
  | 'span.prev'
  | 'doc.next'
  | 'doc.prev'
  | 'doc.done'
  | 'doc.skip'
  | 'history.undo'
  | 'history.redo'
  | 'suggestion.accept'
  | 'suggestion.reject'
  | 'suggestion.acceptAbove'
  | 'snap.toggle'
  | 'palette.open'
  | 'help.toggle'
  | `label:${string}`

export type Group = 'Selection' | 'Labels' | 'Spans' | 'Suggestions' | 'Documents' | 'History' | 'View'

export interface Binding {
  chord: string
  action: ActionId
  description: string
  group: Group
}

export interface Keymap {
  readonly bindings: readonly Binding[]
  /** First binding per chord; conflicts are reported by findConflicts, never silently merged. */
  readonly byChord: ReadonlyMap<string, Binding>
}

export interface LabelKey {
  name: string
  /** A chord, null for "no hotkey", undefined for "next free digit 1-9". */
  hotkey?: string | null
}

/** What a KeyboardEvent carries that matters here (kept structural so tests need no DOM). */
export interface KeyLike {
  key: string
  /** The physical key ("KeyC", "Digit1"); used when Alt/Option turned the letter into another character. */
  code?: string
  ctrlKey?: boolean
  metaKey?: boolean
  altKey?: boolean
  shiftKey?: boolean
}

const NAMED_KEYS = new Map(
  [
    'ArrowLeft',
    'ArrowRight',
    'ArrowUp',
    'ArrowDown',
    'Enter',
    'Escape',
    'Delete',
    'Backspace',
    'Home',
    'End',
    'PageUp',
    'PageDown',
    'Tab',
    'Space',
    ...Array.from({ length: 12 }, (_, i) => `F${i + 1}`),
  ].map((k) => [k.toLowerCase(), k]),
)
NAMED_KEYS.set('esc', 'Escape')
NAMED_KEYS.set('del', 'Delete')
NAMED_KEYS.set('return', 'Enter')
NAMED_KEYS.set(' ', 'Space')
NAMED_KEYS.set('left', 'ArrowLeft')
NAMED_KEYS.set('right', 'ArrowRight')
NAMED_KEYS.set('up', 'ArrowUp')
NAMED_KEYS.set('down', 'ArrowDown')

const MODIFIER_KEYS = new Set(['Control', 'Meta', 'Alt', 'Shift', 'AltGraph', 'CapsLock', 'OS'])
const LETTER = /^\p{L}$/u

function build(key: string, mod: boolean, alt: boolean, shift: boolean): string {
  const parts: string[] = []
  if (mod) parts.push('Mod')
  if (alt) parts.push('Alt')
  if (shift) parts.push('Shift')
  parts.push(key)
  return parts.join('+')
}

/**
 * Normalises a key name: letters upper-case, named keys in their DOM spelling. Shift is kept for
 * letters and named keys but dropped for other printable characters, because it is already part of
 * the character ("?" is Shift+/ on one layout and something else on another).
 */
function normaliseKey(key: string): { key: string; shiftImplied: boolean } | null {
  const named = NAMED_KEYS.get(key.toLowerCase())
  if (named) return { key: named, shiftImplied: false }
  if ([...key].length !== 1) return null
  if (LETTER.test(key)) return { key: key.toUpperCase(), shiftImplied: false }
  return { key, shiftImplied: true }
}

/** The chord of a keydown event, or null for a bare modifier press. */
export function chordOf(e: KeyLike): string | null {
  if (MODIFIER_KEYS.has(e.key)) return null
  // On macOS Option+C types "ç": with Alt held, the physical letter or digit is what was meant.
  const physical = e.altKey && e.code ? /^(?:Key([A-Z])|Digit([0-9]))$/.exec(e.code) : null
  const k = normaliseKey(physical ? (physical[1] ?? physical[2])! : e.key)
  if (!k) return null
  return build(k.key, !!(e.ctrlKey || e.metaKey), !!e.altKey, !!e.shiftKey && !k.shiftImplied)
}

/** Parses what a user typed ("ctrl+shift+z", "cmd+k", "?") into a chord, or null if it is not one. */
export function parseChord(text: string): string | null {
  const raw = text.trim()
  if (raw === '') return null
  // A lone "+" is the plus key; otherwise "+" separates parts.
  const parts =
    raw === '+' ? ['+'] : raw.endsWith('++') ? [...raw.slice(0, -2).split('+'), '+'] : raw.split('+')
  let mod = false
  let alt = false
  let shift = false
  let key: string | null = null
  for (const p of parts.map((x) => x.trim())) {
    const l = p.toLowerCase()
    if (['mod', 'ctrl', 'control', 'cmd', 'command', 'meta', '⌘'].includes(l)) mod = true
    else if (['alt', 'option', 'opt', '⌥'].includes(l)) alt = true
    else if (['shift', '⇧'].includes(l)) shift = true
    else if (key === null && p !== '') key = p
    else return null
  }
  if (key === null) return null
  const k = normaliseKey(key)
  if (!k) return null
  return build(k.key, mod, alt, shift && !k.shiftImplied)
}

/** A chord as shown to the user: "Ctrl+Shift+Z" or, on macOS, "⌘⇧Z". */
export function displayChord(chord: string, mac = false): string {
  const parts =
    chord === '+' ? ['+'] : chord.endsWith('++') ? [...chord.slice(0, -2).split('+'), '+'] : chord.split('+')
  const names: Record<string, [string, string]> = {
    Mod: ['Ctrl', '⌘'],
    Alt: ['Alt', '⌥'],
    Shift: ['Shift', '⇧'],
    ArrowLeft: ['←', '←'],
    ArrowRight: ['→', '→'],
    ArrowUp: ['↑', '↑'],
    ArrowDown: ['↓', '↓'],
  }
  const shown = parts.map((p) => names[p]?.[mac ? 1 : 0] ?? p)
  return mac ? shown.join('') : shown.join('+')
}

type Default = [chord: string, action: ActionId, description: string, group: Group]

/** Keyboard-first defaults: arrows select, digits label, Enter finishes a document (Prodigy-like). */
export const DEFAULT_BINDINGS: readonly Default[] = [
  ['ArrowLeft', 'cursor.left', 'Move the cursor to the previous token (visually left)', 'Selection'],
  ['ArrowRight', 'cursor.right', 'Move the cursor to the next token (visually right)', 'Selection'],
  ['Home', 'cursor.start', 'Move the cursor to the first token', 'Selection'],
  ['End', 'cursor.end', 'Move the cursor to the last token', 'Selection'],
  ['Shift+ArrowLeft', 'select.extendLeft', 'Extend or shrink the selection to the left', 'Selection'],
  ['Shift+ArrowRight', 'select.extendRight', 'Extend or shrink the selection to the right', 'Selection'],
  ['Shift+Home', 'select.extendStart', 'Extend the selection to the first token', 'Selection'],
  ['Shift+End', 'select.extendEnd', 'Extend the selection to the last token', 'Selection'],
  ['Escape', 'select.clear', 'Clear the selection', 'Selection'],
  ['Alt+C', 'snap.toggle', 'Switch between token and character selection', 'Selection'],
  ['Delete', 'span.delete', 'Delete the focused span', 'Spans'],
  ['Backspace', 'span.delete', 'Delete the focused span', 'Spans'],
  [']', 'span.next', 'Focus the next span (then a label key relabels it)', 'Spans'],
  ['[', 'span.prev', 'Focus the previous span', 'Spans'],
  ['Mod+K', 'palette.open', 'Open the label palette', 'Labels'],
  ['A', 'suggestion.accept', 'Accept the focused suggestion', 'Suggestions'],
  ['X', 'suggestion.reject', 'Reject the focused suggestion', 'Suggestions'],
  ['Mod+Shift+A', 'suggestion.acceptAbove', 'Accept all suggestions above the threshold', 'Suggestions'],
  ['Enter', 'doc.done', 'Mark the document done and open the next one', 'Documents'],
  ['Shift+Enter', 'doc.skip', 'Skip the document', 'Documents'],
  ['PageDown', 'doc.next', 'Next document', 'Documents'],
  ['PageUp', 'doc.prev', 'Previous document', 'Documents'],
  ['Mod+Z', 'history.undo', 'Undo', 'History'],
  ['Mod+Shift+Z', 'history.redo', 'Redo', 'History'],
  ['Mod+Y', 'history.redo', 'Redo', 'History'],
  ['?', 'help.toggle', 'Show or hide this list of shortcuts', 'View'],
]

export function labelAction(name: string): ActionId {
  return `label:${name}`
}

/** The label a `label:` action applies, or null for other actions. */
export function labelOfAction(action: ActionId): string | null {
  return action.startsWith('label:') ? action.slice('label:'.length) : null
}

/** Label hotkeys: explicit ones as given, the rest get the free digits 1-9 in label order. */
export function labelBindings(labels: readonly LabelKey[]): Binding[] {
  const taken = new Set(labels.map((l) => (l.hotkey ? parseChord(l.hotkey) : null)).filter((c) => c !== null))
  const free = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].filter((d) => !taken.has(d))
  const out: Binding[] = []
  for (const l of labels) {
    let chord: string | null = null
    if (l.hotkey === undefined) chord = free.shift() ?? null
    else if (l.hotkey !== null) chord = parseChord(l.hotkey)
    if (chord !== null)
      out.push({ chord, action: labelAction(l.name), description: `Label as ${l.name}`, group: 'Labels' })
  }
  return out
}

/**
 * Builds the keymap. `overrides` replaces the chords of built-in actions (an empty list unbinds);
 * label bindings come first so a label the user gave "A" beats the default accept key, and the
 * conflict is still reported.
 */
export function buildKeymap(
  labels: readonly LabelKey[] = [],
  overrides: Partial<Record<ActionId, readonly string[]>> = {},
): Keymap {
  const builtIn: Binding[] = []
  const seen = new Set<ActionId>()
  for (const [chord, action, description, group] of DEFAULT_BINDINGS) {
    const custom = overrides[action]
    if (custom === undefined) {
      builtIn.push({ chord, action, description, group })
    } else if (!seen.has(action)) {
      for (const c of custom) {
        const parsed = parseChord(c)
        if (parsed) builtIn.push({ chord: parsed, action, description, group })
      }
    }
    seen.add(action)
  }
  const bindings = [...labelBindings(labels), ...builtIn]
  const byChord = new Map<string, Binding>()
  for (const b of bindings) if (!byChord.has(b.chord)) byChord.set(b.chord, b)
  return { bindings, byChord }
}

export function actionFor(keymap: Keymap, e: KeyLike): ActionId | null {
  const chord = chordOf(e)
  return chord === null ? null : (keymap.byChord.get(chord)?.action ?? null)
}

export interface Conflict {
  chord: string
  bindings: Binding[]
  reason: string
}

/** Chords bound to more than one action, each with a sentence naming the actions. */
export function findConflicts(keymap: Keymap): Conflict[] {
  const groups = new Map<string, Binding[]>()
  for (const b of keymap.bindings) groups.set(b.chord, [...(groups.get(b.chord) ?? []), b])
  const out: Conflict[] = []
  for (const [chord, bs] of groups) {
    const distinct = bs.filter((b, i) => bs.findIndex((x) => x.action === b.action) === i)
    if (distinct.length < 2) continue
    const names = distinct.map((b) => `“${b.description}”`)
    out.push({
      chord,
      bindings: distinct,
      reason: `${displayChord(chord)} is bound to ${names.slice(0, -1).join(', ')} and ${names.at(-1)}; only the first works, so give the others another key.`,
    })
  }
  return out
}

/** Keys the editor needs for typing-free navigation; a label hotkey may not take them. */
const RESERVED = new Set(['Tab', 'Shift+Tab', 'Space', 'Mod+C', 'Mod+V', 'Mod+X', 'Mod+A'])

/**
 * Checks a new hotkey for a label before it is saved: it must parse, must not be reserved and must
 * not shadow another label or an editor action. Returns the normalised chord or the reason.
 */
export function checkLabelHotkey(
  keymap: Keymap,
  label: string,
  text: string,
): { ok: true; chord: string } | { ok: false; reason: string } {
  const chord = parseChord(text)
  if (chord === null) {
    return {
      ok: false,
      reason: `“${text}” is not a key; type a key such as 1, Q or Alt+1 for the label ${label}.`,
    }
  }
  if (RESERVED.has(chord)) {
    return {
      ok: false,
      reason: `${displayChord(chord)} is reserved for moving through the editor; choose another key for ${label}.`,
    }
  }
  const taken = keymap.bindings.find((b) => b.chord === chord && b.action !== labelAction(label))
  if (taken) {
    return {
      ok: false,
      reason: `${displayChord(chord)} already does “${taken.description}”; choose another key for ${label} or change that one first.`,
    }
  }
  return { ok: true, chord }
}

export interface ShortcutRow {
  action: ActionId
  description: string
  chords: string[]
}

const GROUP_ORDER: readonly Group[] = [
  'Selection',
  'Labels',
  'Spans',
  'Suggestions',
  'Documents',
  'History',
  'View',
]

/**
 * The `?` overlay: one row per action with all its chords, grouped and in a stable order. Labels
 * named in `labels` that have no key get a row without chords, so a hotkey can be given to them.
 */
export function shortcutTable(
  keymap: Keymap,
  labels: readonly string[] = [],
): { group: Group; rows: ShortcutRow[] }[] {
  const rows = new Map<ActionId, ShortcutRow & { group: Group }>()
  for (const b of keymap.bindings) {
    const row = rows.get(b.action)
    if (row) row.chords.push(b.chord)
    else
      rows.set(b.action, { action: b.action, description: b.description, chords: [b.chord], group: b.group })
  }
  for (const name of labels) {
    const action = labelAction(name)
    if (!rows.has(action))
      rows.set(action, { action, description: `Label as ${name}`, chords: [], group: 'Labels' })
  }
  return GROUP_ORDER.map((group) => ({
    group,
    rows: [...rows.values()].filter((r) => r.group === group).map(({ group: _g, ...r }) => r),
  })).filter((g) => g.rows.length > 0)
}

/**
 * A key pressed to become a label's hotkey, checked for what the project can store (one digit or
 * letter, no modifiers) and for clashes with the keymap. Returns the stored form ("p", "7").
 */
export function labelHotkeyFromKey(
  keymap: Keymap,
  label: string,
  e: KeyLike,
): { ok: true; hotkey: string } | { ok: false; reason: string } {
  const chord = chordOf(e)
  if (chord === null) return { ok: false, reason: 'Press the key you want for the label.' }
  if (!/^[0-9A-Z]$/.test(chord)) {
    return {
      ok: false,
      reason: `${displayChord(chord)} cannot be a label hotkey; use one digit or letter without Ctrl, Alt or Shift.`,
    }
  }
  const check = checkLabelHotkey(keymap, label, chord)
  return check.ok ? { ok: true, hotkey: chord.toLowerCase() } : check
}
