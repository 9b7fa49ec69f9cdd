/**
 * Fine-tuning a checkpoint folder through the trainer process, as `ner-studio train --model DIR`
 * runs it: the encoder comes from the checkpoint, the classifier is sized to the project's labels
 * (the fixture's own head has 7), and the run becomes a model version.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TRAINING_DEFAULTS } from '../../src/shared/api/features/training'
import { createCore, type Core } from '../../src/main/core/core'
import { modelDir } from '../../src/main/trainer/evaluate'
import { loadHfCheckpoint } from '../../src/main/hf/checkpoint'
import { readSafetensors } from '../../src/main/ml/safetensors'
import { tempProject, type TempProject } from '../helpers/temp-project'

const built = existsSync(resolve(__dirname, '../../out/main/trainer.js'))
const FIXTURE = resolve(__dirname, '../fixtures/tiny-bert')

describe.skipIf(!built)('fine-tuning a Hugging Face checkpoint in the trainer process', () => {
  let tmp: TempProject
  let core: Core
  beforeEach(() => {
    tmp = tempProject({ seed: true })
    core = createCore({ projectPath: tmp.path, shell: 'test' })
  })
  afterEach(() => {
    core.close()
    tmp.cleanup()
  })

  it('starts from the checkpoint encoder with a head sized to the project labels', async () => {
    const settings = { ...TRAINING_DEFAULTS, model: FIXTURE, epochs: 1, lr: 1e-4, device: 'cpu' as const }
    const { finished } = await core.ctx.training.start(settings)
    const result = await finished
    expect(result.message).toBeNull()
    expect(result.status).toBe('done')
    const { dir } = modelDir(core.ctx.store.db, tmp.path)
    const desc = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as {
      architecture: { kind: string; config: { hidden_size: number } }
      labels: string[]
      maxLen: number
    }
    expect(desc.architecture.kind).toBe('bert')
    expect(desc.maxLen).toBe(64) // the checkpoint's max_position_embeddings, below the default 128
    const labelCount = (core.ctx.store.db.prepare('SELECT count(*) AS n FROM labels').get() as { n: number })
      .n
    expect(desc.labels).toHaveLength(1 + 2 * labelCount)
    const best = readSafetensors(join(dir, 'best.safetensors')).tensors
    expect(best.get('classifier.weight')!.shape).toEqual([desc.labels.length, 32])
    // One epoch at a small rate moves the encoder only a little away from the checkpoint.
    const pre = loadHfCheckpoint(FIXTURE).encoder.get('bert.embeddings.word_embeddings.weight')!
    const tuned = best.get('bert.embeddings.word_embeddings.weight')!.data as Float32Array
    let maxDiff = 0
    pre.forEach((v, i) => (maxDiff = Math.max(maxDiff, Math.abs(v - tuned[i]!))))
    expect(maxDiff).toBeGreaterThan(0)
    expect(maxDiff).toBeLessThan(0.05)
  })

  it('fails the run with a sentence when --model is neither a folder nor a Hub id', async () => {
    const { finished } = await core.ctx.training.start({
      ...TRAINING_DEFAULTS,
      model: join(FIXTURE, 'no-such-folder'),
      epochs: 1,
      device: 'cpu',
    })
    const result = await finished
    expect(result.status).toBe('failed')
    expect(result.message).toMatch(/neither an existing folder nor a Hub model id|Cannot download/)
  })
})
