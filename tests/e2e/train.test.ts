import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { e2eUnavailable, openApp, screenshot, type AppSession } from './browser'

const unavailable = e2eUnavailable()

describe.skipIf(unavailable !== null)('the Train page', () => {
  let app: AppSession
  beforeAll(async () => {
    app = await openApp()
  })
  afterAll(async () => {
    await app?.close()
  })

  it('trains with one click, shows progress, curves and per-label scores, and lists the new version', async () => {
    const { page } = app
    await page.getByTestId('nav-train').click()
    await page.getByTestId('train-device').waitFor()
    expect(await page.getByTestId('train-device-reason').textContent()).toMatch(/^Training (uses|will use)/)
    await page.getByRole('button', { name: 'Settings' }).click()
    await page.getByLabel('Most epochs').fill('3')
    await page.getByTestId('train-start').click()
    await page.getByTestId('train-progress').waitFor({ timeout: 30_000 })
    await page.getByTestId('train-result').waitFor({ timeout: 60_000 })
    expect(await page.getByTestId('train-result').textContent()).toMatch(
      /Model version 1 is ready: dev F1 \d+\.\d/,
    )
    const rows = await page.getByTestId('metrics-table').locator('tbody tr').allTextContents()
    expect(rows.map((r) => r.replace(/[\d.]+/g, '').trim())).toEqual(['DATE', 'LOC', 'ORG', 'PER', 'micro'])
    await page.getByText('compare and export them on the Models page').waitFor()
    expect(await page.getByTestId('f1-curve').locator('.recharts-line-curve').count()).toBe(1)
    await screenshot(page, 'train')
    const db = new Database(app.project.path, { readonly: true })
    expect(db.prepare('SELECT version, active FROM models').all()).toEqual([{ version: 1, active: 1 }])
    db.close()
    expect(app.pageErrors).toEqual([])
  })
})
