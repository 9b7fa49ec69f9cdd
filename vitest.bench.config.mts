import { defineConfig } from 'vitest/config'

// Benchmarks are plain Vitest files under bench/ that measure and print; they assert nothing about
// speed (timings vary with the machine) and write their figures to bench/results/.
export default defineConfig({
  test: {
    include: ['bench/**/*.bench.ts', 'scripts/**/*.script.ts'],
    testTimeout: 30 * 60_000,
    hookTimeout: 10 * 60_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
})
