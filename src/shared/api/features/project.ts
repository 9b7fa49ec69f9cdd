/** Calls about the project file as a whole. */
import { z } from 'zod'
import { call, event } from '../define'
import type { DocStatus, Split } from '../../types'

export interface ProjectStats {
  documents: number
  bySplit: Record<Split, number>
  byStatus: Record<DocStatus, number>
  /** Rows of documents by split and status, for the stats table. */
  bySplitStatus: { split: Split; status: DocStatus; count: number }[]
  tokens: number
  spans: number
  spansPerLabel: Record<string, number>
  models: number
}

export interface ProjectChange {
  kind: 'documents' | 'labels' | 'spans' | 'models'
  documentId?: number
}

export const projectCalls = {
  'project.stats': call<ProjectStats>()(
    z.object({}).strict(),
    'Documents by split and status, tokens, spans per label, models.',
  ),
  'project.backup': call<{ path: string; bytes: number }>()(
    z.object({ path: z.string().min(1).optional() }).strict(),
    'Writes a consistent copy of the project file (VACUUM INTO) next to it or to the given path.',
  ),
}

export const projectEvents = {
  'project.changed': event<ProjectChange>('Something in the project changed; views refresh what they show.'),
}
