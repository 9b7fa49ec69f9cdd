/**
 * The labelling editor driven in Chromium over browser mode: browser selections (including ones
 * that start inside a surrogate pair and ones dragged backwards over Hebrew) become stored spans
 * with exact UTF-16 offsets, keys label, undo and redo reach the project file, and a refused
 * overlap is explained on screen. Needs the built renderer with the editor wired into the app.
 */
import Database from 'better-sqlite3'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertDocuments } from '../../src/main/db/documents'
import { replaceSuggestions } from '../../src/main/db/suggestions'
import { e2eUnavailable, openApp, RENDERER, screenshot, type AppSession } from './browser'

function editorUnavailable(): string | null {
  const base = e2eUnavailable()
  if (base) return base
  const assets = join(RENDERER, 'assets')
  const bundled = readdirSync(assets).some(
    (f) => f.endsWith('.js') && readFileSync(join(assets, f), 'utf8').includes('annotation-editor'),
  )
  return bundled ? null : 'the built renderer does not contain the labelling editor yet'
}

const unavailable = editorUnavailable()
const FAMILY = '👨\u200d👩\u200d👧'
const TEXT = `The ${FAMILY} family sent 👍🏽 from Tel Aviv: שלום עולם, then 北京𠀀 too.`

describe.skipIf(unavailable !== null)('the labelling editor in Chromium', () => {
  let app: AppSession
  let db: Database.Database
  let docId: number

  const spans = () =>
    db
      .prepare(
        `SELECT s.start, s.end, l.name AS label FROM spans s JOIN labels l ON l.id = s.label_id
         WHERE s.document_id = ? ORDER BY s.start`,
      )
      .all(docId) as { start: number; end: number; label: string }[]
  const spanTexts = () => spans().map((s) => `${s.label}:${TEXT.slice(s.start, s.end)}`)
  const labelName = (i: number) =>
    (db.prepare('SELECT name FROM labels ORDER BY id LIMIT 1 OFFSET ?').get(i) as { name: string }).name

  /** Makes a browser selection between two document offsets (either order) and lets go of the mouse. */
  async function selectOffsets(anchor: number, focus: number): Promise<void> {
    await app.page.evaluate(
      ([a, f]) => {
        const point = (offset: number, isEnd: boolean): [Node, number] => {
          for (const el of document.querySelectorAll<HTMLElement>('[data-s]')) {
            const s = Number(el.dataset.s)
            const len = el.textContent!.length
            if (isEnd ? s < offset && offset <= s + len : s <= offset && offset < s + len) {
              return [el.firstChild!, offset - s]
            }
          }
          throw new Error(`no run holds offset ${offset}`)
        }
        const [an, ao] = point(a!, a! > f!)
        const [fn, fo] = point(f!, f! > a!)
        window.getSelection()!.setBaseAndExtent(an, ao, fn, fo)
        document
          .querySelector('[data-testid="doc-text"]')!
          .dispatchEvent(new MouseEvent('mouseup', { bubbles: true }))
      },
      [anchor, focus],
    )
  }

  async function settle(expected: number): Promise<void> {
    for (let i = 0; i < 50 && spans().length !== expected; i++) await new Promise((r) => setTimeout(r, 50))
  }

  beforeAll(async () => {
    app = await openApp()
    db = new Database(app.project.path)
    db.transaction(() => insertDocuments(db, [{ text: TEXT, spans: [] }]))()
    docId = (db.prepare('SELECT max(id) AS id FROM documents').get() as { id: number }).id
    await app.page.goto(`${new URL(app.server.url).origin}/#/editor/${docId}`)
    await app.page.getByTestId('annotation-editor').waitFor()
  })
  afterAll(async () => {
    db?.close()
    await app?.close()
  })

  it('labels a ZWJ family from a selection that starts inside a surrogate pair', async () => {
    const at = TEXT.indexOf(FAMILY)
    await selectOffsets(at + 3, at + 5)
    await app.page.keyboard.press('1')
    await settle(1)
    expect(spanTexts()).toEqual([`${labelName(0)}:${FAMILY}`])
  })

  it('labels Hebrew selected backwards, snapped to whole words', async () => {
    const start = TEXT.indexOf('שלום')
    await selectOffsets(start + 'שלום עולם'.length - 1, start + 1)
    await app.page.keyboard.press('3')
    await settle(2)
    expect(spanTexts()).toContain(`${labelName(2)}:שלום עולם`)
  })

  it('extends a keyboard selection over CJK characters, astral included, and undoes it', async () => {
    await app.page.locator(`[data-s="${TEXT.indexOf('北')}"]`).click()
    await app.page.keyboard.press('Shift+ArrowRight')
    await app.page.keyboard.press('Shift+ArrowRight')
    await app.page.keyboard.press('2')
    await settle(3)
    expect(spanTexts()).toContain(`${labelName(1)}:北京𠀀`)
    await app.page.keyboard.press('Control+z')
    await settle(2)
    expect(spanTexts().some((s) => s.endsWith('北京𠀀'))).toBe(false)
    await app.page.keyboard.press('Control+Shift+Z')
    await settle(3)
    expect(spanTexts()).toContain(`${labelName(1)}:北京𠀀`)
  })

  it('refuses an overlapping span and says why', async () => {
    const at = TEXT.indexOf(FAMILY)
    await selectOffsets(at, TEXT.indexOf(' sent'))
    await app.page.keyboard.press('2')
    await app.page.getByTestId('editor-message').getByText('flat NER').waitFor()
    expect(spans()).toHaveLength(3)
  })

  it('selects part of a word by characters with snapping off', async () => {
    await app.page.keyboard.press('Alt+c')
    const v = TEXT.indexOf('Aviv') + 1
    await selectOffsets(v, v + 3)
    await app.page.keyboard.press('4')
    await settle(4)
    expect(spanTexts()).toContain(`${labelName(3)}:viv`)
    await screenshot(app.page, 'editor-unicode')
  })

  it('moves between spans with ] and [ and relabels the focused one', async () => {
    await app.page.keyboard.press('Escape')
    await app.page.keyboard.press('Home')
    await app.page.keyboard.press(']')
    await app.page.getByTestId('focused-span').waitFor()
    expect(await app.page.getByTestId('focused-span').innerText()).toContain(FAMILY)
    await app.page.keyboard.press(']')
    await app.page.keyboard.press('[')
    expect(await app.page.getByTestId('focused-span').innerText()).toContain(FAMILY)
    await app.page.keyboard.press('2')
    for (let i = 0; i < 50 && !spanTexts().includes(`${labelName(1)}:${FAMILY}`); i++) {
      await new Promise((r) => setTimeout(r, 50))
    }
    expect(spanTexts()).toContain(`${labelName(1)}:${FAMILY}`)
  })

  it('changes a label hotkey in the ? overlay and refuses one that is taken', async () => {
    const { page } = app
    await page.keyboard.press('Shift+?')
    await page.getByTestId(`change-hotkey-${labelName(0)}`).click()
    await page.keyboard.press('x') // the default key for rejecting a suggestion
    await page.getByTestId('hotkey-problem').waitFor()
    expect(await page.getByTestId('hotkey-problem').innerText()).toContain('Reject the focused suggestion')
    await page.keyboard.press('q')
    const hotkey = () =>
      (db.prepare('SELECT hotkey FROM labels WHERE name = ?').get(labelName(0)) as { hotkey: string | null })
        .hotkey
    for (let i = 0; i < 50 && hotkey() !== 'q'; i++) await new Promise((r) => setTimeout(r, 50))
    expect(hotkey()).toBe('q')
    await page.getByTestId('label-palette').getByText('Q', { exact: true }).waitFor()
    await page.keyboard.press('Escape')
    await page.getByTestId('shortcut-help').waitFor({ state: 'hidden' })
    // The new key labels: "too" becomes a span of the first label.
    // Closing the overlay hands focus back asynchronously; a key pressed before that is lost.
    await page.getByTestId('annotation-editor').focus()
    await page.keyboard.press('Alt+c') // back to words
    await expect.poll(() => page.getByRole('radio', { name: 'Words' }).isChecked()).toBe(true)
    await page.locator(`[data-s="${TEXT.indexOf('too')}"]`).click()
    await page.keyboard.press('q')
    for (let i = 0; i < 50 && !spanTexts().includes(`${labelName(0)}:too`); i++) {
      await new Promise((r) => setTimeout(r, 50))
    }
    expect(spanTexts()).toContain(`${labelName(0)}:too`)
  })

  it('marks the document done with Enter', async () => {
    await app.page.keyboard.press('Enter')
    const status = () =>
      (db.prepare('SELECT status FROM documents WHERE id = ?').get(docId) as { status: string }).status
    for (let i = 0; i < 50 && status() !== 'done'; i++) await new Promise((r) => setTimeout(r, 50))
    expect(status()).toBe('done')
  })

  it('raised no page errors', () => {
    expect(app.pageErrors).toEqual([])
  })
})

