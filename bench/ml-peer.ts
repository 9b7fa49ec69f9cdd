/**
 * Our training throughput against PyTorch on the same CPU, same shapes, same two threads (run after
 * bench/ml-train.ts, whose figures it reads). The peer is Debian's python3-torch with OpenBLAS
 * (libopenblas0-openmp); the bench says so and stops when it is absent. Ratios above 1 mean NER
 * Studio is faster (tokens/s) or leaner (memory).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { report } from './report'

const PYTHON = process.env.PEER_PYTHON ?? '/usr/bin/python3'
const ours = path.join(__dirname, 'results', 'ml-train.json')

function peer(
  shape: string,
): { msPerStep: number; tokensPerSec: number; peakRssMB: number; torch: string } | null {
  const r = spawnSync(
    PYTHON,
    [path.join(__dirname, 'peer', 'torch_bert_train.py'), shape, '2', shape === 'base' ? '8' : '30'],
    {
      encoding: 'utf8',
    },
  )
  if (r.status !== 0) return null
  return JSON.parse(r.stdout.trim().split('\n').pop()!)
}

function main(): void {
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' })
  if (probe.status !== 0) {
    console.log(
      `The PyTorch peer is absent (${PYTHON} cannot import torch): install python3-torch and libopenblas0-openmp to compare.`,
    )
    return
  }
  if (!existsSync(ours)) {
    console.log('Run bench/ml-train.ts first: its figures are compared here.')
    return
  }
  const results = (
    JSON.parse(readFileSync(ours, 'utf8')) as {
      results: {
        shape: string
        k: number
        tokensPerSec: number
        peakRssMB: number
        sessionCreateMs: number
      }[]
    }
  ).results
  const rows: Record<string, string | number>[] = []
  for (const shape of ['small', 'base']) {
    const p = peer(shape)
    if (!p) {
      rows.push({ shape, note: 'peer failed' })
      continue
    }
    for (const r of results.filter((x) => x.shape === shape)) {
      rows.push({
        shape,
        K: r.k,
        'ours tokens/s': r.tokensPerSec,
        'torch tokens/s': Math.round(p.tokensPerSec),
        'speed ratio (ours/torch)': +(r.tokensPerSec / p.tokensPerSec).toFixed(2),
        'ours peak MB': r.peakRssMB,
        'torch peak MB': Math.round(p.peakRssMB),
        'memory ratio (ours/torch)': +(r.peakRssMB / p.peakRssMB).toFixed(2),
        'session create ms': r.sessionCreateMs,
        torch: p.torch,
      })
    }
  }
  report('ml-peer', rows)
}

main()
