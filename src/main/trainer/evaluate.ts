/**
 * Scoring a model on a labelled file: strict entity-level precision, recall and F1 per type and
 * micro (the conlleval convention), plus `token gold pred` lines that any conlleval-style scorer
 * reads. Gold tags are written as IOB2 derived from the file's spans, predictions as the model's
 * (BIO-constrained, so always valid IOB2); both sides therefore chunk the same way everywhere.
 */
import { isAbsolute, join, dirname } from 'node:path'
import type Database from 'better-sqlite3'
import { UserError } from '../../shared/api/errors'
import { parseFile } from '../formats/file'
import type { ImportFormat } from '../formats'
import { getModel } from '../db/models'
import { entityMetrics, type EntityMetrics } from '../ml/metrics'
import { Tagger } from '../ml/infer/tagger'
import type { Device } from '../ml/ort'
import { documentSentences, storedTokens } from './dataset'

export interface EvalResult {
  model: string
  sentences: number
  metrics: EntityMetrics
  /** The `token gold pred` lines, a blank line between sentences. */
  predictions: string
}

/** The folder of a model version of a project (the active one when no version is given). */
export function modelDir(
  db: Database.Database,
  projectPath: string,
  version?: number,
): { dir: string; version: number } {
  const m = getModel(db, version)
  if (!m.artifactPath) throw new UserError(`Model version ${m.version} has no files.`)
  const dir = isAbsolute(m.artifactPath) ? m.artifactPath : join(dirname(projectPath), m.artifactPath)
  return { dir, version: m.version }
}

export async function evaluateFile(
  modelPath: string,
  dataFile: string,
  options: { format?: ImportFormat; device?: Device } = {},
): Promise<EvalResult> {
  const parsed = parseFile(dataFile, options.format ? { format: options.format } : {})
  const words: string[][] = []
  const gold: string[][] = []
  for (const doc of parsed.documents) {
    const { sentences } = documentSentences(doc.text, doc.tokens ?? storedTokens(doc.text, null), doc.spans)
    for (const s of sentences) {
      if (s.words.length === 0) continue
      words.push(s.words)
      gold.push(s.tags.map((t) => t ?? 'O'))
    }
  }
  if (words.length === 0) throw new UserError(`${parsed.report.fileName} holds no sentences to evaluate on.`)
  const tagger = await Tagger.fromDir(modelPath, options.device ?? 'cpu')
  try {
    const tagged = await tagger.tagSentences(words)
    const pred = tagged.map((t) => t.tags)
    const lines: string[] = []
    words.forEach((ws, i) => {
      ws.forEach((w, j) => lines.push(`${w} ${gold[i]![j]} ${pred[i]![j]}`))
      lines.push('')
    })
    return {
      model: modelPath,
      sentences: words.length,
      metrics: entityMetrics(gold, pred),
      predictions: lines.join('\n'),
    }
  } finally {
    await tagger.release()
  }
}
