/** Runs one training-throughput measurement of bench/ml-train.ts in a process of its own. */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { TRAINER_MALLOC_ENV } from '../src/main/trainer/fork'

export interface TrainMeasurement {
  shape: string
  k: number
  graphBytes: number
  buildMs: number
  sessionCreateMs: number
  msPerStep: number
  tokensPerSec: number
  peakRssMB: number
  cpuMsPerStep: number
  cpuOverWall: number
  loadAvg1m: number
}

/**
 * A fresh process per measurement, so its peak RSS belongs to that configuration alone (within one
 * process the peak never comes down). It runs with the trainer process's malloc settings.
 */
export function measureInChild(shape: string, k: number, echo = true): TrainMeasurement | null {
  const jitiCli = path.join(path.dirname(require.resolve('jiti/package.json')), 'lib/jiti-cli.mjs')
  const child = spawnSync(
    process.execPath,
    [jitiCli, path.join(__dirname, 'ml-train.ts'), shape, String(k)],
    {
      encoding: 'utf8',
      env: { ...TRAINER_MALLOC_ENV, ...process.env },
    },
  )
  if (echo)
    process.stdout.write(
      child.stdout
        .split('\n')
        .filter((l) => !l.startsWith('RESULT'))
        .join('\n'),
    )
  if (child.status !== 0) console.error(child.stderr)
  const line = child.stdout.split('\n').find((l) => l.startsWith('RESULT '))
  return line ? (JSON.parse(line.slice(7)) as TrainMeasurement[])[0]! : null
}
