//! The audit trail: who changed what, when, with the value before and after. Rows are only ever
//! appended (database triggers refuse UPDATE, DELETE and an INSERT that would REPLACE a row),
//! and each is written inside the same transaction as the change it records. `Store::write`
//! checks that those triggers are there before it writes anything, so a database whose
//! protection was dropped outside kravkoll gets no more history that could be rewritten. The
//! time of a row is the real time (`Clock::wall_now`), whatever day the clock is set to.

use rusqlite::Connection;
use serde::Serialize;
use serde_json::Value;

use super::{Conn, Result, Store, Tx};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// The triggers that keep the trail append-only (0001 and 0004).
const GUARDS: [&str; 3] = ["audit_no_update", "audit_no_delete", "audit_no_replace"];

/// The guard triggers that are missing (or no longer refuse anything), by name.
pub(crate) fn missing_guards(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name FROM sqlite_master
         WHERE type = 'trigger' AND tbl_name = 'audit' AND sql LIKE '%RAISE(ABORT%'",
    )?;
    let present = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(GUARDS
        .iter()
        .filter(|g| !present.iter().any(|p| p == *g))
        .map(|g| g.to_string())
        .collect())
}

/// The JSON form of a value for the audit trail.
pub(crate) fn snapshot<T: Serialize>(value: &T) -> Option<Value> {
    serde_json::to_value(value).ok()
}

impl Tx<'_> {
    pub(crate) fn audit(
        &self,
        entity: &str,
        entity_id: impl ToString,
        action: &str,
        before: Option<Value>,
        after: Option<Value>,
    ) -> Result<()> {
        self.tx.execute(
            "INSERT INTO audit(at, actor, entity, entity_id, action, before, after)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            rusqlite::params![
                self.at,
                self.actor,
                entity,
                entity_id.to_string(),
                action,
                before,
                after
            ],
        )?;
        Ok(())
    }
}

impl Store {
    /// The history of one entity (or of everything when `entity` is `None`), newest first.
    pub fn audit_trail(
        &self,
        entity: Option<(&str, &str)>,
        limit: usize,
    ) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, at, actor, entity, entity_id, action, before, after FROM audit
             WHERE (?1 IS NULL OR (entity = ?1 AND entity_id = ?2))
             ORDER BY id DESC LIMIT ?3",
        )?;
        let (e, id) = entity.unzip();
        let rows = stmt.query_map(
            rusqlite::params![e, id, i64::try_from(limit).unwrap_or(i64::MAX)],
            |r| {
                Ok(AuditEntry {
                    id: r.get(0)?,
                    at: r.get(1)?,
                    actor: r.get(2)?,
                    entity: r.get(3)?,
                    entity_id: r.get(4)?,
                    action: r.get(5)?,
                    before: r.get(6)?,
                    after: r.get(7)?,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

#[cfg(test)]
mod tests {
    use crate::store::Conn;
    use crate::store::StoreError;
    use crate::store::prelude::*;
    use crate::store::test_support::store;

    #[test]
    fn the_trail_is_append_only() {
        let mut s = store();
        s.write(|tx| tx.audit("test", 1, "create", None, None))
            .unwrap();
        let upd = s
            .conn()
            .execute("UPDATE audit SET actor = 'someone else'", []);
        assert!(upd.unwrap_err().to_string().contains("append-only"));
        let del = s.conn().execute("DELETE FROM audit", []);
        assert!(del.unwrap_err().to_string().contains("append-only"));
        let trail = s.audit_trail(None, 10).unwrap();
        assert_eq!(trail.len(), 1);
        assert_eq!(trail[0].actor, "tester");
    }

    #[test]
    fn a_row_cannot_be_replaced() {
        let mut s = store();
        s.write(|tx| tx.audit("test", 1, "create", None, None))
            .unwrap();
        let before = s.audit_trail(None, 10).unwrap();
        let id = before[0].id;
        for verb in ["INSERT OR REPLACE", "REPLACE"] {
            let r = s.conn().execute(
                &format!(
                    "{verb} INTO audit(id, at, actor, entity, entity_id, action)
                     VALUES (?1, '2000-01-01T00:00:00Z', 'someone else', 'test', '1', 'create')"
                ),
                [id],
            );
            assert!(r.unwrap_err().to_string().contains("append-only"), "{verb}");
        }
        assert_eq!(s.audit_trail(None, 10).unwrap(), before, "row unchanged");
    }

    #[test]
    fn without_a_guard_trigger_nothing_is_written() {
        let mut s = store();
        s.conn()
            .execute_batch("DROP TRIGGER audit_no_delete")
            .unwrap();
        let err = s
            .write(|tx| tx.audit("test", 1, "create", None, None))
            .unwrap_err();
        let StoreError::AuditUnprotected { path, missing } = &err else {
            panic!("{err}");
        };
        assert_eq!(path, ":memory:");
        assert_eq!(missing, &["audit_no_delete"]);
        assert!(err.to_string().contains("kravkoll backup"), "{err}");
        assert!(s.audit_trail(None, 10).unwrap().is_empty());
        // Reading still works.
        assert!(s.sets().unwrap().is_empty());
    }
}
