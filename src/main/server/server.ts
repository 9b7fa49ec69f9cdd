/**
 * Browser mode: the renderer and the API over HTTP on 127.0.0.1. Calls are `POST /api/call/NAME`
 * with a JSON body and answer an envelope; events stream as server-sent events from `/api/events`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Core } from '../core/core'
import { checkOrigin, newToken, requestToken, tokensMatch } from './security'
import { serveStatic } from './static'

export interface BrowserServer {
  url: string
  port: number
  token: string
  server: Server
  close(): Promise<void>
}

export interface ServeOptions {
  core: Core
  /** The built renderer (out/renderer); omitted in API-only tests. */
  rendererDir?: string
  port?: number
  token?: string
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
  res.end(data)
}

function refuse(res: ServerResponse, status: 401 | 403 | 404 | 405 | 413, message: string): void {
  const code = status === 401 ? 'unauthorized' : status === 404 ? 'unknown_call' : 'user_error'
  sendJson(res, status, { ok: false, error: { code, message } })
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > limit) {
        reject(new Error('too large'))
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

export function startBrowserServer(options: ServeOptions): Promise<BrowserServer> {
  const token = options.token ?? newToken()
  const maxBody = options.maxBodyBytes ?? 256 * 1024 * 1024
  const streams = new Set<ServerResponse>()
  let port = 0

  const unsubscribe = options.core.bus.subscribe((event, payload) => {
    const frame = `event: api\ndata: ${JSON.stringify({ event, payload })}\n\n`
    for (const s of streams) s.write(frame)
  })

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 413, 'The request could not be read.')
      else res.end()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`)
    const originProblem = checkOrigin(req, port)
    if (originProblem) return refuse(res, 403, originProblem)

    if (url.pathname.startsWith('/api/')) {
      if (!tokensMatch(requestToken(req, url), token)) {
        return refuse(res, 401, 'This request lacks the token printed when browser mode started.')
      }
      if (url.pathname === '/api/events' && req.method === 'GET') {
        res.writeHead(200, {
          'Content-Type': 'text/event-stream; charset=utf-8',
          'Cache-Control': 'no-store',
          Connection: 'keep-alive',
        })
        res.write(': connected\n\n')
        streams.add(res)
        req.on('close', () => streams.delete(res))
        return
      }
      const match = /^\/api\/call\/([\w.-]+)$/.exec(url.pathname)
      if (!match) return refuse(res, 404, 'There is no such API path.')
      if (req.method !== 'POST') return refuse(res, 405, 'API calls are POST requests.')
      let input: unknown
      try {
        const body = await readBody(req, maxBody)
        input = body.length ? JSON.parse(body) : {}
      } catch {
        return refuse(res, 413, 'The request body is not JSON, or is too large.')
      }
      const envelope = await options.core.dispatch(match[1]!, input)
      return sendJson(res, 200, envelope)
    }

    if (req.method === 'GET' && options.rendererDir && serveStatic(options.rendererDir, url.pathname, res))
      return
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' })
    res.end('Not found')
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port
      resolve({
        url: `http://127.0.0.1:${port}/?token=${token}`,
        port,
        token,
        server,
        close: () =>
          new Promise<void>((done) => {
            unsubscribe()
            for (const s of streams) s.end()
            streams.clear()
            server.closeAllConnections()
            server.close(() => done())
          }),
      })
    })
  })
}
