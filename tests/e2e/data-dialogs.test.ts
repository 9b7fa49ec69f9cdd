/**
 * The data dialogs in Chromium over browser mode: a file imported through the import dialog lands
 * in the project file with the summary it shows, a malformed file is refused with its file:line
 * sentence, a label is renamed, merged and deleted behind a confirmation that counts its spans, and
 * an export arrives as a downloaded file. Last, a new project is created from the header and the
 * first one reopened from the recent list.
 */
import Database from 'better-sqlite3'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { e2eUnavailable, openApp, screenshot, type AppSession } from './browser'

const unavailable = e2eUnavailable()
if (unavailable && process.env.CI) throw new Error(`End-to-end tests cannot run in CI: ${unavailable}.`)

// Three documents, the third a copy of the first: two are added, one is skipped as a duplicate.
const DOC_A = ['Acme B-GADGET', 'Rocket I-GADGET', 'flew O', 'to O', 'Lisbon B-LOC', '. O']
const DOC_B = ['The O', 'Acme B-GADGET', 'Anvil I-GADGET', 'fell O', '. O']
const SMALL = [
  '-DOCSTART- O',
  '',
  ...DOC_A,
  '',
  '-DOCSTART- O',
  '',
  ...DOC_B,
  '',
  '-DOCSTART- O',
  '',
  ...DOC_A,
  '',
]
const BAD = 'Ada B-PER\nLovelace I-PER\n\nParis X-LOC\n'

