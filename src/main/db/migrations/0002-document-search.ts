/**
 * Full-text search over document text. An external-content FTS5 table with the trigram tokenizer
 * answers `LIKE '%…%'` for any substring of three or more characters (CJK included, where there are
 * no word breaks) from its index, without storing the text twice; triggers keep it in step with
 * `documents`. detail=none keeps no positions: LIKE does not need them (FTS5 checks each candidate
 * against the text), and leaving them out makes imports markedly faster and the index smaller.
 */
export const up = `
CREATE VIRTUAL TABLE documents_fts USING fts5(
  text,
  content = 'documents',
  content_rowid = 'id',
  tokenize = 'trigram',
  detail = none
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
