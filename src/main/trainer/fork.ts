/** Starts the trainer entry point as a child process, under Node or under Electron alike. */
import { fork, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

export function trainerScript(): string {
  const candidates = [
    join(__dirname, 'trainer.js'), // out/main/index.js, out/main/cli.js
    join(__dirname, '..', 'trainer.js'), // out/main/chunks/*.js
    join(__dirname, '..', '..', '..', 'out', 'main', 'trainer.js'), // src/main/trainer (tests)
  ]
  const found = candidates.find((c) => existsSync(c))
  if (!found) throw new Error('The trainer is not built; run "npm run build".')
  return found
}

/**
 * glibc's malloc settings for processes that train. By default glibc maps every allocation above a
 * threshold afresh and hands freed memory back to the kernel at once, so each training step faults
 * in (and the kernel zeroes) the same few hundred megabytes again: a BERT-base-width step spent
 * nearly a third of its time there (docs/adr/0004). These keep freed memory for reuse; other C libraries ignore them.
 */
export const TRAINER_MALLOC_ENV: Readonly<Record<string, string>> = {
  MALLOC_MMAP_THRESHOLD_: String(256 * 1024 * 1024),
  MALLOC_TRIM_THRESHOLD_: String(1024 * 1024 * 1024),
}

export function forkTrainer(): ChildProcess {
  const env = { ...TRAINER_MALLOC_ENV, ...process.env }
  // Under Electron, process.execPath is the Electron binary; this flag makes it behave as Node.
  if (process.versions.electron) env.ELECTRON_RUN_AS_NODE = '1'
  return fork(trainerScript(), [], {
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  })
}
