/**
 * Crash safety: the importing process is killed (SIGKILL) while it writes a large file into the
 * project; the project must still open, pass integrity_check and hold none or all of that file.
 */
import { spawn } from 'node:child_process'
import { existsSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ProjectStore } from '../../src/main/db/store'
import { tempProject, type TempProject } from '../helpers/temp-project'

const root = resolve(__dirname, '..', '..')
const built = existsSync(join(root, 'out', 'main', 'cli.js'))
const DOCS = 40_000

function bigConll(path: string): void {
  const lines: string[] = []
  for (let i = 0; i < DOCS; i++) {
    lines.push('-DOCSTART- O', '')
    lines.push(
      `Report B-MISC`,
      `${i} O`,
      `from O`,
      `Alice${i % 977} B-PER`,
      `Smith I-PER`,
      `in O`,
      `Paris${i % 13} B-LOC`,
      '',
    )
  }
  writeFileSync(path, lines.join('\n'))
}

describe.skipIf(!built)('a kill in the middle of an import', () => {
  let tmp: TempProject
  let file: string
  beforeAll(() => {
    tmp = tempProject({ seed: true })
    file = join(tmp.dir, 'big.conll')
    bigConll(file)
  })
  afterAll(() => tmp.cleanup())

  it('leaves a consistent project holding none or all of the file', async () => {
    const before = ProjectStore.open(tmp.path)
    const docsBefore = (before.db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n
    before.close()
    const child = spawn(
      process.execPath,
      [join(root, 'bin', 'ner-studio.cjs'), 'import', '--project', tmp.path, file],
      {
        stdio: 'ignore',
      },
    )
    const wal = `${tmp.path}-wal`
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, signal) => r(signal)))
    // Kill once the write transaction has put a few megabytes into the write-ahead log.
    let killedMidWrite = false
    while (child.exitCode === null) {
      if (existsSync(wal) && statSync(wal).size > 2 * 1024 * 1024) {
        child.kill('SIGKILL')
        killedMidWrite = true
        break
      }
      await new Promise((r) => setTimeout(r, 2))
    }
    const signal = await exited
    expect(killedMidWrite).toBe(true)
    expect(signal).toBe('SIGKILL')

    const after = ProjectStore.open(tmp.path)
    try {
      expect(after.db.pragma('integrity_check', { simple: true })).toBe('ok')
      const docs = (after.db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n
      expect([docsBefore, docsBefore + DOCS]).toContain(docs)
      // The demo's labelled work is intact either way.
      const done = (
        after.db
          .prepare("SELECT count(*) AS n FROM documents WHERE source = 'demo' AND status = 'done'")
          .get() as {
          n: number
        }
      ).n
      expect(done).toBe(120)
    } finally {
      after.close()
    }
  })
})
