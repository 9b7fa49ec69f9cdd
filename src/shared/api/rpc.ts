/**
 * The transport-independent halves of the API: a dispatcher that validates input against the
 * contract and runs a handler, and a typed client over any transport. A transport only moves
 * envelopes and events; Electron IPC, HTTP + server-sent events and the in-memory test pair all fit.
 */
import type { z } from 'zod'
import { ApiError, toSerializedError, type SerializedApiError } from './errors'
import {
  calls,
  isCallName,
  type CallName,
  type Calls,
  type EventName,
  type InputOf,
  type PayloadOf,
  type ResultOf,
} from './contract'

export type Envelope = { ok: true; result: unknown } | { ok: false; error: SerializedApiError }

export type EventListener = (event: string, payload: unknown) => void

/** What a client needs from a transport. The Electron preload exposes exactly this object. */
export interface ClientTransport {
  invoke(name: string, input: unknown): Promise<Envelope>
  subscribe(listener: EventListener): () => void
}

export interface Api {
  invoke<N extends CallName>(name: N, input: InputOf<N>): Promise<ResultOf<N>>
  on<E extends EventName>(event: E, listener: (payload: PayloadOf<E>) => void): () => void
}

export type Handler<N extends CallName> = (
  input: z.output<Calls[N]['input']>,
) => ResultOf<N> | Promise<ResultOf<N>>

/** The main-side registry: one handler per call, checked against the contract by the compiler. */
export type Handlers = { [N in CallName]: Handler<N> }

export type Dispatch = (name: string, input: unknown) => Promise<Envelope>

function describeIssues(issues: z.core.$ZodIssue[]): { message: string; where?: string } {
  const first = issues[0]
  if (!first) return { message: 'The request is invalid.' }
  const where = first.path.length > 0 ? first.path.map(String).join('.') : undefined
  const detail = first.message.endsWith('.') ? first.message : `${first.message}.`
  return where ? { message: `${where}: ${detail}`, where } : { message: detail }
}

export function createDispatcher(
  handlers: Handlers,
  onInternalError: (name: string, err: unknown) => void = () => {},
): Dispatch {
  return async (name, input) => {
    if (!isCallName(name)) {
      return { ok: false, error: { code: 'unknown_call', message: `There is no call named "${name}".` } }
    }
    const parsed = calls[name].input.safeParse(input ?? {})
    if (!parsed.success) {
      const { message, where } = describeIssues(parsed.error.issues)
      return { ok: false, error: new ApiError('invalid_input', message, where).toJSON() }
    }
    try {
      const handler = handlers[name] as (input: unknown) => unknown
      const result = await handler(parsed.data)
      return { ok: true, result: result === undefined ? null : result }
    } catch (err) {
      if (!(err instanceof ApiError)) onInternalError(name, err)
      return { ok: false, error: toSerializedError(err) }
    }
  }
}

export function createApiClient(transport: ClientTransport): Api {
  return {
    async invoke(name, input) {
      const envelope = await transport.invoke(name, input)
      if (!envelope.ok) throw ApiError.fromJSON(envelope.error)
      return envelope.result as never
    },
    on(eventName, listener) {
      return transport.subscribe((name, payload) => {
        if (name === eventName) listener(payload as never)
      })
    },
  }
}

/** A tiny synchronous event bus; the core emits into it and every transport forwards from it. */
export class EventBus {
  private listeners = new Set<EventListener>()

  emit<E extends EventName>(event: E, payload: PayloadOf<E>): void {
    for (const l of this.listeners) l(event, payload)
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}

/**
 * Client and server joined in memory, with a JSON round trip on every message so that anything
 * that would not survive a real transport fails here too.
 */
export function createMemoryTransport(dispatch: Dispatch, bus: EventBus): ClientTransport {
  const roundTrip = <T>(x: T): T => (x === undefined ? x : (JSON.parse(JSON.stringify(x)) as T))
  return {
    async invoke(name, input) {
      return roundTrip(await dispatch(name, roundTrip(input)))
    },
    subscribe(listener) {
      return bus.subscribe((name, payload) => listener(name, roundTrip(payload)))
    },
  }
}
