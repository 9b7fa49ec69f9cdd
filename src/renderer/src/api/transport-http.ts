/**
 * Browser mode's transport: calls are POSTs carrying the per-run token, events arrive as
 * server-sent events. The token comes from the URL the CLI printed and is then kept in
 * sessionStorage and removed from the address bar.
 */
import type { ClientTransport, Envelope, EventListener } from '../../../shared/api/rpc'

const TOKEN_KEY = 'ner-studio-token'

export function takeTokenFromLocation(): string | null {
  const url = new URL(window.location.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl)
    url.searchParams.delete('token')
    window.history.replaceState(null, '', url.pathname + url.search + url.hash)
    return fromUrl
  }
  return sessionStorage.getItem(TOKEN_KEY)
}

export function createHttpTransport(token: string): ClientTransport {
  const listeners = new Set<EventListener>()
  let source: EventSource | null = null
  const connect = () => {
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`)
    source.addEventListener('api', (e) => {
      const { event, payload } = JSON.parse((e as MessageEvent<string>).data) as {
        event: string
        payload: unknown
      }
      for (const l of listeners) l(event, payload)
    })
  }
  return {
    async invoke(name, input) {
      let res: Response
      try {
        res = await fetch(`/api/call/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(input ?? {}),
        })
      } catch {
        return {
          ok: false,
          error: {
            code: 'internal',
            message: 'NER Studio cannot reach its server; is `ner-studio serve` still running?',
          },
        }
      }
      return (await res.json()) as Envelope
    },
    subscribe(listener) {
      listeners.add(listener)
      if (!source) connect()
      return () => listeners.delete(listener)
    },
  }
}
