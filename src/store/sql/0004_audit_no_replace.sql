-- The audit trail cannot be rewritten by REPLACE.
-- `INSERT OR REPLACE` (and `REPLACE`) resolves a conflict on the id by deleting the old row
-- without firing the delete trigger (recursive triggers are off), so a row of history could be
-- rewritten. A BEFORE INSERT trigger runs before any conflict resolution: an insert naming an
-- id already in the trail is refused.
CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit
WHEN EXISTS (SELECT 1 FROM audit WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
