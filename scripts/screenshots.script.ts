/**
 * Regenerates the screenshots in docs/screenshots (run: `npm run screenshots` after `npm run build`): the demo project in browser mode, driven by Debian's Chromium, in the light and
 * the dark theme. A quick training run gives the Train, Active learning and Models pages content.
 */
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { TRAINING_DEFAULTS } from '../src/shared/api/features/training'
import { it } from 'vitest'
import { openApp } from '../tests/e2e/browser'

const OUT = resolve(__dirname, '..', 'docs', 'screenshots')

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true })
  const app = await openApp()
  const { page, core } = app
  const origin = new URL(app.server.url).origin
  const shot = (name: string) => page.screenshot({ path: join(OUT, `${name}.png`) })
  try {
    await core.dispatch('patterns.add', { label: 'LOC', kind: 'term', pattern: 'Lisbon' })
    await core.dispatch('patterns.add', { label: 'ORG', kind: 'term', pattern: 'Northwind Logistics' })
    const run = await core.ctx.training.start({ ...TRAINING_DEFAULTS, epochs: 8, device: 'cpu' })
    await run.finished
    await core.ctx.scoring.start()
    const todo = core.ctx.store.db
      .prepare("SELECT id FROM documents WHERE status = 'todo' AND text LIKE '%Lisbon%' ORDER BY id LIMIT 1")
      .get() as { id: number }

    await page.goto(`${origin}/#/overview`)
    await page.getByTestId('stat-documents').waitFor()
    await page.waitForTimeout(800)
    await shot('overview')

    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.evaluate((s) => localStorage.setItem('mantine-color-scheme-value', s), scheme)
      await page.goto(`${origin}/#/editor/${todo.id}`)
      await page.reload()
      await page.getByTestId('annotation-editor').waitFor()
      await page.waitForTimeout(1200)
      await shot(`editor-${scheme}`)
    }
    await page.evaluate(() => localStorage.setItem('mantine-color-scheme-value', 'light'))
    await page.emulateMedia({ colorScheme: 'light' })
    for (const [route, name] of [
      ['documents', 'documents'],
      ['train', 'train'],
      ['queue', 'active-learning'],
      ['models', 'models'],
    ] as const) {
      await page.goto(`${origin}/#/${route}`)
      await page.reload()
      await page.waitForTimeout(1500)
      await shot(name)
    }
  } finally {
    await app.close()
  }
}

it('writes the screenshots', main, 300_000)
