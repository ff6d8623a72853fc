-- The search index also holds each requirement's legal basis and kind, and its vocabulary can
-- be read for correcting misspelt words.
--
-- The short columns come before the text: the search reads tags and basis of its hits back
-- from the index to say where each one matched, and a row's later columns sit after the long
-- text in the record. `kind` holds the kind's code (`mandatory`); the search turns the words
-- that name a kind in either language (`ska-krav`, `bör-krav`, …) into a match on this column.
--
-- The tokenizer is unchanged. `2020:914` and `art. 28.3` are split into `2020` `914` and
-- `art` `28` `3`; the search quotes what is typed, so FTS5 matches those words next to each
-- other, as they were written.
DROP TRIGGER requirement_fts_insert;
DROP TRIGGER requirement_fts_delete;
DROP TRIGGER requirement_fts_update;
DROP TABLE requirement_fts;

CREATE VIRTUAL TABLE requirement_fts USING fts5(
    req_id, title, tags, basis, kind, body_text,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Every word of the index with the number of requirements holding it (all versions).
CREATE VIRTUAL TABLE requirement_words USING fts5vocab(requirement_fts, 'row');

CREATE TRIGGER requirement_fts_insert AFTER INSERT ON requirement BEGIN
    INSERT INTO requirement_fts(rowid, req_id, title, tags, basis, kind, body_text) VALUES (
        new.id,
        new.req_id || ' ' || replace(new.req_id, '-', ' '),
        new.title_sv || ' ' || new.title_en,
        coalesce((SELECT group_concat(value, ' ') FROM json_each(new.body, '$.tags')), ''),
        coalesce((SELECT group_concat(value, ' ; ') FROM json_each(new.body, '$.basis')), ''),
        new.kind,
        json_extract(new.body, '$.text.sv') || ' ' || coalesce(json_extract(new.body, '$.text.en'), '')
    );
END;

CREATE TRIGGER requirement_fts_delete AFTER DELETE ON requirement BEGIN
    DELETE FROM requirement_fts WHERE rowid = old.id;
END;

-- Only a change of what is indexed rewrites the row (a new revision alone does not).
CREATE TRIGGER requirement_fts_update AFTER UPDATE OF req_id, kind, title_sv, title_en, body
ON requirement BEGIN
    DELETE FROM requirement_fts WHERE rowid = old.id;
    INSERT INTO requirement_fts(rowid, req_id, title, tags, basis, kind, body_text) VALUES (
        new.id,
        new.req_id || ' ' || replace(new.req_id, '-', ' '),
        new.title_sv || ' ' || new.title_en,
        coalesce((SELECT group_concat(value, ' ') FROM json_each(new.body, '$.tags')), ''),
        coalesce((SELECT group_concat(value, ' ; ') FROM json_each(new.body, '$.basis')), ''),
        new.kind,
        json_extract(new.body, '$.text.sv') || ' ' || coalesce(json_extract(new.body, '$.text.en'), '')
    );
END;

INSERT INTO requirement_fts(rowid, req_id, title, tags, basis, kind, body_text)
SELECT
    r.id,
    r.req_id || ' ' || replace(r.req_id, '-', ' '),
    r.title_sv || ' ' || r.title_en,
    coalesce((SELECT group_concat(value, ' ') FROM json_each(r.body, '$.tags')), ''),
    coalesce((SELECT group_concat(value, ' ; ') FROM json_each(r.body, '$.basis')), ''),
    r.kind,
    json_extract(r.body, '$.text.sv') || ' ' || coalesce(json_extract(r.body, '$.text.en'), '')
FROM requirement r;

-- One b-tree after the bulk insert rather than many small segments: fewer to read per query.
INSERT INTO requirement_fts(requirement_fts) VALUES ('optimize');
