/** Temporary project files for tests: a real SQLite file in a fresh folder, removed afterwards. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ProjectStore } from '../../src/main/db/store'
import { seedDemo } from '../../src/main/runtime/default-project'

export interface TempProject {
  dir: string
  path: string
  cleanup(): void
}

export function tempProject(options: { seed?: boolean } = {}): TempProject {
  const dir = mkdtempSync(join(tmpdir(), 'ner-studio-test-'))
  const path = join(dir, 'test.nerproj')
  const store = ProjectStore.open(path, { create: true })
  if (options.seed) seedDemo(store)
  store.close()
  return { dir, path, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}
