/**
 * Scores the documents still to do with a model (in the trainer process, off the UI's thread):
 * each document's sentences are tagged and their uncertainties combined, in batches that are sent
 * back as they finish so the queue fills in while scoring goes on.
 */
import { ProjectStore } from '../db/store'
import type { ScoreRow } from '../db/queue'
import { Tagger } from '../ml/infer/tagger'
import { documentSentences, storedTokens } from '../trainer/dataset'
import { combine, sentenceUncertainty } from './uncertainty'

export async function scorePool(
  job: { projectPath: string; modelDir: string; batchDocs: number },
  onBatch: (rows: ScoreRow[], done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<number> {
  const store = ProjectStore.open(job.projectPath, { readonly: true })
  let docs: { id: number; text: string; tokens: string | null }[]
  try {
    docs = store.db
      .prepare("SELECT id, text, tokens FROM documents WHERE status = 'todo' ORDER BY id")
      .all() as typeof docs
  } finally {
    store.close()
  }
  const tagger = await Tagger.fromDir(job.modelDir, 'cpu')
  const labels = tagger.labels.length
  try {
    for (let i = 0; i < docs.length; i += job.batchDocs) {
      if (signal?.aborted) break
      const batch = docs.slice(i, i + job.batchDocs)
      const perDoc = batch.map((d) => documentSentences(d.text, storedTokens(d.text, d.tokens), []).sentences)
      const flat = perDoc.flat().map((s) => s.words)
      const tagged = await tagger.tagSentences(flat, 64)
      let k = 0
      const rows: ScoreRow[] = batch.map((d, j) => {
        const parts = perDoc[j]!.map(() => {
          const t = tagged[k++]!
          const path = t.tags.map((name) => tagger.labels.indexOf(name))
          return { u: sentenceUncertainty(t.probs, labels, path), words: path.length }
        })
        const u = combine(parts)
        return { documentId: d.id, ...u }
      })
      onBatch(rows, Math.min(docs.length, i + job.batchDocs), docs.length)
    }
  } finally {
    await tagger.release()
  }
  return docs.length
}
