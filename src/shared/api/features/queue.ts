/** The active-learning queue: which document to label next, and the background scoring behind it. */
import { z } from 'zod'
import { call, event } from '../define'

export const QUEUE_ORDERS = ['import', 'random', 'least-confidence', 'margin', 'entropy', 'mnlp'] as const
export type QueueOrderName = (typeof QUEUE_ORDERS)[number]

export interface ScoringState {
  running: boolean
  done: number
  total: number
  modelVersion: number | null
  seconds: number | null
  error: string | null
}

export interface QueueStatus {
  strategy: QueueOrderName
  /** Documents to do that have a score from the active model. */
  scored: number
  todo: number
  scoring: ScoringState
}

export interface QueueItem {
  id: number
  preview: string
  /** The strategy's score (higher = asked sooner); null when unscored or in import order. */
  score: number | null
}

export const queueCalls = {
  'queue.list': call<QueueItem[]>()(
    z.object({ limit: z.number().int().min(1).max(500).default(20) }).strict(),
    'The next documents of the queue with their scores.',
  ),
  'queue.status': call<QueueStatus>()(
    z.object({}).strict(),
    'The queue order and how much of the pool is scored.',
  ),
  'queue.setStrategy': call<QueueStatus>()(
    z.object({ strategy: z.enum(QUEUE_ORDERS), seed: z.number().int().min(0).optional() }).strict(),
    'Chooses the order of the labelling queue (import order, random, or an uncertainty strategy).',
  ),
  'queue.score': call<{ started: boolean }>()(
    z.object({}).strict(),
    'Scores every document still to do with the active model, in the background.',
  ),
}

export const queueEvents = {
  'queue.progress': event<ScoringState>('Progress of background scoring.'),
}
