/** The first schema: labels, documents, spans, suggestions, models, training runs and an edit log. */
export const up = `
CREATE TABLE labels (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  color TEXT NOT NULL,
  hotkey TEXT UNIQUE,
  position INTEGER NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  text TEXT NOT NULL,
  content_hash TEXT NOT NULL UNIQUE,
  source TEXT,
  meta TEXT,
  tokens TEXT,
  token_count INTEGER NOT NULL DEFAULT 0,
  split TEXT NOT NULL DEFAULT 'train' CHECK (split IN ('train', 'dev', 'test', 'none')),
  status TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'done', 'skipped')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX documents_split_status ON documents (split, status, id);
CREATE INDEX documents_status ON documents (status, id);

CREATE TABLE spans (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  label_id INTEGER NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
  source TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'model', 'pattern', 'import')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK (start >= 0 AND end > start)
);
CREATE INDEX spans_document ON spans (document_id, start);
CREATE INDEX spans_label ON spans (label_id);

CREATE TABLE models (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL UNIQUE,
  architecture TEXT NOT NULL,
  config TEXT NOT NULL,
  metrics TEXT,
  artifact_path TEXT,
  active INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE suggestions (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  model_id INTEGER REFERENCES models (id) ON DELETE CASCADE,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  label_id INTEGER NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
  score REAL,
  source TEXT NOT NULL CHECK (source IN ('model', 'pattern')),
  decision TEXT CHECK (decision IN ('accepted', 'rejected')),
  decided_at TEXT,
  CHECK (start >= 0 AND end > start)
);
CREATE INDEX suggestions_document ON suggestions (document_id);

CREATE TABLE training_runs (
  id INTEGER PRIMARY KEY,
  config TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'cancelled')),
  epochs TEXT NOT NULL DEFAULT '[]',
  log TEXT NOT NULL DEFAULT '',
  model_id INTEGER REFERENCES models (id) ON DELETE SET NULL,
  started_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  finished_at TEXT
);

CREATE TABLE edit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  action TEXT NOT NULL,
  payload TEXT NOT NULL
);
`
