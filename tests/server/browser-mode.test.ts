import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../src/main/core/core'
import { startBrowserServer, type BrowserServer } from '../../src/main/server/server'
import { tempProject, type TempProject } from '../helpers/temp-project'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

function send(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string },
) {
  return new Promise<Reply>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (body += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    if (options.body) req.write(options.body)
    req.end()
  })
}

describe('browser mode server', () => {
  let project: TempProject
  let core: Core
  let server: BrowserServer

  beforeAll(async () => {
    project = tempProject({ seed: true })
    core = createCore({ projectPath: project.path, shell: 'browser' })
    server = await startBrowserServer({ core })
  })
  afterAll(async () => {
    await server.close()
    core.close()
    project.cleanup()
  })

  const call = (name: string, body: unknown, headers: Record<string, string> = {}) =>
    send(server.port, `/api/call/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Host: `127.0.0.1:${server.port}`, ...headers },
      body: JSON.stringify(body),
    })

  it('listens on loopback only and prints a URL with the token', () => {
    expect(server.server.address()).toMatchObject({ address: '127.0.0.1' })
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`)
    expect(server.token.length).toBeGreaterThanOrEqual(32)
  })

  it('answers calls that carry the token', async () => {
    const reply = await call('project.stats', {}, { Authorization: `Bearer ${server.token}` })
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, result: { documents: 320 } })
  })

  it('refuses every API request without the right token', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { Authorization: 'Bearer wrong' },
      { Authorization: `Bearer ${server.token}x` },
    ]
    for (const auth of attempts) {
      const reply = await call('project.stats', {}, auth)
      expect(reply.status).toBe(401)
      expect(JSON.parse(reply.body).error.code).toBe('unauthorized')
    }
    const events = await send(server.port, '/api/events', { headers: { Host: `127.0.0.1:${server.port}` } })
    expect(events.status).toBe(401)
  })

  it('refuses a foreign Origin and a foreign Host even with the token', async () => {
    const auth = { Authorization: `Bearer ${server.token}` }
    expect((await call('project.stats', {}, { ...auth, Origin: 'https://evil.example' })).status).toBe(403)
    expect((await call('project.stats', {}, { ...auth, Host: 'evil.example' })).status).toBe(403)
    expect(
      (await call('project.stats', {}, { ...auth, Origin: `http://localhost:${server.port}` })).status,
    ).toBe(200)
  })

  it('validates input at the boundary and answers a typed error', async () => {
    const reply = await call('documents.list', { limit: 100000 }, { Authorization: `Bearer ${server.token}` })
    const body = JSON.parse(reply.body)
    expect(body.ok).toBe(false)
    expect(body.error.code).toBe('invalid_input')
    expect(body.error.message).toMatch(/^limit: /)
    const notJson = await send(server.port, '/api/call/project.stats', {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.token}`, Host: `127.0.0.1:${server.port}` },
      body: '{nope',
    })
    expect(notJson.status).toBe(413)
  })

  it('streams events to a subscriber holding the token', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: `/api/events?token=${server.token}`,
          headers: { Host: `127.0.0.1:${server.port}` },
        },
        (res) => {
          expect(res.headers['content-type']).toMatch(/^text\/event-stream/)
          let buf = ''
          res.setEncoding('utf8')
          res.on('data', (c: string) => {
            buf += c
            if (buf.includes('event: api')) {
              resolve(buf)
              req.destroy()
            }
          })
        },
      )
      req.on('error', (e) =>
        e.message.includes('aborted') || e.message.includes('socket hang up') ? undefined : reject(e),
      )
      req.end()
    })
    await new Promise((r) => setTimeout(r, 100))
    await call('labels.create', { name: 'EVENT' }, { Authorization: `Bearer ${server.token}` })
    const frame = await received
    expect(frame).toContain('data: {"event":"project.changed","payload":{"kind":"labels"}}')
  })
})
