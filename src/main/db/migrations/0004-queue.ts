/**
 * The active-learning queue: per document, how unsure the active model is under each strategy, and a
 * small key/value table for project settings such as the chosen strategy.
 */
export const up = `
CREATE TABLE queue_scores (
  document_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  model_id INTEGER NOT NULL REFERENCES models (id) ON DELETE CASCADE,
  least_confidence REAL NOT NULL,
  margin REAL NOT NULL,
  entropy REAL NOT NULL,
  mnlp REAL NOT NULL,
  scored_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`
