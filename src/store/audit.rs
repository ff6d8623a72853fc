//! The audit trail: who changed what, when, with the value before and after. Rows are only ever
//! appended (database triggers refuse UPDATE and DELETE), and each is written inside the same
//! transaction as the change it records.

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
        assert_eq!(trail[0].at, "2026-11-22T12:00:00Z");
    }
}
