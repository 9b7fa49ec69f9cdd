/**
 * The first start: create the default project in the user's data folder and fill it with the demo
 * dataset from resources/demo, so that a newcomer can label within a minute.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import { insertDocuments } from '../db/documents'
import { createLabel } from '../db/labels'
import { ProjectStore } from '../db/store'
import { defaultProjectPath, resourcesDir } from './paths'

const demoSchema = z.object({
  labels: z.array(z.object({ name: z.string(), color: z.string() })),
  documents: z.array(
    z.object({
      text: z.string(),
      status: z.enum(['todo', 'done']),
      split: z.enum(['train', 'dev', 'test']),
      spans: z.array(z.object({ start: z.number().int(), end: z.number().int(), label: z.string() })),
    }),
  ),
})

export type DemoData = z.infer<typeof demoSchema>

export function loadDemoData(dir: string = resourcesDir()): DemoData {
  return demoSchema.parse(JSON.parse(readFileSync(join(dir, 'demo', 'demo.json'), 'utf8')))
}

/** Fills an empty project with the demo data, in one transaction. */
export function seedDemo(store: ProjectStore, data: DemoData = loadDemoData()): void {
  store.transaction(() => {
    for (const l of data.labels) createLabel(store.db, { name: l.name, color: l.color })
    for (const status of ['done', 'todo'] as const) {
      for (const split of ['train', 'dev', 'test'] as const) {
        const docs = data.documents.filter((d) => d.status === status && d.split === split)
        insertDocuments(store.db, docs, {
          status,
          split,
          source: 'demo',
          spanSource: status === 'done' ? 'manual' : 'import',
        })
      }
    }
  })
}

/** Returns the default project's path, creating and seeding it on the first start. */
export function ensureDefaultProject(path: string = defaultProjectPath()): {
  path: string
  created: boolean
} {
  if (existsSync(path)) return { path, created: false }
  mkdirSync(dirname(path), { recursive: true })
  const tmp = `${path}.creating`
  const store = ProjectStore.open(tmp, { create: true })
  try {
    seedDemo(store)
    store.db.pragma('wal_checkpoint(TRUNCATE)')
  } finally {
    store.close()
  }
  // Publish the finished file in one step so an interrupted first start never leaves half a demo.
  renameSync(tmp, path)
  for (const suffix of ['-wal', '-shm']) rmSync(`${tmp}${suffix}`, { force: true })
  return { path, created: true }
}
