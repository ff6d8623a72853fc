-- Requirements of own sets are edited by several people at once, like procurements and
-- suppliers: each row carries a revision for optimistic locking. Rows written before this
-- start at 1 (every set's own revision is at least 1, so revisions stay unique per
-- requirement; see store/versions.rs).
ALTER TABLE requirement ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
