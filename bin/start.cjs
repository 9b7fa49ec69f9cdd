#!/usr/bin/env node
// `npm start`: build, then open the Electron window where Electron can run, or else browser mode.
// The Electron binary is looked for without importing `electron` (which would try to download it).
const { spawn, spawnSync } = require('node:child_process')
const { existsSync, readFileSync } = require('node:fs')
const { join } = require('node:path')

const root = join(__dirname, '..')

function electronBinary() {
  const pkg = join(root, 'node_modules', 'electron')
  const pathFile = join(pkg, 'path.txt')
  if (!existsSync(pathFile)) return null
  const exe = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(exe) ? exe : null
}

function hasDisplay() {
  if (process.platform !== 'linux') return true
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY)
}

const build = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], {
  cwd: root,
  stdio: 'inherit',
})
if (build.status !== 0) process.exit(build.status ?? 1)

const exe = electronBinary()
const why = !exe
  ? 'The Electron binary is not installed (run "npx install-electron" once where GitHub is reachable)'
  : !hasDisplay()
    ? 'There is no display to open a window on'
    : null

const child = why
  ? (console.log(`${why}, so NER Studio starts in browser mode instead.`),
    spawn(process.execPath, [join(root, 'bin', 'ner-studio.cjs'), 'serve', ...process.argv.slice(2)], {
      stdio: 'inherit',
    }))
  : spawn(exe, [root, ...process.argv.slice(2)], { stdio: 'inherit' })
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
child.on('exit', (code) => process.exit(code ?? 0))
