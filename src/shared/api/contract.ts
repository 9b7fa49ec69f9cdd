/**
 * The one contract between the renderer (or any client) and the core: every call with its input
 * schema and result type, every event with its payload. The handler registry, the Electron preload
 * bridge, the browser-mode HTTP transport and the in-memory test transport are all derived from
 * these two tables. Feature files keep their own maps; this module is where they meet.
 */
import type { CallInput, CallResult, EventPayload } from './define'
import { appCalls } from './features/app'
import { dataCalls, dataEvents } from './features/data'
import { documentCalls } from './features/documents'
import { labelCalls } from './features/labels'
import { patternCalls } from './features/patterns'
import { projectCalls, projectEvents } from './features/project'
import { queueCalls, queueEvents } from './features/queue'
import { suggestionCalls } from './features/suggestions'
import { trainingCalls, trainingEvents } from './features/training'

export const calls = {
  ...appCalls,
  ...projectCalls,
  ...labelCalls,
  ...documentCalls,
  ...dataCalls,
  ...trainingCalls,
  ...suggestionCalls,
  ...patternCalls,
  ...queueCalls,
}

export const events = {
  ...projectEvents,
  ...dataEvents,
  ...trainingEvents,
  ...queueEvents,
}

export type Calls = typeof calls
export type Events = typeof events
export type CallName = keyof Calls
export type EventName = keyof Events
export type InputOf<N extends CallName> = CallInput<Calls[N]>
export type ResultOf<N extends CallName> = CallResult<Calls[N]>
export type PayloadOf<E extends EventName> = EventPayload<Events[E]>

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(calls, name)
}

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name)
}
