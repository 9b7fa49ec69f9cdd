/**
 * Full-text search over document text. An external-content FTS5 table with the trigram tokenizer
 * finds any substring of three or more characters (CJK included, where there are no word breaks) as a
 * phrase query, without storing the text twice; triggers keep it in step with `documents`. Positions
 * are kept (detail=full): without them FTS5 must re-read each candidate's text, which made a common
 * substring ten times slower to count on 100,000 documents (ADR 0007).
 */
export const up = `
CREATE VIRTUAL TABLE documents_fts USING fts5(
  text,
  content = 'documents',
  content_rowid = 'id',
  tokenize = 'trigram'
);
INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');

CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
  INSERT INTO documents_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
  INSERT INTO documents_fts (documents_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF text ON documents BEGIN
  INSERT INTO documents_fts (documents_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO documents_fts (rowid, text) VALUES (new.id, new.text);
END;

-- The documents page filters by split alone and pages in id order; (split, status, id) cannot give
-- that order without a sort.
CREATE INDEX documents_split ON documents (split, id);
`