describe.skipIf(unavailable !== null)('suggestions in the labelling editor', () => {
  const text = 'Ada Lovelace met Charles Babbage in London in 1833.'
  let app: AppSession
  let db: Database.Database
  let docId: number
  const at = (w: string) => ({ start: text.indexOf(w), end: text.indexOf(w) + w.length })

  const spanTexts = () =>
    (
      db
        .prepare(
          `SELECT s.start, s.end, l.name AS label, s.source FROM spans s JOIN labels l ON l.id = s.label_id
           WHERE s.document_id = ? ORDER BY s.start`,
        )
        .all(docId) as { start: number; end: number; label: string; source: string }[]
    ).map((s) => `${s.label}:${text.slice(s.start, s.end)}:${s.source}`)
  const decisions = () =>
    (
      db
        .prepare('SELECT start, end, decision FROM suggestions WHERE document_id = ? ORDER BY start, end')
        .all(docId) as { start: number; end: number; decision: string | null }[]
    ).map((s) => `${text.slice(s.start, s.end)}=${s.decision ?? '-'}`)

  async function until(check: () => boolean): Promise<void> {
    for (let i = 0; i < 60 && !check(); i++) await new Promise((r) => setTimeout(r, 50))
  }

  beforeAll(async () => {
    app = await openApp()
    db = new Database(app.project.path)
    db.transaction(() => insertDocuments(db, [{ text, spans: [] }]))()
    docId = (db.prepare('SELECT max(id) AS id FROM documents').get() as { id: number }).id
    replaceSuggestions(db, docId, 'model', null, [
      { ...at('Ada Lovelace'), label: 'PER', score: 0.95 },
      { ...at('Charles Babbage'), label: 'PER', score: 0.9 },
      { ...at('Babbage in'), label: 'ORG', score: 0.3 },
      { ...at('London'), label: 'LOC', score: 0.85 },
      { ...at('1833'), label: 'DATE', score: 0.82 },
    ])
    await app.page.goto(`${new URL(app.server.url).origin}/#/editor/${docId}`)
    await app.page.getByTestId('suggestions').waitFor()
  })
  afterAll(async () => {
    db?.close()
    await app?.close()
  })

  it('accepts one with A and rejects the next with X', async () => {
    await app.page.keyboard.press('a')
    await until(() => spanTexts().length === 1)
    expect(spanTexts()).toEqual(['PER:Ada Lovelace:model'])
    await app.page.keyboard.press('x')
    await until(() => decisions().includes('Charles Babbage=rejected'))
    expect(decisions()).toContain('Charles Babbage=rejected')
  })

  it('accepts everything above the threshold as one step, skipping what overlaps', async () => {
    await app.page.keyboard.press('Control+Shift+A')
    await until(() => spanTexts().length === 3)
    expect(spanTexts()).toEqual(['PER:Ada Lovelace:model', 'LOC:London:model', 'DATE:1833:model'])
    expect(await app.page.getByTestId('editor-message').innerText()).toContain('Accepted 2 suggestions')
  })

  it('undoes the bulk acceptance in one step and then the rejection', async () => {
    await app.page.keyboard.press('Control+z')
    await until(() => spanTexts().length === 1)
    expect(spanTexts()).toEqual(['PER:Ada Lovelace:model'])
    expect(decisions()).toContain('London=-')
    await app.page.keyboard.press('Control+z')
    await until(() => decisions().includes('Charles Babbage=-'))
    expect(decisions()).toEqual([
      'Ada Lovelace=accepted',
      'Charles Babbage=-',
      'Babbage in=-',
      'London=-',
      '1833=-',
    ])
    await screenshot(app.page, 'editor-suggestions')
  })

  it('raised no page errors', () => {
    expect(app.pageErrors).toEqual([])
  })
})

