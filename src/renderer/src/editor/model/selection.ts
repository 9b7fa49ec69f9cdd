/**
 * Selection over units (tokens, or grapheme clusters when snapping is off), kept as an anchor and a
 * focus unit index like a browser selection: Shift+arrows move only the focus, so the same key
 * extends a selection on one side of the anchor and shrinks it on the other. A collapsed selection
 * (anchor = focus) is the keyboard cursor and still covers the unit under it, so a label key applied
 * right after an arrow key labels that one token.
 */
import type { DocText, Range, SnapMode } from './tokens'
import { firstUnitEndingAfter, unitAt, unitsFor, unitsIntersecting } from './tokens'

export interface UnitSelection {
  anchor: number
  focus: number
}

export type ArrowKey = 'ArrowLeft' | 'ArrowRight'

function clamp(i: number, count: number): number {
  return Math.max(0, Math.min(count - 1, i))
}

export function isCollapsed(sel: UnitSelection): boolean {
  return sel.anchor === sel.focus
}

/** The characters a selection covers: from the first unit's start to the last unit's end. */
export function selectionRange(units: readonly Range[], sel: UnitSelection): Range | null {
  const first = units[Math.min(sel.anchor, sel.focus)]
  const last = units[Math.max(sel.anchor, sel.focus)]
  return first && last ? { start: first.start, end: last.end } : null
}

export function cursorAt(index: number): UnitSelection {
  return { anchor: index, focus: index }
}

/**
 * Moves the cursor by `delta` units. A selection collapses first to its edge in the direction of
 * travel, as text editors do, so Right after selecting "New York" lands on "York", not past it.
 */
export function moveCursor(sel: UnitSelection | null, delta: number, count: number): UnitSelection | null {
  if (count === 0) return null
  if (sel === null) return cursorAt(delta >= 0 ? 0 : count - 1)
  if (!isCollapsed(sel)) {
    const edge = delta > 0 ? Math.max(sel.anchor, sel.focus) : Math.min(sel.anchor, sel.focus)
    return cursorAt(clamp(edge, count))
  }
  return cursorAt(clamp(sel.focus + delta, count))
}

/** Moves only the focus: extends away from the anchor, shrinks towards it. */
export function extendSelection(
  sel: UnitSelection | null,
  delta: number,
  count: number,
): UnitSelection | null {
  if (count === 0) return null
  if (sel === null) return cursorAt(delta >= 0 ? 0 : count - 1)
  return { anchor: clamp(sel.anchor, count), focus: clamp(sel.focus + delta, count) }
}

/** Home/End (with Shift: extend to the first/last unit). */
export function toEdge(
  sel: UnitSelection | null,
  edge: 'start' | 'end',
  extend: boolean,
  count: number,
): UnitSelection | null {
  if (count === 0) return null
  const target = edge === 'start' ? 0 : count - 1
  if (!extend || sel === null) return cursorAt(target)
  return { anchor: sel.anchor, focus: target }
}

/**
 * The logical step of a horizontal arrow key. In a right-to-left paragraph the text runs leftwards,
 * so ArrowLeft moves to the next unit; the component passes the direction of the cursor's block.
 */
export function arrowDelta(key: ArrowKey, direction: 'ltr' | 'rtl'): 1 | -1 {
  const forward = key === 'ArrowRight' ? 1 : -1
  return direction === 'rtl' ? (-forward as 1 | -1) : forward
}

export interface SnappedSelection {
  selection: UnitSelection
  range: Range
}

/**
 * Turns raw offsets from a mouse drag (anchor and focus as the browser reports them, in either
 * order) into whole units: every unit the drag touches is included, whitespace alone selects
 * nothing, and a click (collapsed range) selects the unit under it. The drag direction is kept so a
 * following Shift+arrow moves the end the user was dragging.
 */
export function snapOffsets(units: readonly Range[], anchor: number, focus: number): SnappedSelection | null {
  const lo = Math.min(anchor, focus)
  const hi = Math.max(anchor, focus)
  let first: number
  let last: number
  if (lo === hi) {
    let i = unitAt(units, lo)
    // A caret right after the last character of a unit (a click on its right half) still means it.
    if (i < 0 && lo > 0) i = unitAt(units, lo - 1)
    if (i < 0) return null
    first = last = i
  } else {
    const hit = unitsIntersecting(units, lo, hi)
    if (hit === null) return null
    ;[first, last] = hit
  }
  const selection = anchor <= focus ? { anchor: first, focus: last } : { anchor: last, focus: first }
  return { selection, range: { start: units[first]!.start, end: units[last]!.end } }
}

/** The selection covering exactly the units inside a range, e.g. when a span gets focus. */
export function selectionForRange(units: readonly Range[], range: Range): UnitSelection | null {
  const hit = unitsIntersecting(units, range.start, range.end)
  return hit ? { anchor: hit[0], focus: hit[1] } : null
}

/**
 * Re-expresses a selection after snapping is switched on or off, keeping the same characters
 * where the new units allow it (switching to tokens widens a partial-word selection).
 */
export function convertSelection(
  doc: DocText,
  sel: UnitSelection,
  from: SnapMode,
  to: SnapMode,
): UnitSelection | null {
  if (from === to) return sel
  const range = selectionRange(unitsFor(doc, from), sel)
  if (range === null) return null
  const units = unitsFor(doc, to)
  const snapped = selectionForRange(units, range)
  if (snapped === null) return null
  return sel.anchor <= sel.focus ? snapped : { anchor: snapped.focus, focus: snapped.anchor }
}

/** The unit a cursor should land on for an offset (first unit at or after it), for focus restore. */
export function unitNear(units: readonly Range[], offset: number): number {
  return units.length === 0 ? -1 : clamp(firstUnitEndingAfter(units, offset), units.length)
}
