-- kravkoll schema, version 1.
-- Requirements and procurement lines keep their whole domain value as JSON in `body` (read back
-- with one deserialisation); the columns beside it are what lists, joins, constraints and the
-- search index need. Rows two people may edit carry `revision` for optimistic locking.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE requirement_set (
    id                 TEXT PRIMARY KEY,
    builtin            INTEGER NOT NULL CHECK (builtin IN (0, 1)),
    current_version_id INTEGER REFERENCES set_version(id),
    revision           INTEGER NOT NULL DEFAULT 1,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
) STRICT;

CREATE TABLE set_version (
    id             INTEGER PRIMARY KEY,
    set_id         TEXT NOT NULL REFERENCES requirement_set(id) ON DELETE CASCADE,
    version        TEXT NOT NULL,
    version_sort   TEXT NOT NULL,
    title_sv       TEXT NOT NULL,
    title_en       TEXT NOT NULL,
    description_sv TEXT NOT NULL,
    description_en TEXT NOT NULL,
    sources        TEXT NOT NULL,
    content_hash   TEXT NOT NULL,
    imported_at    TEXT NOT NULL,
    UNIQUE (set_id, version)
) STRICT;

CREATE TABLE requirement (
    id             INTEGER PRIMARY KEY,
    set_version_id INTEGER NOT NULL REFERENCES set_version(id) ON DELETE CASCADE,
    req_id         TEXT NOT NULL,
    position       INTEGER NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('qualification', 'mandatory', 'evaluated', 'contract')),
    level          TEXT CHECK (level IN ('basic', 'advanced', 'leading')),
    title_sv       TEXT NOT NULL,
    title_en       TEXT NOT NULL,
    body           TEXT NOT NULL,
    content_hash   TEXT NOT NULL,
    UNIQUE (set_version_id, req_id)
) STRICT;
CREATE INDEX requirement_req_id ON requirement(req_id);

