/** Dictionary terms and regular expressions per label, the cold-start source of suggestions. */
export const up = `
CREATE TABLE patterns (
  id INTEGER PRIMARY KEY,
  label_id INTEGER NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('term', 'regex')),
  pattern TEXT NOT NULL,
  case_sensitive INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (label_id, kind, pattern, case_sensitive)
);
CREATE INDEX patterns_label ON patterns (label_id);
`
