/**
 * Download by Hub model id, against a local server in the Hub's layout (no test reaches the
 * internet): the cache in the data folder, resuming a cut download with a Range request,
 * restarting when the file changed, the messages offline and for pytorch_model.bin-only repos,
 * and `ner-studio train --model ID` end to end (HF_ENDPOINT, trainer process).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/main/cli/program'
import { createCore } from '../../src/main/core/core'
import { listModels } from '../../src/main/db/models'
import { ProjectStore } from '../../src/main/db/store'
import { loadHfCheckpoint } from '../../src/main/hf/checkpoint'
import { hubModelDir, resolveHubModel } from '../../src/main/hf/hub'
import { tempProject } from '../helpers/temp-project'
import { startHubServer, type HubServer } from './hubServer'

const FIXTURE = join(__dirname, '../fixtures/tiny-bert')
const WEIGHTS = readFileSync(join(FIXTURE, 'model.safetensors'))
const tmp = mkdtempSync(join(tmpdir(), 'ner-hub-'))
let hub: HubServer
const binOnly = join(tmp, 'bin-only')

beforeAll(async () => {
  cpSync(FIXTURE, binOnly, { recursive: true })
  rmSync(join(binOnly, 'model.safetensors'))
  cpSync(join(FIXTURE, 'config.json'), join(binOnly, 'pytorch_model.bin'))
  hub = await startHubServer({
    'test-org/tiny-bert': FIXTURE,
    'tiny-bert-bin': binOnly,
    'private/tiny-bert': FIXTURE,
  })
})
afterAll(async () => {
  await hub.close()
  rmSync(tmp, { recursive: true, force: true })
})

describe('Hub download', () => {
  it('downloads into the cache once and then works from it', async () => {
    const cacheDir = join(tmp, 'c1')
    const dir = await resolveHubModel('test-org/tiny-bert', { endpoint: hub.endpoint, cacheDir })
    expect(dir).toBe(hubModelDir('test-org/tiny-bert', { cacheDir }))
    expect(readFileSync(join(dir, 'model.safetensors')).equals(WEIGHTS)).toBe(true)
    expect(existsSync(join(dir, 'tokenizer.json'))).toBe(false) // not in the repo: skipped
    expect(loadHfCheckpoint(dir).config.hidden_size).toBe(32)
    const before = hub.requests.length
    expect(await resolveHubModel('test-org/tiny-bert', { endpoint: hub.endpoint, cacheDir })).toBe(dir)
    expect(hub.requests.length).toBe(before)
  })

  it('resumes a cut download from the bytes on disk', async () => {
    const cacheDir = join(tmp, 'c2')
    const o = { endpoint: hub.endpoint, cacheDir }
    await expect(resolveHubModel('test-org/tiny-bert', { ...o, stopAfterBytes: 40_000 })).rejects.toThrow(
      /Cannot download test-org\/tiny-bert \(stopped after 40000 bytes\)/,
    )
    const part = join(hubModelDir('test-org/tiny-bert', o), 'model.safetensors.part')
    expect(statSync(part).size).toBe(40_000)
    const dir = await resolveHubModel('test-org/tiny-bert', o)
    expect(
      hub.requests.some(
        (r) => r.path.endsWith('/model.safetensors') && r.range === `bytes=40000-${WEIGHTS.length - 1}`,
      ),
    ).toBe(true)
    expect(readFileSync(join(dir, 'model.safetensors')).equals(WEIGHTS)).toBe(true)
    expect(existsSync(part)).toBe(false)
  })

  it('starts over when the file changed on the server since the cut', async () => {
    const cacheDir = join(tmp, 'c3')
    const o = { endpoint: hub.endpoint, cacheDir }
    await expect(resolveHubModel('test-org/tiny-bert', { ...o, stopAfterBytes: 30_000 })).rejects.toThrow()
    hub.bumpRevision()
    const n = hub.requests.length
    const dir = await resolveHubModel('test-org/tiny-bert', o)
    expect(hub.requests.slice(n).some((r) => r.range?.startsWith('bytes=30000'))).toBe(false)
    expect(readFileSync(join(dir, 'model.safetensors')).equals(WEIGHTS)).toBe(true)
  })

  it('says what to download and where when offline or unreachable', async () => {
    const cacheDir = join(tmp, 'c4')
    const where = hubModelDir('bert-base-cased', { cacheDir })
    await expect(resolveHubModel('bert-base-cased', { cacheDir, offline: true })).rejects.toThrow(
      `Cannot download bert-base-cased (offline mode is on). Download config.json, model.safetensors and vocab.txt or tokenizer.json (and tokenizer_config.json when present) from https://huggingface.co/bert-base-cased/tree/main and put them in ${where}, or in any folder and pass that folder as --model.`,
    )
    // A port nothing listens on stands for no network.
    const closed = await startHubServer({})
    await closed.close()
    await expect(resolveHubModel('bert-base-cased', { cacheDir, endpoint: closed.endpoint })).rejects.toThrow(
      /Cannot download bert-base-cased \(.+\)\. Download config\.json, model\.safetensors/,
    )
  })

  it('asks for HF_TOKEN for a private model and sends it', async () => {
    const o = { endpoint: hub.endpoint, cacheDir: join(tmp, 'c6') }
    await expect(resolveHubModel('private/tiny-bert', o)).rejects.toThrow(
      /private\/tiny-bert needs a Hugging Face access token \(HTTP 401\).*set HF_TOKEN/,
    )
    await expect(resolveHubModel('private/tiny-bert', { ...o, accessToken: 'hf_wrong' })).rejects.toThrow(
      /refused the token in HF_TOKEN/,
    )
    const dir = await resolveHubModel('private/tiny-bert', { ...o, accessToken: 'hf_secret' })
    expect(readFileSync(join(dir, 'model.safetensors')).equals(WEIGHTS)).toBe(true)
  })

  it('explains how to convert a repo that has only pytorch_model.bin', async () => {
    await expect(
      resolveHubModel('tiny-bert-bin', { endpoint: hub.endpoint, cacheDir: join(tmp, 'c5') }),
    ).rejects.toThrow(/publishes only pytorch_model\.bin.*safe_serialization=True/)
  })

  it.skipIf(!existsSync(resolve(__dirname, '../../out/main/trainer.js')))(
    'ner-studio train --model ID downloads (HF_ENDPOINT) and fine-tunes in the trainer process',
    async () => {
      const project = tempProject({ seed: true })
      const saved = { endpoint: process.env.HF_ENDPOINT, home: process.env.NER_STUDIO_HOME }
      process.env.HF_ENDPOINT = hub.endpoint
      process.env.NER_STUDIO_HOME = join(tmp, 'home')
      try {
        const code = await runCli([
          'train',
          '--project',
          project.path,
          '--model',
          'test-org/tiny-bert',
          '--epochs',
          '1',
          '--device',
          'cpu',
          '--json',
        ])
        expect(code).toBe(0)
        expect(
          existsSync(join(tmp, 'home', 'models', 'hub', 'models--test-org--tiny-bert', 'model.safetensors')),
        ).toBe(true)
        const store = ProjectStore.open(project.path, { readonly: true })
        expect(listModels(store.db)).toHaveLength(1)
        store.close()
      } finally {
        process.env.HF_ENDPOINT = saved.endpoint
        process.env.NER_STUDIO_HOME = saved.home
        if (saved.endpoint === undefined) delete process.env.HF_ENDPOINT
        if (saved.home === undefined) delete process.env.NER_STUDIO_HOME
        project.cleanup()
      }
    },
    60_000,
  )
})

describe.skipIf(!existsSync(resolve(__dirname, '../../out/main/trainer.js')))(
  'training from a Hub id through the API',
  () => {
    it('downloads with progress events before the run starts, then fine-tunes a BERT version', async () => {
      const project = tempProject({ seed: true })
      const saved = { endpoint: process.env.HF_ENDPOINT, home: process.env.NER_STUDIO_HOME }
      process.env.HF_ENDPOINT = hub.endpoint
      process.env.NER_STUDIO_HOME = join(tmp, 'home-api')
      const core = createCore({ projectPath: project.path, shell: 'test' })
      try {
        const downloads: { file: string; done: number; total: number }[] = []
        const finished = new Promise<unknown>((r) => {
          core.bus.subscribe((e, p) => {
            if (e === 'training.download') downloads.push(p as { file: string; done: number; total: number })
            if (e === 'training.finished') r(p)
          })
        })
        const started = await core.dispatch('training.start', {
          model: 'test-org/tiny-bert',
          epochs: 1,
          device: 'cpu',
          maxLen: 32,
        })
        expect(started.ok).toBe(true)
        expect(await finished).toMatchObject({ status: 'done', model: { version: 1, architecture: 'bert' } })
        const weights = downloads.filter((d) => d.file === 'model.safetensors')
        expect(weights.length).toBeGreaterThan(0)
        expect(weights[weights.length - 1]!.done).toBe(WEIGHTS.length)
      } finally {
        core.close()
        process.env.HF_ENDPOINT = saved.endpoint
        process.env.NER_STUDIO_HOME = saved.home
        if (saved.endpoint === undefined) delete process.env.HF_ENDPOINT
        if (saved.home === undefined) delete process.env.NER_STUDIO_HOME
        project.cleanup()
      }
    }, 60_000)
  },
)