-- Search over ids, titles, texts and tags in both languages. Diacritics are folded so that
-- "lagringsplats" finds "lagringsplats" and "overforing" finds "överföring".
CREATE VIRTUAL TABLE requirement_fts USING fts5(
    req_id, title, body_text, tags,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER requirement_fts_insert AFTER INSERT ON requirement BEGIN
    INSERT INTO requirement_fts(rowid, req_id, title, body_text, tags) VALUES (
        new.id,
        new.req_id || ' ' || replace(new.req_id, '-', ' '),
        new.title_sv || ' ' || new.title_en,
        json_extract(new.body, '$.text.sv') || ' ' || coalesce(json_extract(new.body, '$.text.en'), ''),
        coalesce((SELECT group_concat(value, ' ') FROM json_each(new.body, '$.tags')), '')
    );
END;

CREATE TRIGGER requirement_fts_delete AFTER DELETE ON requirement BEGIN
    DELETE FROM requirement_fts WHERE rowid = old.id;
END;

CREATE TRIGGER requirement_fts_update AFTER UPDATE ON requirement BEGIN
    DELETE FROM requirement_fts WHERE rowid = old.id;
    INSERT INTO requirement_fts(rowid, req_id, title, body_text, tags) VALUES (
        new.id,
        new.req_id || ' ' || replace(new.req_id, '-', ' '),
        new.title_sv || ' ' || new.title_en,
        json_extract(new.body, '$.text.sv') || ' ' || coalesce(json_extract(new.body, '$.text.en'), ''),
        coalesce((SELECT group_concat(value, ' ') FROM json_each(new.body, '$.tags')), '')
    );
END;

CREATE TABLE procurement (
    id           INTEGER PRIMARY KEY,
    reference    TEXT NOT NULL,
    title        TEXT NOT NULL,
    owner        TEXT NOT NULL,
    procedure    TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('draft', 'published', 'evaluation', 'awarded', 'closed', 'cancelled')),
    deadline     TEXT,
    published_on TEXT,
    profile      TEXT NOT NULL,
    revision     INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

-- The set versions a procurement's lines were drawn from.
CREATE TABLE procurement_set (
    procurement_id INTEGER NOT NULL REFERENCES procurement(id) ON DELETE CASCADE,
    set_id         TEXT NOT NULL REFERENCES requirement_set(id),
    set_version_id INTEGER NOT NULL REFERENCES set_version(id),
    PRIMARY KEY (procurement_id, set_id)
) STRICT;

CREATE TABLE procurement_line (
    id             INTEGER PRIMARY KEY,
    procurement_id INTEGER NOT NULL REFERENCES procurement(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    included       INTEGER NOT NULL CHECK (included IN (0, 1)),
    modified       INTEGER NOT NULL CHECK (modified IN (0, 1)),
    kind           TEXT NOT NULL CHECK (kind IN ('qualification', 'mandatory', 'evaluated', 'contract')),
    source_set_id  TEXT,
    source_version TEXT,
    source_req_id  TEXT,
    source_hash    TEXT,
    title_sv       TEXT NOT NULL,
    title_en       TEXT NOT NULL,
    body           TEXT NOT NULL,
    revision       INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX procurement_line_procurement ON procurement_line(procurement_id, position);
CREATE UNIQUE INDEX procurement_line_source ON procurement_line(procurement_id, source_req_id)
    WHERE source_req_id IS NOT NULL;

-- Explicit, reasoned changes to a published tender.
CREATE TABLE amendment (
    id             INTEGER PRIMARY KEY,
    procurement_id INTEGER NOT NULL REFERENCES procurement(id) ON DELETE CASCADE,
    line_id        INTEGER REFERENCES procurement_line(id) ON DELETE SET NULL,
    reason         TEXT NOT NULL,
    at             TEXT NOT NULL,
    actor          TEXT NOT NULL
) STRICT;

CREATE TABLE supplier (
    id                   INTEGER PRIMARY KEY,
    name                 TEXT NOT NULL,
    org_number           TEXT UNIQUE,
    foreign_registration TEXT NOT NULL,
    country              TEXT NOT NULL,
    contact              TEXT NOT NULL,
    notes                TEXT NOT NULL,
    revision             INTEGER NOT NULL DEFAULT 1,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
) STRICT;

CREATE TABLE sub_supplier (
    id                  INTEGER PRIMARY KEY,
    supplier_id         INTEGER NOT NULL REFERENCES supplier(id) ON DELETE CASCADE,
    name                TEXT NOT NULL,
    org_number          TEXT,
    country             TEXT NOT NULL,
    role                TEXT NOT NULL,
    processing_location TEXT NOT NULL,
    approved_on         TEXT,
    status              TEXT NOT NULL CHECK (status IN ('proposed', 'approved', 'objected', 'removed')),
    revision            INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX sub_supplier_supplier ON sub_supplier(supplier_id);

CREATE TABLE sub_supplier_change (
    id                 INTEGER PRIMARY KEY,
    supplier_id        INTEGER NOT NULL REFERENCES supplier(id) ON DELETE CASCADE,
    sub_supplier_id    INTEGER REFERENCES sub_supplier(id) ON DELETE SET NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('added', 'replaced', 'removed', 'moved_country')),
    sub_supplier_name  TEXT NOT NULL,
    new_country        TEXT,
    notified_on        TEXT NOT NULL,
    objection_deadline TEXT NOT NULL,
    decision           TEXT NOT NULL CHECK (decision IN ('pending', 'approved', 'objected')),
    decided_on         TEXT,
    note               TEXT NOT NULL,
    revision           INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX sub_supplier_change_supplier ON sub_supplier_change(supplier_id);

CREATE TABLE contract (
    id             INTEGER PRIMARY KEY,
    procurement_id INTEGER REFERENCES procurement(id),
    supplier_id    INTEGER NOT NULL REFERENCES supplier(id),
    title          TEXT NOT NULL,
    reference      TEXT NOT NULL,
    start_date     TEXT NOT NULL,
    end_date       TEXT,
    options        TEXT NOT NULL,
    responsible    TEXT NOT NULL,
    tier           TEXT NOT NULL CHECK (tier IN ('A', 'B', 'C')),
    first_after    INTEGER NOT NULL CHECK (first_after >= 0),
    every          INTEGER NOT NULL CHECK (every >= 1),
    mode           TEXT NOT NULL CHECK (mode IN ('anchored', 'after_completion')),
    revision       INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX contract_supplier ON contract(supplier_id);

CREATE TABLE contract_line (
    id                  INTEGER PRIMARY KEY,
    contract_id         INTEGER NOT NULL REFERENCES contract(id) ON DELETE CASCADE,
    procurement_line_id INTEGER NOT NULL REFERENCES procurement_line(id),
    likelihood          INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 4),
    consequence         INTEGER NOT NULL CHECK (consequence BETWEEN 1 AND 4),
    revision            INTEGER NOT NULL DEFAULT 1,
    UNIQUE (contract_id, procurement_line_id)
) STRICT;

CREATE TABLE evidence (
    id          INTEGER PRIMARY KEY,
    contract_id INTEGER NOT NULL REFERENCES contract(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    reference   TEXT NOT NULL,
    received_on TEXT,
    valid_until TEXT,
    revision    INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX evidence_contract ON evidence(contract_id);

CREATE TABLE review (
    id           INTEGER PRIMARY KEY,
    contract_id  INTEGER NOT NULL REFERENCES contract(id) ON DELETE CASCADE,
    due_on       TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'completed', 'cancelled')),
    trigger      TEXT,
    started_on   TEXT,
    completed_on TEXT,
    reviewer     TEXT NOT NULL,
    summary      TEXT NOT NULL,
    revision     INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX review_due ON review(status, due_on);
-- Never two open reviews for one contract, whatever the program does.
CREATE UNIQUE INDEX review_one_open ON review(contract_id)
    WHERE status IN ('planned', 'in_progress');

CREATE TABLE checklist_item (
    id               INTEGER PRIMARY KEY,
    review_id        INTEGER NOT NULL REFERENCES review(id) ON DELETE CASCADE,
    contract_line_id INTEGER NOT NULL REFERENCES contract_line(id),
    position         INTEGER NOT NULL,
    result           TEXT NOT NULL CHECK (result IN ('not_checked', 'compliant', 'deviation', 'not_applicable')),
    note             TEXT NOT NULL,
    evidence_ref     TEXT NOT NULL,
    revision         INTEGER NOT NULL DEFAULT 1,
    UNIQUE (review_id, contract_line_id)
) STRICT;

CREATE TABLE finding (
    id                INTEGER PRIMARY KEY,
    review_id         INTEGER NOT NULL REFERENCES review(id) ON DELETE CASCADE,
    checklist_item_id INTEGER REFERENCES checklist_item(id) ON DELETE SET NULL,
    description       TEXT NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    created_on        TEXT NOT NULL,
    revision          INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX finding_review ON finding(review_id);

CREATE TABLE corrective_action (
    id          INTEGER PRIMARY KEY,
    finding_id  INTEGER NOT NULL REFERENCES finding(id) ON DELETE CASCADE,
    description TEXT NOT NULL,
    owner       TEXT NOT NULL,
    due_on      TEXT NOT NULL,
    done_on     TEXT,
    revision    INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX corrective_action_finding ON corrective_action(finding_id);

-- Who changed what, when. Append-only: the database itself refuses to rewrite history.
CREATE TABLE audit (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    action    TEXT NOT NULL,
    before    TEXT,
    after     TEXT
) STRICT;
CREATE INDEX audit_entity ON audit(entity, entity_id);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
