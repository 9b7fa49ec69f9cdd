/**
 * Training throughput of the BERT encoder graph (run: `npx jiti bench/ml-train.ts [small|small-nodropout|base] [K]`).
 * For each shape and K (optimizer steps per session.run; K = 1 is the split step of
 * src/main/ml/train/splitStepper.ts) it prints graph build + encode time, session creation time,
 * the median run time after warm-up, training tokens/s and the process's peak RSS (plus CPU time per step and the load average, since a shared machine skews wall time).
 * Each shape and K runs in its own child process, so peak RSS belongs to that configuration alone
 * (within one process the peak never comes down, so a later K would inherit an earlier one's). Figures are written
 * to bench/results/ml-train.json; nothing is asserted.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { BERT_DEFAULTS, bertTokenClassifier, type BertConfig } from '../src/main/ml/models/bert'
import { initParams } from '../src/main/ml/models/types'
import { ADAMW_DEFAULTS } from '../src/main/ml/optim/adamw'
import { Rng } from '../src/main/ml/rng'
import { buildGradientGraph } from '../src/main/ml/train/gradientGraph'
import { buildTrainGraph } from '../src/main/ml/train/trainGraph'
import { TrainStepper, zeroState } from '../src/main/ml/train/stepper'
import { measureInChild } from './ml-child'

const SHAPES: Record<string, { config: BertConfig; batch: number; seq: number }> = {
  small: {
    config: {
      ...BERT_DEFAULTS,
      vocab_size: 8000,
      hidden_size: 128,
      num_hidden_layers: 2,
      num_attention_heads: 2,
      intermediate_size: 512,
    },
    batch: 16,
    seq: 64,
  },
  // Same as small without dropout: comparable with the dropout-free feasibility prototype.
  'small-nodropout': {
    config: {
      ...BERT_DEFAULTS,
      vocab_size: 8000,
      hidden_size: 128,
      num_hidden_layers: 2,
      num_attention_heads: 2,
      intermediate_size: 512,
      hidden_dropout_prob: 0,
      attention_probs_dropout_prob: 0,
    },
    batch: 16,
    seq: 64,
  },
  base: {
    config: {
      ...BERT_DEFAULTS,
      vocab_size: 30522,
      hidden_size: 768,
      num_hidden_layers: 2,
      num_attention_heads: 12,
      intermediate_size: 3072,
    },
    batch: 8,
    seq: 128,
  },
}

const KS = [1, 4, 8]

async function measure(name: string, k: number) {
  const { config, batch, seq } = SHAPES[name]!
  const arch = bertTokenClassifier(config, 9)
  const rng = new Rng(1)
  const results = []
  {
    const options = { batch, seq, k, adamw: ADAMW_DEFAULTS, maxGradNorm: 1, seed: 1 }
    // K = 1 trains as a split step, whose gradient graph is the one to build (see stepper.ts).
    const b0 = performance.now()
    const bytes = k === 1 ? buildGradientGraph(arch, options).model : buildTrainGraph(arch, options)
    const buildMs = performance.now() - b0
    const stepper = await TrainStepper.create(arch, options)
    const state = zeroState(arch, initParams(arch, rng))
    const n = k * batch * seq
    const ids = BigInt64Array.from({ length: n }, () => BigInt(1 + rng.int(config.vocab_size - 1)))
    const labels = BigInt64Array.from({ length: n }, () => BigInt(rng.int(9)))
    const mask = new BigInt64Array(n).fill(1n)
    const sched = { peakLr: 1e-4, warmupSteps: 10, totalSteps: 1000 }
    const batchData = { features: { input_ids: ids, attention_mask: mask }, labels }
    const warm = k === 1 ? 3 : 1
    const timed = k === 1 ? (name === 'base' ? 9 : 20) : name === 'base' ? 2 : 5
    for (let i = 0; i < warm; i++) await stepper.run(state, batchData, sched)
    const times: number[] = []
    const cpu0 = process.cpuUsage()
    const wall0 = performance.now()
    for (let i = 0; i < timed; i++) {
      const t0 = performance.now()
      await stepper.run(state, batchData, sched)
      times.push(performance.now() - t0)
    }
    const cpu = process.cpuUsage(cpu0)
    const wallAll = performance.now() - wall0
    times.sort((a, b) => a - b)
    const median = times[Math.floor(times.length / 2)]!
    const r = {
      shape: name,
      k,
      graphBytes: bytes.length,
      buildMs: Math.round(buildMs),
      sessionCreateMs: Math.round(stepper.createMs - buildMs),
      msPerStep: +(median / k).toFixed(1),
      tokensPerSec: Math.round((batch * seq * k) / (median / 1000)),
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      // CPU time per step and the machine's load: with intraOpNumThreads 2, cpu ≈ 2 × wall when
      // the cores are free; a smaller ratio means other processes took the cores.
      cpuMsPerStep: +((cpu.user + cpu.system) / 1000 / (timed * k)).toFixed(1),
      cpuOverWall: +((cpu.user + cpu.system) / 1000 / wallAll).toFixed(2),
      loadAvg1m: +os.loadavg()[0]!.toFixed(2),
    }
    console.log(JSON.stringify(r))
    results.push(r)
    await stepper.release()
  }
  return results
}

async function main() {
  const which = process.argv[2]
  if (which) {
    const r = await measure(which, Number(process.argv[3] ?? 1))
    process.stdout.write(`RESULT ${JSON.stringify(r)}\n`)
    return
  }
  const all = []
  for (const [name, k] of Object.keys(SHAPES).flatMap((n) => KS.map((k) => [n, k] as const))) {
    const r = measureInChild(name, k)
    if (r) all.push(r)
  }
  const dir = path.resolve(__dirname, 'results')
  mkdirSync(dir, { recursive: true })
  writeFileSync(
    path.join(dir, 'ml-train.json'),
    JSON.stringify({ date: new Date().toISOString(), results: all }, null, 2),
  )
}

void main()
