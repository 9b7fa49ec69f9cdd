/**
 * A Hugging Face Hub stand-in on 127.0.0.1 for download tests: serves files of local folders at
 * /{repo}/resolve/{revision}/{path} as the Hub does (ETag, Range → 206 with Content-Range, 404
 * with X-Error-Code: EntryNotFound), and records every request so tests can see resumes.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'

export interface HubServer {
  endpoint: string
  requests: { path: string; range: string | undefined }[]
  /** Changes the ETag of every file (a new revision of the same names). */
  bumpRevision(): void
  close(): Promise<void>
}

/** Repos whose name starts with "private/" answer 401 unless the request has `Bearer hf_secret`. */
export async function startHubServer(repos: Record<string, string>): Promise<HubServer> {
  const requests: HubServer['requests'] = []
  let revision = 'r1'
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    requests.push({ path: url.pathname, range: req.headers.range })
    const m = /^\/(.+?)\/resolve\/([^/]+)\/(.+)$/.exec(decodeURIComponent(url.pathname))
    if (m?.[1]!.startsWith('private/') && req.headers.authorization !== 'Bearer hf_secret') {
      res.writeHead(401, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ error: 'Invalid credentials' }))
      return
    }
    const folder = m ? repos[m[1]!] : undefined
    const file = folder && m ? join(folder, m[3]!) : null
    if (!file || !existsSync(file)) {
      res.writeHead(404, { 'X-Error-Code': 'EntryNotFound', 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ error: 'Entry not found' }))
      return
    }
    const body = readFileSync(file)
    const etag = `"${createHash('sha256').update(revision).update(body).digest('hex').slice(0, 16)}"`
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '')
    if (range) {
      const start = Number(range[1])
      const end = range[2] ? Math.min(Number(range[2]), body.length - 1) : body.length - 1
      res.writeHead(206, {
        ETag: etag,
        'Content-Range': `bytes ${start}-${end}/${body.length}`,
        'Content-Length': String(end - start + 1),
        'Accept-Ranges': 'bytes',
      })
      res.end(body.subarray(start, end + 1))
      return
    }
    res.writeHead(200, { ETag: etag, 'Content-Length': String(body.length), 'Accept-Ranges': 'bytes' })
    res.end(body)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    bumpRevision: () => (revision = `${revision}+`),
    close: () => new Promise((r) => server.close(() => r())),
  }
}
