// Builds the desktop installers for this platform (`npm run dist`, extra arguments go to
// electron-builder, e.g. `npm run dist -- --linux AppImage deb`). electron-builder rebuilds
// better-sqlite3 for Electron's ABI while packaging; afterwards it is rebuilt for Node again so that
// tests and the CLI keep working in this checkout. Needs internet (Electron binary and headers).
import { spawnSync } from 'node:child_process'

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status ?? 1

let status = run(npm, ['run', 'build'])
if (status === 0)
  status = run(npx, [
    'electron-builder',
    '--config',
    'electron-builder.yml',
    '--publish',
    'never',
    ...process.argv.slice(2),
  ])
const back = run(npm, ['rebuild', 'better-sqlite3'])
if (back !== 0) console.error('Could not rebuild better-sqlite3 for Node; run "npm rebuild better-sqlite3".')
process.exit(status || back)
