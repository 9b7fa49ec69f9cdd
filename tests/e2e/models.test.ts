import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TRAINING_DEFAULTS } from '../../src/shared/api/features/training'
import { e2eUnavailable, openApp, screenshot, type AppSession } from './browser'

const unavailable = e2eUnavailable()

describe.skipIf(unavailable !== null)('the Models page', () => {
  let app: AppSession
  beforeAll(async () => {
    app = await openApp()
    for (const seed of [1, 2]) {
      const run = await app.core.ctx.training.start({ ...TRAINING_DEFAULTS, epochs: 2, seed, device: 'cpu' })
      expect((await run.finished).status).toBe('done')
    }
  })
  afterAll(async () => {
    await app?.close()
  })

  it('lists versions, compares two per label, and exports an int8 package to disk', async () => {
    const { page } = app
    await page.getByTestId('nav-models').click()
    await page.getByTestId('models-table').waitFor()
    expect(await page.getByTestId('models-table').locator('tbody tr').count()).toBe(2)
    const compare = await page
      .getByTestId('compare-table')
      .locator('tbody tr td:first-child')
      .allTextContents()
    expect(compare).toEqual(['DATE', 'LOC', 'ORG', 'PER', 'micro'])
    await page.getByLabel('int8 (about a quarter of the size)').check()
    await page.getByTestId('export-model').click()
    await page.getByTestId('export-result').waitFor({ timeout: 60_000 })
    const outDir = (await page.getByTestId('export-result').locator('p').first().textContent())!
    expect(outDir).toBe(join(app.project.dir, 'test.exports', 'v2-int8'))
    for (const f of ['model.onnx', 'config.json', 'README.md', 'predict.mjs', 'predict.py']) {
      expect(existsSync(join(outDir, f))).toBe(true)
    }
    expect(statSync(join(outDir, 'model.onnx')).size).toBeGreaterThan(1000)
    await screenshot(page, 'models')
    expect(app.pageErrors).toEqual([])
  })
})
