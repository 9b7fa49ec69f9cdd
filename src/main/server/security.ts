/**
 * Browser mode's guards. The server listens on loopback only, yet any web page the user visits can
 * send requests to loopback, so every API request must carry the per-run token, and requests from
 * a foreign Origin or with a foreign Host (DNS rebinding) are refused.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Mantine injects <style> tags at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

export function newToken(): string {
  return randomBytes(24).toString('base64url')
}

export function tokensMatch(given: string | null | undefined, expected: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`])
}

/** Host must name this server; Origin, when sent, must be this server too. */
export function checkOrigin(req: IncomingMessage, port: number): string | null {
  const hosts = allowedHosts(port)
  const host = req.headers.host
  if (!host || !hosts.has(host)) return 'The request names a host other than this NER Studio server.'
  const origin = req.headers.origin
  if (origin !== undefined && !Array.from(hosts).some((h) => origin === `http://${h}`)) {
    return 'Requests from other web sites are refused.'
  }
  return null
}

export function requestToken(req: IncomingMessage, url: URL): string | null {
  const auth = req.headers.authorization
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length)
  // EventSource cannot set headers, so the event stream takes the token as a query parameter.
  return url.searchParams.get('token')
}
