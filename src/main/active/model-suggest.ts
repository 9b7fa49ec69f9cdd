/**
 * Model suggestions for the open document: the active model version tags the document's sentences
 * (the same sentence cutting as training) and its spans, with the mean probability of their words
 * on the decoded path as confidence, become suggestions. The tagger of the active version is kept
 * loaded between documents.
 */
import type { ProjectStore } from '../db/store'
import { replaceSuggestions, type NewSuggestion } from '../db/suggestions'
import { Tagger } from '../ml/infer/tagger'
import { documentSentences, storedTokens } from '../trainer/dataset'
import { modelDir } from '../trainer/evaluate'

interface Loaded {
  key: string
  modelId: number
  tagger: Tagger
}

export class ModelSuggester {
  private loaded: Loaded | null = null
  private loading: Promise<Loaded | null> | null = null

  /** The active model's tagger, loading it when the active version changed; null without a model. */
  private async tagger(store: ProjectStore): Promise<Loaded | null> {
    const row = store.db.prepare('SELECT id, version FROM models WHERE active = 1 LIMIT 1').get() as
      { id: number; version: number } | undefined
    if (!row) return null
    const key = `${store.path}#${row.version}`
    if (this.loaded?.key === key) return this.loaded
    if (!this.loading) {
      this.loading = (async () => {
        const { dir } = modelDir(store.db, store.path, row.version)
        const tagger = await Tagger.fromDir(dir, 'cpu')
        await this.loaded?.tagger.release()
        this.loaded = { key, modelId: row.id, tagger }
        return this.loaded
      })().finally(() => {
        this.loading = null
      })
    }
    return this.loading
  }

  /** Tags a document and stores the result as its model suggestions; returns how many were new. */
  async refresh(store: ProjectStore, documentId: number): Promise<number> {
    const doc = store.db
      .prepare('SELECT text, tokens, status FROM documents WHERE id = ?')
      .get(documentId) as { text: string; tokens: string | null; status: string } | undefined
    if (!doc || doc.status === 'done') return 0
    const loaded = await this.tagger(store)
    if (!loaded) return 0
    const already = store.db
      .prepare(
        "SELECT count(*) AS n FROM suggestions WHERE document_id = ? AND source = 'model' AND model_id = ?",
      )
      .get(documentId, loaded.modelId) as { n: number }
    if (already.n > 0) return 0
    const { sentences } = documentSentences(doc.text, storedTokens(doc.text, doc.tokens), [])
    const tagged = await loaded.tagger.tagSentences(sentences.map((s) => s.words))
    const suggestions: NewSuggestion[] = []
    tagged.forEach((t, i) => {
      const tokens = sentences[i]!.tokens
      for (const s of t.spans) {
        suggestions.push({
          start: tokens[s.start]!.start,
          end: tokens[s.end - 1]!.end,
          label: s.label,
          score: s.confidence,
        })
      }
    })
    return store.transaction(() =>
      replaceSuggestions(store.db, documentId, 'model', loaded.modelId, suggestions),
    )
  }

  async dispose(): Promise<void> {
    await this.loaded?.tagger.release()
    this.loaded = null
  }
}
