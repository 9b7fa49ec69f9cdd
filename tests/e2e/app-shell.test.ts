import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { e2eUnavailable, openApp, screenshot, type AppSession } from './browser'

const unavailable = e2eUnavailable()
if (unavailable && process.env.CI) throw new Error(`End-to-end tests cannot run in CI: ${unavailable}.`)

describe.skipIf(unavailable !== null)('the app in Chromium over browser mode', () => {
  let app: AppSession
  beforeAll(async () => {
    app = await openApp()
  })
  afterAll(async () => {
    await app?.close()
  })

  it('shows the project overview from the real project file, with the compute device', async () => {
    const { page } = app
    await page.getByTestId('stat-documents').waitFor()
    expect(await page.getByTestId('stat-documents').textContent()).toBe('320')
    expect(await page.getByTestId('stat-done').textContent()).toBe('120')
    expect(await page.getByTestId('project-name').textContent()).toBe('test')
    expect(await page.getByTestId('device-reason').textContent()).toMatch(/Training (uses|will use)/)
    expect(new URL(page.url()).searchParams.get('token')).toBeNull() // the token left the address bar
    const shot = await screenshot(page, 'overview')
    expect(existsSync(shot)).toBe(true)
  })

  it('lists and filters documents, opens one and marks it done in the project file', async () => {
    const { page } = app
    await page.getByTestId('nav-documents').click()
    await page.getByTestId('document-row').first().waitFor()
    expect(await page.getByTestId('documents-total').textContent()).toBe('320 documents')
    await page.getByLabel('Search documents').fill('Lisbon')
    await page.waitForFunction(
      () => document.querySelector('[data-testid="documents-total"]')?.textContent !== '320 documents',
    )
    const filtered = Number((await page.getByTestId('documents-total').textContent())!.split(' ')[0])
    const db = new Database(app.project.path, { readonly: true })
    const expected = (
      db.prepare("SELECT count(*) AS n FROM documents WHERE text LIKE '%Lisbon%'").get() as { n: number }
    ).n
    expect(filtered).toBe(expected)
    await page.getByTestId('document-row').first().click()
    await page.getByTestId('doc-text').waitFor()
    const id = Number(/#\/editor\/(\d+)/.exec(page.url())![1])
    const status = () =>
      (db.prepare('SELECT status FROM documents WHERE id = ?').get(id) as { status: string }).status
    const before = status()
    await page.getByTestId('mark-done').click()
    await page.waitForFunction((docId) => !window.location.hash.endsWith(`/${docId}`), id)
    expect(status()).toBe('done')
    expect(before === 'done' || before === 'todo').toBe(true)
    db.close()
    await screenshot(page, 'document')
  })

  it('raised no page errors', () => {
    expect(app.pageErrors).toEqual([])
  })
})

describe.skipIf(unavailable !== null)('browser mode without its token', () => {
  it('shows how to get in and makes no API call', async () => {
    const app = await openApp({ seed: false })
    try {
      await app.page.evaluate(() => sessionStorage.clear())
      const bare = new URL(app.server.url)
      await app.page.goto(`${bare.origin}/`)
      await app.page.getByTestId('missing-token').waitFor()
      expect(await app.page.getByTestId('missing-token').textContent()).toContain('?token=')
    } finally {
      await app.close()
    }
  })
})
