import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { e2eUnavailable, openApp, type AppSession } from './browser'

const unavailable = e2eUnavailable()

describe.skipIf(unavailable !== null)('the Patterns page', () => {
  let app: AppSession
  beforeAll(async () => {
    app = await openApp()
  })
  afterAll(async () => {
    await app?.close()
  })

  it('adds a term and a regex for a label and deletes one, in the project file', async () => {
    const { page } = app
    await page.getByTestId('nav-patterns').click()
    await page.getByTestId('pattern-input').fill('Vantage Bank')
    await page.getByTestId('pattern-add').click()
    await page.getByText('Vantage Bank').waitFor()
    await page.getByText('Regex', { exact: true }).click()
    await page.getByTestId('pattern-input').fill('\\d{4}')
    await page.getByTestId('pattern-add').click()
    await page.getByText('\\d{4}').waitFor()
    const db = new Database(app.project.path, { readonly: true })
    const rows = () =>
      db
        .prepare(
          'SELECT p.kind, p.pattern, l.name AS label FROM patterns p JOIN labels l ON l.id = p.label_id ORDER BY p.id',
        )
        .all()
    expect(rows()).toEqual([
      { kind: 'term', pattern: 'Vantage Bank', label: 'PER' },
      { kind: 'regex', pattern: '\\d{4}', label: 'PER' },
    ])
    await page.getByLabel('Delete pattern Vantage Bank').click()
    await page.getByText('Vantage Bank').waitFor({ state: 'detached' })
    expect(rows()).toEqual([{ kind: 'regex', pattern: '\\d{4}', label: 'PER' }])
    db.close()
    expect(app.pageErrors).toEqual([])
  })
})
