/**
 * Building blocks of the API contract. A call pairs a zod input schema with a result type; an event
 * pairs a name with a payload type. Everything else (handler registry, preload bridge, HTTP client,
 * in-memory transport) is derived from the contract table, so adding a call is one entry.
 */
import type { z } from 'zod'

export interface CallSpec<I extends z.ZodType = z.ZodType, R = unknown> {
  input: I
  /** Phantom field carrying the result type; never set at run time. */
  readonly result?: R
  /** One line for the docs and the `?` overlay of developer tools. */
  doc: string
}

export interface EventSpec<P = unknown> {
  readonly payload?: P
  doc: string
}

/** `call<Result>()(schema, doc)`: the curried form lets the result type be given while the input is inferred. */
export function call<R>() {
  return <I extends z.ZodType>(input: I, doc: string): CallSpec<I, R> => ({ input, doc })
}

export function event<P>(doc: string): EventSpec<P> {
  return { doc }
}

export type CallMap = Record<string, CallSpec>
export type EventMap = Record<string, EventSpec>

export type CallInput<C extends CallSpec> = z.input<C['input']>
export type CallParsedInput<C extends CallSpec> = z.output<C['input']>
export type CallResult<C extends CallSpec> = C extends CallSpec<z.ZodType, infer R> ? R : never
export type EventPayload<E extends EventSpec> = E extends EventSpec<infer P> ? P : never
