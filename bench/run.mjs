// `npm run bench [-- NAME…]`: every benchmark, or those whose file name contains a NAME. Vitest-style
// benches (*.bench.ts) run through vitest; plain scripts run with jiti. Figures land in bench/results/.
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const filters = process.argv.slice(2)
const wanted = (f) => filters.length === 0 || filters.some((n) => f.includes(n))
const SCRIPTS = [
  'formats.ts',
  'editor-model.ts',
  'ml-train.ts',
  'ml-peer.ts',
  'default-model-scaling.ts',
].filter(wanted)
const vitestBenches = readdirSync(here).filter((f) => f.endsWith('.bench.ts') && wanted(f))

let failed = 0
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) failed++
}
const bin = (name) => join(root, 'node_modules', '.bin', name)
if (vitestBenches.length)
  run(bin('vitest'), [
    'run',
    '--config',
    'vitest.bench.config.mts',
    ...vitestBenches.map((f) => join('bench', f)),
  ])
for (const s of SCRIPTS) {
  console.log(`\n== bench/${s}`)
  run(bin('jiti'), [join('bench', s)])
}
process.exit(failed ? 1 : 0)
