/**
 * Downloading a checkpoint by Hub model id ("bert-base-cased", "dslim/bert-base-NER") into the
 * user's data folder, through @huggingface/hub. Files land as NAME.part and are renamed when
 * complete; an interrupted download resumes with a Range request from the bytes already on disk,
 * as long as the file's ETag has not changed. HF_ENDPOINT points at another server (a mirror, or
 * a local one in tests); HF_HUB_OFFLINE=1 never touches the network.
 */
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { downloadFile, fileDownloadInfo } from '@huggingface/hub'
import { UserError } from '../../shared/api/errors'
import { userDataDir } from '../runtime/paths'

export interface HubOptions {
  /** Default: HF_ENDPOINT, else https://huggingface.co. */
  endpoint?: string
  /** Default: <user data folder>/models/hub. */
  cacheDir?: string
  /** Default: HF_HUB_OFFLINE is 1 or true. */
  offline?: boolean
  revision?: string
  onProgress?: (file: string, done: number, total: number) => void
  /** For gated or private models; default HF_TOKEN. */
  accessToken?: string
  /** Stops a download after this many bytes of a file (tests of resuming). */
  stopAfterBytes?: number
}

const REQUIRED = ['config.json', 'model.safetensors'] as const
const OPTIONAL = ['tokenizer.json', 'vocab.txt', 'tokenizer_config.json'] as const
const HUB_ID = /^[A-Za-z0-9][\w.-]*(\/[\w.-]+)?$/

export function hubCacheDir(o: HubOptions = {}): string {
  return o.cacheDir ?? join(userDataDir(), 'models', 'hub')
}

export function hubModelDir(id: string, o: HubOptions = {}): string {
  return join(hubCacheDir(o), `models--${id.replace('/', '--')}`)
}

function endpointOf(o: HubOptions): string {
  return (o.endpoint ?? process.env.HF_ENDPOINT ?? 'https://huggingface.co').replace(/\/+$/, '')
}

function offlineMessage(id: string, dir: string, endpoint: string, why: string): string {
  return (
    `Cannot download ${id} (${why}). Download config.json, model.safetensors and vocab.txt or tokenizer.json ` +
    `(and tokenizer_config.json when present) from ${endpoint}/${id}/tree/main and put them in ${dir}, ` +
    `or in any folder and pass that folder as --model.`
  )
}

/** The local folder of a Hub model, downloading what is missing. */
export async function resolveHubModel(id: string, o: HubOptions = {}): Promise<string> {
  if (!HUB_ID.test(id) || id.includes('..'))
    throw new UserError(
      `--model ${id} is neither an existing folder nor a Hub model id such as bert-base-cased.`,
    )
  const dir = hubModelDir(id, o)
  if (existsSync(join(dir, '.complete'))) return dir
  const endpoint = endpointOf(o)
  const offline = o.offline ?? ['1', 'true', 'yes'].includes((process.env.HF_HUB_OFFLINE ?? '').toLowerCase())
  if (offline) throw new UserError(offlineMessage(id, dir, endpoint, 'offline mode is on'))
  mkdirSync(dir, { recursive: true })
  const repo = { type: 'model' as const, name: id }
  const accessToken = o.accessToken ?? process.env.HF_TOKEN
  const base = {
    repo,
    hubUrl: endpoint,
    revision: o.revision ?? 'main',
    ...(accessToken ? { accessToken } : {}),
  }
  try {
    for (const path of [...REQUIRED, ...OPTIONAL]) {
      if (existsSync(join(dir, path))) continue
      const info = await fileDownloadInfo({ ...base, path })
      if (!info) {
        if (path === 'model.safetensors') {
          const bin = await fileDownloadInfo({ ...base, path: 'pytorch_model.bin' })
          throw new UserError(
            bin
              ? `${id} publishes only pytorch_model.bin, which NER Studio cannot read safely; convert it to model.safetensors with transformers (save_pretrained(DIR, safe_serialization=True)) and pass that folder as --model.`
              : `${id} has no model.safetensors on ${endpoint}.`,
          )
        }
        if ((REQUIRED as readonly string[]).includes(path))
          throw new UserError(`${id} has no ${path} on ${endpoint}.`)
        continue
      }
      await downloadResumable(dir, path, info, base, o)
    }
  } catch (err) {
    if (err instanceof UserError) throw err
    const status = (err as { statusCode?: number }).statusCode
    if (status === 401 || status === 403)
      throw new UserError(
        accessToken
          ? `${endpoint} refused the token in HF_TOKEN for ${id} (HTTP ${status}); check that it may read this model.`
          : `${id} needs a Hugging Face access token (HTTP ${status}): accept its terms on ${endpoint}/${id}, then set HF_TOKEN to a read token.`,
      )
    const why =
      err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err)
    throw new UserError(offlineMessage(id, dir, endpoint, why))
  }
  if (!existsSync(join(dir, 'vocab.txt')) && !existsSync(join(dir, 'tokenizer.json')))
    throw new UserError(`${id} has neither vocab.txt nor tokenizer.json on ${endpoint}.`)
  writeFileSync(join(dir, '.complete'), new Date().toISOString())
  return dir
}

type Info = NonNullable<Awaited<ReturnType<typeof fileDownloadInfo>>>

async function downloadResumable(
  dir: string,
  path: string,
  info: Info,
  base: { repo: { type: 'model'; name: string }; hubUrl: string; revision: string; accessToken?: string },
  o: HubOptions,
): Promise<void> {
  const part = join(dir, `${path}.part`)
  const tag = `${part}.etag`
  // A partial file is only continued when it belongs to the same version of the file.
  let start =
    existsSync(part) && existsSync(tag) && readFileSync(tag, 'utf8') === info.etag ? statSync(part).size : 0
  if (start > info.size) start = 0
  if (start === 0) rmSync(part, { force: true })
  writeFileSync(tag, info.etag)
  const blob = await downloadFile({ ...base, path, downloadInfo: info, xet: false })
  if (!blob) throw new UserError(`${base.repo.name} has no ${path}.`)
  const out = createWriteStream(part, { flags: start > 0 ? 'a' : 'w' })
  let done = start
  try {
    const reader = blob.slice(start).stream().getReader()
    for (;;) {
      const { done: end, value } = await reader.read()
      if (end) break
      let chunk = value
      if (o.stopAfterBytes !== undefined && done + chunk.length > o.stopAfterBytes) {
        chunk = chunk.subarray(0, Math.max(0, o.stopAfterBytes - done))
        await write(out, chunk)
        await reader.cancel()
        throw new Error(`stopped after ${o.stopAfterBytes} bytes`)
      }
      await write(out, chunk)
      done += chunk.length
      o.onProgress?.(path, done, info.size)
    }
  } finally {
    await new Promise<void>((res) => out.end(res))
  }
  if (statSync(part).size !== info.size)
    throw new Error(`${path} arrived with ${statSync(part).size} of ${info.size} bytes`)
  renameSync(part, join(dir, path))
  rmSync(tag, { force: true })
}

function write(out: NodeJS.WritableStream, chunk: Uint8Array): Promise<void> {
  return new Promise((res, rej) => out.write(chunk, (e) => (e ? rej(e) : res())))
}