describe.skipIf(unavailable !== null)('right-to-left text in the labelling editor', () => {
  const text = 'נסענו לתל אביב עם משה כהן\nThen back home.'
  let app: AppSession
  let db: Database.Database
  let docId: number

  beforeAll(async () => {
    app = await openApp()
    db = new Database(app.project.path)
    db.transaction(() => insertDocuments(db, [{ text, spans: [] }]))()
    docId = (db.prepare('SELECT max(id) AS id FROM documents').get() as { id: number }).id
    await app.page.goto(`${new URL(app.server.url).origin}/#/editor/${docId}`)
    await app.page.getByTestId('annotation-editor').waitFor()
  })
  afterAll(async () => {
    db?.close()
    await app?.close()
  })

  it('moves with the visual direction of a Hebrew paragraph and labels what it selected', async () => {
    const { page } = app
    expect(await page.locator('[dir="rtl"]').count()).toBe(1)
    // In right-to-left text ArrowLeft reads forward: the first press lands on the first word.
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('Shift+ArrowLeft')
    await page.keyboard.press('1')
    const stored = () =>
      db.prepare('SELECT start, end FROM spans WHERE document_id = ?').all(docId) as {
        start: number
        end: number
      }[]
    for (let i = 0; i < 50 && stored().length === 0; i++) await new Promise((r) => setTimeout(r, 50))
    expect(stored().map((s) => text.slice(s.start, s.end))).toEqual(['משה כהן'])
    expect(app.pageErrors).toEqual([])
  })
})
