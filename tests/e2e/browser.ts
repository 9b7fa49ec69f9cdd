/**
 * Shared set-up for end-to-end tests: browser mode on a real project file, driven by Debian's
 * Chromium through playwright-core (which downloads no browser of its own).
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { createCore, type Core } from '../../src/main/core/core'
import { startBrowserServer, type BrowserServer } from '../../src/main/server/server'
import { tempProject, type TempProject } from '../helpers/temp-project'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const ROOT = resolve(__dirname, '..', '..')
export const RENDERER = join(ROOT, 'out', 'renderer')
export const ARTEFACTS = join(ROOT, 'test-results')

/** Why the e2e suite cannot run here, or null when it can. */
export function e2eUnavailable(): string | null {
  if (!existsSync(CHROMIUM)) return `Chromium is not installed at ${CHROMIUM}`
  if (!existsSync(join(RENDERER, 'index.html'))) return 'the renderer is not built (run "npm run build")'
  return null
}

export interface AppSession {
  project: TempProject
  core: Core
  server: BrowserServer
  browser: Browser
  page: Page
  pageErrors: string[]
  close(): Promise<void>
}

export async function openApp(
  options: { seed?: boolean; colorScheme?: 'light' | 'dark' } = {},
): Promise<AppSession> {
  const project = tempProject({ seed: options.seed ?? true })
  const core = createCore({ projectPath: project.path, shell: 'browser' })
  const server = await startBrowserServer({ core, rendererDir: RENDERER })
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  const page = await browser.newPage({
    viewport: { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
  })
  const pageErrors: string[] = []
  page.on('pageerror', (e) => pageErrors.push(e.message))
  page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()))
  await page.goto(server.url)
  return {
    project,
    core,
    server,
    browser,
    page,
    pageErrors,
    async close() {
      await browser.close()
      await server.close()
      core.close()
      project.cleanup()
    },
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTEFACTS, { recursive: true })
  const path = join(ARTEFACTS, `${name}.png`)
  await page.screenshot({ path })
  return path
}