describe.skipIf(unavailable !== null)('import, label and export dialogs in Chromium', () => {
  let app: AppSession
  let db: Database.Database
  const count = (sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n
  const labelSpans = (name: string) =>
    count('SELECT count(*) AS n FROM spans s JOIN labels l ON l.id = s.label_id WHERE l.name = ?', name)

  // The recent-projects list goes to a throwaway data folder, never the user's.
  const home = mkdtempSync(join(tmpdir(), 'ner-studio-home-'))
  beforeAll(async () => {
    process.env.NER_STUDIO_HOME = home
    app = await openApp()
    db = new Database(app.project.path, { readonly: true })
  })
  afterAll(async () => {
    db?.close()
    await app?.close()
    rmSync(home, { recursive: true, force: true })
  })

  it('imports a file through the dialog and shows what it added', async () => {
    const { page } = app
    const before = count('SELECT count(*) AS n FROM documents')
    await page.getByTestId('nav-documents').click()
    await page.getByTestId('open-import').click()
    await page.locator('input[type=file]').setInputFiles({
      name: 'small.conll',
      mimeType: 'text/plain',
      buffer: Buffer.from(SMALL.join('\n')),
    })
    await page.getByTestId('import-start').click()
    await page.getByTestId('import-summary').waitFor()
    expect(await page.getByTestId('summary-documents').textContent()).toBe('2')
    expect(await page.getByTestId('summary-duplicates').textContent()).toBe('1')
    expect(await page.getByTestId('summary-tokens').textContent()).toBe(String(DOC_A.length + DOC_B.length))
    expect(await page.getByTestId('summary-label-GADGET').textContent()).toBe('GADGET 2')
    await screenshot(page, 'import-summary')
    expect(count('SELECT count(*) AS n FROM documents')).toBe(before + 2)
    expect(
      count("SELECT count(*) AS n FROM documents WHERE source = 'small.conll' AND status = 'done'"),
    ).toBe(2)
    expect(labelSpans('GADGET')).toBe(2)
  })

  it('refuses a malformed file whole, with the file:line sentence', async () => {
    const { page } = app
    const before = count('SELECT count(*) AS n FROM documents')
    await page.getByRole('button', { name: 'Import more' }).click()
    await page.locator('input[type=file]').setInputFiles({
      name: 'bad.conll',
      mimeType: 'text/plain',
      buffer: Buffer.from(BAD),
    })
    await page.getByTestId('import-start').click()
    await page.getByTestId('import-error').waitFor()
    expect(await page.getByTestId('import-error').textContent()).toMatch(/bad\.conll:4: /)
    expect(count('SELECT count(*) AS n FROM documents')).toBe(before)
    await page.keyboard.press('Escape')
  })

  it('renames, merges and deletes labels behind a confirmation that counts the spans', async () => {
    const { page } = app
    await page.getByTestId('nav-labels').click()
    const name = page.getByLabel('Name of GADGET')
    await name.fill('PRODUCT')
    await name.press('Enter')
    await page.getByLabel('Name of PRODUCT').waitFor()
    expect(labelSpans('PRODUCT')).toBe(2)

    const orgBefore = labelSpans('ORG')
    await page.getByLabel('More actions for PRODUCT').click()
    await page.getByTestId('label-merge').click()
    await page.getByTestId('merge-into').click()
    await page.getByRole('option', { name: 'ORG', exact: true }).click()
    expect(await page.getByTestId('label-confirm-text').textContent()).toBe(
      'This moves 2 spans from PRODUCT to ORG and removes PRODUCT.',
    )
    await page.getByTestId('label-confirm').click()
    await page.getByLabel('Name of PRODUCT').waitFor({ state: 'detached' })
    expect(labelSpans('ORG')).toBe(orgBefore + 2)
    expect(count("SELECT count(*) AS n FROM labels WHERE name = 'PRODUCT'")).toBe(0)

    const dates = labelSpans('DATE')
    expect(dates).toBeGreaterThan(1)
    await page.getByLabel('More actions for DATE').click()
    await page.getByTestId('label-delete').click()
    expect(await page.getByTestId('label-confirm-text').textContent()).toBe(
      `This removes the label DATE and its ${dates} spans from every document.`,
    )
    await screenshot(page, 'label-delete-confirm')
    await page.getByTestId('label-confirm').click()
    await page.getByLabel('Name of DATE').waitFor({ state: 'detached' })
    expect(count("SELECT count(*) AS n FROM labels WHERE name = 'DATE'")).toBe(0)
    expect(labelSpans('DATE')).toBe(0)
  })

  it('exports the done documents as a downloaded CoNLL file', async () => {
    const { page } = app
    await page.getByTestId('nav-documents').click()
    await page.getByTestId('open-export').click()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-start').click(),
    ])
    expect(download.suggestedFilename()).toBe('test-done-iob2.conll')
    const text = readFileSync(await download.path(), 'utf8')
    // The merged spans went out under their new label; the deleted label is gone.
    expect(text).toMatch(/^Acme B-ORG$/m)
    expect(text).toMatch(/^Rocket I-ORG$/m)
    expect(text).not.toMatch(/-DATE$/m)
    const done = count("SELECT count(*) AS n FROM documents WHERE status = 'done'")
    await page.getByTestId('export-summary').waitFor()
    expect(await page.getByTestId('export-summary').textContent()).toContain(`${done} documents`)
    await page.keyboard.press('Escape')
    await page.getByTestId('export-start').waitFor({ state: 'detached' })
  })

  it('creates a new project from the header and reopens the first from the recent list', async () => {
    const { page } = app
    const textOf = (id: string, text: string) =>
      page.waitForFunction(
        ([id, text]) => document.querySelector(`[data-testid="${id}"]`)?.textContent === text,
        [id, text],
      )
    await page.getByTestId('open-projects').click()
    await page.getByTestId('project-new-tab').click()
    const fresh = join(app.project.dir, 'fresh')
    await page.getByTestId('project-new-path').fill(fresh)
    await page.getByTestId('project-create').click()
    await textOf('project-name', 'fresh')
    await textOf('stat-documents', '0')
    expect(existsSync(`${fresh}.nerproj`)).toBe(true)

    await page.getByTestId('open-projects').click()
    const first = page.getByTestId('recent-project').filter({ hasText: app.project.path })
    await first.getByRole('button', { name: 'Open' }).click()
    await textOf('project-name', 'test')
    await textOf('stat-documents', String(count('SELECT count(*) AS n FROM documents')))
    const recent = JSON.parse(readFileSync(join(home, 'recent-projects.json'), 'utf8')) as { path: string }[]
    expect(recent.map((r) => r.path)).toEqual([app.project.path, `${fresh}.nerproj`])
  })

  it('raised no page errors', () => {
    expect(app.pageErrors).toEqual([])
  })
})
