/**
 * Exporting a model version of a project: the model card's facts come from the project file (data
 * statistics, the version's dev scores and settings) and a fresh score on the project's labelled
 * test documents, when it has any.
 */
import { writeFileSync } from 'node:fs'
import { basename, isAbsolute, join } from 'node:path'
import type Database from 'better-sqlite3'
import type { SpanInput } from '../../shared/types'
import { getModel } from '../db/models'
import { projectStats } from '../db/stats'
import { ProjectStore } from '../db/store'
import { entityMetrics } from '../ml/metrics'
import { documentSentences, storedTokens } from '../trainer/dataset'
import { modelDir } from '../trainer/evaluate'
import { renderCard } from './card'
import { exportModelPackage, type ExportResult } from './package'
import { PackagePredictor } from './predictor'

export interface ProjectExportOptions {
  projectPath: string
  version?: number
  outDir: string
  quantize?: 'int8'
  hf?: boolean
}

/** Words and IOB2 gold tags of the project's done test documents. */
function testSentences(db: Database.Database): { words: string[][]; gold: string[][] } {
  const docs = db
    .prepare("SELECT id, text, tokens FROM documents WHERE split = 'test' AND status = 'done' ORDER BY id")
    .all() as { id: number; text: string; tokens: string | null }[]
  const spans = db.prepare(
    'SELECT s.start, s.end, l.name AS label FROM spans s JOIN labels l ON l.id = s.label_id WHERE s.document_id = ?',
  )
  const words: string[][] = []
  const gold: string[][] = []
  for (const d of docs) {
    const { sentences } = documentSentences(
      d.text,
      storedTokens(d.text, d.tokens),
      spans.all(d.id) as SpanInput[],
    )
    for (const s of sentences) {
      if (s.words.length === 0 || s.tags.some((t) => t === null)) continue
      words.push(s.words)
      gold.push(s.tags as string[])
    }
  }
  return { words, gold }
}

/**
 * The model a version started from, as a card may show it: a Hub id, or a checkpoint folder's
 * name (never the user's local path).
 */
export function modelSource(model: string): string {
  if (!isAbsolute(model) && !model.startsWith('.')) return model
  const name = basename(model)
  const hub = /^models--(.+)$/.exec(name)
  return hub ? hub[1]!.replace('--', '/') : `checkpoint folder ${name}`
}

export async function exportProjectModel(
  o: ProjectExportOptions,
): Promise<ExportResult & { version: number }> {
  const store = ProjectStore.open(o.projectPath, { readonly: true })
  try {
    const { dir, version } = modelDir(store.db, o.projectPath, o.version)
    const m = getModel(store.db, version)
    const stats = projectStats(store.db)
    const done = store.db
      .prepare("SELECT split, count(*) AS n FROM documents WHERE status = 'done' GROUP BY split")
      .all() as { split: string; n: number }[]
    const { words, gold } = testSentences(store.db)
    const labels = (
      store.db.prepare('SELECT name FROM labels ORDER BY position, id').all() as { name: string }[]
    ).map((r) => r.name)
    const result = exportModelPackage({
      modelDir: dir,
      outDir: o.outDir,
      quantize: o.quantize,
      hf: o.hf,
      card: {
        name: store.name,
        version,
        entityTypes: labels,
        created: m.createdAt,
        exported: new Date().toISOString().slice(0, 10),
        data: {
          documents: Object.fromEntries(done.map((r) => [r.split, r.n])),
          trainSentences: m.trainSentences,
          spansPerLabel: stats.spansPerLabel,
        },
        dev: m.metrics,
        test: null,
        settings: { ...m.settings, model: modelSource(String(m.settings.model ?? m.architecture)) },
      },
    })
    if (words.length > 0) {
      // The test score is the package's own (int8 when quantized), not the training run's.
      const predictor = await PackagePredictor.load(o.outDir)
      try {
        const labels = predictor.labels
        const pred = (await predictor.tagWords(words)).map((r) => r.tags.map((t) => labels[t]!))
        result.card.test = { ...entityMetrics(gold, pred), sentences: words.length }
      } finally {
        await predictor.release()
      }
      writeFileSync(join(o.outDir, 'README.md'), renderCard(result.card))
    }
    return { ...result, version }
  } finally {
    store.close()
  }
}
