import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TRAINING_DEFAULTS } from '../../src/shared/api/features/training'
import { e2eUnavailable, openApp, screenshot, type AppSession } from './browser'

const unavailable = e2eUnavailable()

describe.skipIf(unavailable !== null)('the Active learning page', () => {
  let app: AppSession
  beforeAll(async () => {
    app = await openApp()
    const run = await app.core.ctx.training.start({ ...TRAINING_DEFAULTS, epochs: 2, device: 'cpu' })
    expect((await run.finished).status).toBe('done')
  })
  afterAll(async () => {
    await app?.close()
  })

  it('scores the pool, switches to an uncertainty strategy and lists the most uncertain documents first', async () => {
    const { page } = app
    await page.getByTestId('nav-queue').click()
    await page.getByTestId('queue-score').click()
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="queue-scored"]')?.textContent?.startsWith('200 of 200'),
    )
    await page.getByText('Least confidence', { exact: true }).click()
    const top = app.core.ctx.store.db
      .prepare(
        "SELECT d.id FROM documents d JOIN queue_scores q ON q.document_id = d.id WHERE d.status = 'todo' ORDER BY q.least_confidence DESC, d.id LIMIT 1",
      )
      .get() as { id: number }
    await page.waitForFunction(
      (id) => document.querySelector('[data-testid="queue-list"] tr td')?.textContent === `#${id}`,
      top.id,
    )
    await screenshot(page, 'active-learning')
    await page.locator('[data-testid="queue-list"] tr').first().click()
    await page.waitForFunction((id) => window.location.hash === `#/editor/${id}`, top.id)
    expect(app.pageErrors).toEqual([])
  })
})
