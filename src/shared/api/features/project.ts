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
  /** 'project': another project file was opened; everything shown is stale. */
  kind: 'project' | 'documents' | 'labels' | 'spans' | 'models'
  documentId?: number
}

export interface ProjectRef {
  path: string
  name: string
}

export interface RecentProject extends ProjectRef {
  /** When it was last opened from the app; null for the open project when it was never switched to. */
  openedAt: string | null
  exists: boolean
  current: boolean
}

export interface RecentProjects {
  current: ProjectRef
  /** The open project's folder, where a new project is suggested. */
  folder: string
  /** The path separator of the machine running the core, for joining folder and file name. */
  separator: string
  items: RecentProject[]
}

const projectPath = z
  .string()
  .trim()
  .min(1, 'Give the path of the project file.')
  .max(4096, 'That path is too long.')

export const projectCalls = {
  'project.stats': call<ProjectStats>()(
    z.object({}).strict(),
    'Documents by split and status, tokens, spans per label, models.',
  ),
  'project.backup': call<{ path: string; bytes: number }>()(
    z.object({ path: z.string().min(1).optional() }).strict(),
    'Writes a consistent copy of the project file (VACUUM INTO) next to it or to the given path.',
  ),
  'project.open': call<ProjectRef>()(
    z.object({ path: projectPath }).strict(),
    'Closes the open project and opens the project file at the given full path.',
  ),
  'project.create': call<ProjectRef>()(
    z.object({ path: projectPath }).strict(),
    'Creates an empty project file at the given full path (".nerproj" is added when missing) and opens it.',
  ),
  'project.recent': call<RecentProjects>()(
    z.object({}).strict(),
    'The open project and the recently opened ones, newest first.',
  ),
}

export const projectEvents = {
  'project.changed': event<ProjectChange>('Something in the project changed; views refresh what they show.'),
}
