/**
 * Our training throughput against PyTorch on the same CPU, same shapes, same two threads. The peer
 * is Debian's python3-torch with OpenBLAS (libopenblas0-openmp); the bench says so and stops when
 * it is absent. A virtual machine's speed drifts by tens of percent within minutes, so the two
 * engines take turns: each round measures ours (K = 1, the split step; K = 4 and 8, a Loop) and then
 * PyTorch, each in a fresh process, and a speed ratio compares measurements of the same round.
 * Reported: medians over the rounds (ML_PEER_ROUNDS, default 3) and the range of the per-round
 * ratios. Ratios above 1 mean NER Studio is faster (tokens/s) or leaner (memory).
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { measureInChild, type TrainMeasurement } from './ml-child'
import { report } from './report'

const PYTHON = process.env.PEER_PYTHON ?? '/usr/bin/python3'
const ROUNDS = Number(process.env.ML_PEER_ROUNDS ?? 3)
const KS = [1, 4, 8]

interface PeerMeasurement {
  msPerStep: number
  tokensPerSec: number
  peakRssMB: number
  torch: string
}

function peer(shape: string): PeerMeasurement | null {
  const r = spawnSync(
    PYTHON,
    [path.join(__dirname, 'peer', 'torch_bert_train.py'), shape, '2', shape === 'base' ? '8' : '30'],
    { encoding: 'utf8' },
  )
  if (r.status !== 0) return null
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as PeerMeasurement
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const range = (xs: number[], digits: number) =>
  `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`

function main(): void {
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' })
  if (probe.status !== 0) {
    console.log(
      `The PyTorch peer is absent (${PYTHON} cannot import torch): install python3-torch and libopenblas0-openmp to compare.`,
    )
    return
  }
  const rows: Record<string, string | number>[] = []
  for (const shape of ['small', 'base']) {
    const ours = new Map<number, TrainMeasurement[]>(KS.map((k) => [k, []]))
    const torch: PeerMeasurement[] = []
    for (let round = 0; round < ROUNDS; round++) {
      for (const k of KS) {
        const r = measureInChild(shape, k, false)
        if (r) ours.get(k)!.push(r)
      }
      const p = peer(shape)
      if (p) torch.push(p)
      console.log(
        `${shape} round ${round + 1}: ours ${KS.map((k) => `K=${k} ${ours.get(k)!.at(-1)?.tokensPerSec ?? '–'}`).join(', ')} tok/s; PyTorch ${p ? Math.round(p.tokensPerSec) : 'failed'} tok/s`,
      )
    }
    if (torch.length < ROUNDS) {
      rows.push({ shape, note: 'the PyTorch peer failed' })
      continue
    }
    for (const k of KS) {
      const runs = ours.get(k)!
      if (runs.length < ROUNDS) {
        rows.push({ shape, K: k, note: 'our measurement failed' })
        continue
      }
      const speed = runs.map((r, i) => r.tokensPerSec / torch[i]!.tokensPerSec)
      const memory = runs.map((r, i) => r.peakRssMB / torch[i]!.peakRssMB)
      rows.push({
        shape,
        K: k,
        'ours tokens/s': Math.round(median(runs.map((r) => r.tokensPerSec))),
        'torch tokens/s': Math.round(median(torch.map((p) => p.tokensPerSec))),
        'speed ratio (median)': +median(speed).toFixed(2),
        'speed ratio (range)': range(speed, 2),
        'ours peak MB': Math.round(median(runs.map((r) => r.peakRssMB))),
        'torch peak MB': Math.round(median(torch.map((p) => p.peakRssMB))),
        'memory ratio (median)': +median(memory).toFixed(2),
        'session create ms': Math.round(median(runs.map((r) => r.sessionCreateMs))),
        torch: torch[0]!.torch,
      })
    }
  }
  report('ml-peer', rows)
}

main()
