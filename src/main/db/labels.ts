/** Label rows: names are unique, hotkeys are unique when set, colours come from a fixed palette. */
import type Database from 'better-sqlite3'
import { ApiError, NotFoundError, UserError } from '../../shared/api/errors'
import type { Label } from '../../shared/api/features/labels'

/** Distinct, readable on light and dark backgrounds; cycled for new labels. */
export const LABEL_PALETTE = [
  '#4dabf7',
  '#ff922b',
  '#69db7c',
  '#f783ac',
  '#b197fc',
  '#ffd43b',
  '#3bc9db',
  '#ff6b6b',
  '#a9e34b',
  '#e599f7',
] as const

interface LabelRow {
  id: number
  name: string
  color: string
  hotkey: string | null
  span_count: number
}

const toLabel = (r: LabelRow): Label => ({
  id: r.id,
  name: r.name,
  color: r.color,
  hotkey: r.hotkey,
  spanCount: r.span_count,
})

export function listLabels(db: Database.Database): Label[] {
  const rows = db
    .prepare(
      `SELECT l.id, l.name, l.color, l.hotkey, (SELECT count(*) FROM spans s WHERE s.label_id = l.id) AS span_count
       FROM labels l ORDER BY l.position, l.id`,
    )
    .all() as LabelRow[]
  return rows.map(toLabel)
}

export function getLabel(db: Database.Database, id: number): Label {
  const row = db
    .prepare(
      `SELECT l.id, l.name, l.color, l.hotkey, (SELECT count(*) FROM spans s WHERE s.label_id = l.id) AS span_count
       FROM labels l WHERE l.id = ?`,
    )
    .get(id) as LabelRow | undefined
  if (!row) throw new NotFoundError(`There is no label with id ${id}.`)
  return toLabel(row)
}

function nextFreeHotkey(db: Database.Database): string | null {
  const used = new Set(
    (db.prepare('SELECT hotkey FROM labels WHERE hotkey IS NOT NULL').all() as { hotkey: string }[]).map(
      (r) => r.hotkey,
    ),
  )
  for (const k of ['1', '2', '3', '4', '5', '6', '7', '8', '9']) if (!used.has(k)) return k
  return null
}

export function createLabel(
  db: Database.Database,
  input: { name: string; color?: string | undefined; hotkey?: string | null | undefined },
): Label {
  const exists = db.prepare('SELECT id FROM labels WHERE name = ?').get(input.name)
  if (exists) throw new UserError(`A label named ${input.name} already exists.`)
  const count = db.prepare('SELECT count(*) AS n, coalesce(max(position), -1) AS p FROM labels').get() as {
    n: number
    p: number
  }
  const color = input.color ?? LABEL_PALETTE[count.n % LABEL_PALETTE.length]!
  const hotkey = input.hotkey === undefined ? nextFreeHotkey(db) : input.hotkey
  if (hotkey !== null && db.prepare('SELECT id FROM labels WHERE hotkey = ?').get(hotkey)) {
    throw new UserError(`The hotkey ${hotkey} is already used by another label.`)
  }
  const info = db
    .prepare('INSERT INTO labels (name, color, hotkey, position) VALUES (?, ?, ?, ?)')
    .run(input.name, color, hotkey, count.p + 1)
  return getLabel(db, Number(info.lastInsertRowid))
}

/** Returns the id of the named label, creating it when absent (imports create labels from the data). */
export function ensureLabel(db: Database.Database, name: string): number {
  const row = db.prepare('SELECT id FROM labels WHERE name = ?').get(name) as { id: number } | undefined
  return row ? row.id : createLabel(db, { name }).id
}

export function labelIdByName(db: Database.Database, name: string): number {
  const row = db.prepare('SELECT id FROM labels WHERE name = ?').get(name) as { id: number } | undefined
  if (!row) throw new UserError(`There is no label named ${name}.`)
  return row.id
}

export function updateLabel(
  db: Database.Database,
  input: {
    id: number
    name?: string | undefined
    color?: string | undefined
    hotkey?: string | null | undefined
  },
): Label {
  const current = getLabel(db, input.id)
  if (input.name !== undefined && input.name !== current.name) {
    if (db.prepare('SELECT id FROM labels WHERE name = ? AND id != ?').get(input.name, input.id)) {
      throw new UserError(`A label named ${input.name} already exists.`)
    }
  }
  if (input.hotkey !== undefined && input.hotkey !== null) {
    if (db.prepare('SELECT id FROM labels WHERE hotkey = ? AND id != ?').get(input.hotkey, input.id)) {
      throw new UserError(`The hotkey ${input.hotkey} is already used by another label.`)
    }
  }
  try {
    db.prepare('UPDATE labels SET name = ?, color = ?, hotkey = ? WHERE id = ?').run(
      input.name ?? current.name,
      input.color ?? current.color,
      input.hotkey === undefined ? current.hotkey : input.hotkey,
      input.id,
    )
  } catch (err) {
    throw new ApiError('conflict', `The label could not be saved: ${(err as Error).message}.`)
  }
  return getLabel(db, input.id)
}

/** Moves every span of `from` to `into` and removes `from`; spans that would then overlap stay apart. */
export function mergeLabels(db: Database.Database, from: number, into: number): Label {
  if (from === into) throw new UserError('A label cannot be merged into itself.')
  getLabel(db, from)
  getLabel(db, into)
  db.prepare('UPDATE spans SET label_id = ? WHERE label_id = ?').run(into, from)
  db.prepare('UPDATE suggestions SET label_id = ? WHERE label_id = ?').run(into, from)
  db.prepare('DELETE FROM labels WHERE id = ?').run(from)
  return getLabel(db, into)
}

export function deleteLabel(db: Database.Database, id: number): { deletedSpans: number } {
  const label = getLabel(db, id)
  db.prepare('DELETE FROM labels WHERE id = ?').run(id)
  return { deletedSpans: label.spanCount }
}
