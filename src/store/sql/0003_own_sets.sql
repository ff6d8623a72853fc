-- Requirements of own sets are edited by several people at once, like procurements and
-- suppliers: each row carries a revision for optimistic locking. Rows written before this
-- start at 1 (every set's own revision is at least 1, so revisions stay unique per
-- requirement; see store/versions.rs).
ALTER TABLE requirement ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;

-- Equal versions (`1` and `01`, `1.0` and `1.00`) have equal sort keys. The program refuses a
-- second one; the database does too, whatever writes to it. A unique index would fail on a
-- database that already holds such a pair, so a trigger refuses only new ones.
CREATE TRIGGER set_version_no_equal BEFORE INSERT ON set_version
WHEN EXISTS (SELECT 1 FROM set_version WHERE set_id = new.set_id AND version_sort = new.version_sort)
BEGIN
    SELECT RAISE(ABORT, 'this version of the set is in the library already');
END;
