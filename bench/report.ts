/** Benchmarks print a table and keep their figures in bench/results/NAME.json for the notes. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export function report(name: string, rows: Record<string, string | number>[]): void {
  const dir = join(__dirname, 'results')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, `${name}.json`), JSON.stringify({ at: new Date().toISOString(), rows }, null, 2))
  console.log(`\n${name}`)
  console.table(rows)
}

/** Median of repeated timings in milliseconds. */
export function medianMs(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? NaN
}

export function timeMs(fn: () => void, repeat = 5): number {
  const samples: number[] = []
  for (let i = 0; i < repeat; i++) {
    const t = performance.now()
    fn()
    samples.push(performance.now() - t)
  }
  return medianMs(samples)
}
