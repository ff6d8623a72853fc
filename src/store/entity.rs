//! What a refused or failed write was about, named the way its user knows it: a typed entity
//! and the id the user sees (a procurement's reference, a line's requirement id, a set's id),
//! never a table name and a row number. The interfaces put the entity into words (`i18n`);
//! this module knows only how to find the name a row is shown by.

use std::fmt;

/// A kind of thing the store keeps that a user can be told about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Entity {
    Procurement,
    /// A line of a procurement (from the library or the officer's own).
    RequirementLine,
    RequirementSet,
    SetVersion,
    /// A requirement of an own set in the library.
    Requirement,
    Supplier,
    SubSupplier,
    SubSupplierChange,
    Contract,
    ContractLine,
    Evidence,
    Review,
    ChecklistItem,
    Finding,
    CorrectiveAction,
}

impl Entity {
    pub const ALL: &'static [Entity] = &[
        Entity::Procurement,
        Entity::RequirementLine,
        Entity::RequirementSet,
        Entity::SetVersion,
        Entity::Requirement,
        Entity::Supplier,
        Entity::SubSupplier,
        Entity::SubSupplierChange,
        Entity::Contract,
        Entity::ContractLine,
        Entity::Evidence,
        Entity::Review,
        Entity::ChecklistItem,
        Entity::Finding,
        Entity::CorrectiveAction,
    ];

    /// The English name (errors' own `Display` is English; Swedish lives in `i18n`).
    pub fn name_en(self) -> &'static str {
        match self {
            Entity::Procurement => "procurement",
            Entity::RequirementLine => "requirement line",
            Entity::RequirementSet => "requirement set",
            Entity::SetVersion => "set version",
            Entity::Requirement => "requirement",
            Entity::Supplier => "supplier",
            Entity::SubSupplier => "sub-supplier",
            Entity::SubSupplierChange => "sub-supplier change",
            Entity::Contract => "contract",
            Entity::ContractLine => "contract line",
            Entity::Evidence => "evidence",
            Entity::Review => "review",
            Entity::ChecklistItem => "checklist item",
            Entity::Finding => "finding",
            Entity::CorrectiveAction => "corrective action",
        }
    }

    /// The query for the name a row (by row id, `?1`) is shown by; `None` for entities whose
    /// writes are addressed by their own text id already.
    pub(super) fn name_query(self) -> Option<&'static str> {
        Some(match self {
            Entity::Procurement => "SELECT reference FROM procurement WHERE id = ?1",
            // As `Line::label`: the requirement id, or the position of an own line.
            Entity::RequirementLine => {
                "SELECT coalesce(source_req_id, '#' || position) FROM procurement_line WHERE id = ?1"
            }
            Entity::Supplier => "SELECT name FROM supplier WHERE id = ?1",
            Entity::SubSupplier => "SELECT name FROM sub_supplier WHERE id = ?1",
            Entity::SubSupplierChange => {
                "SELECT sub_supplier_name FROM sub_supplier_change WHERE id = ?1"
            }
            Entity::Contract => {
                "SELECT coalesce(nullif(reference, ''), title) FROM contract WHERE id = ?1"
            }
            Entity::ContractLine => {
                "SELECT coalesce(l.source_req_id, '#' || l.position)
                 FROM contract_line c JOIN procurement_line l ON l.id = c.procurement_line_id
                 WHERE c.id = ?1"
            }
            Entity::Evidence => {
                "SELECT coalesce(nullif(reference, ''), kind) FROM evidence WHERE id = ?1"
            }
            Entity::Review => {
                "SELECT coalesce(nullif(c.reference, ''), c.title) || ' ' || r.due_on
                 FROM review r JOIN contract c ON c.id = r.contract_id WHERE r.id = ?1"
            }
            Entity::ChecklistItem => {
                "SELECT coalesce(l.source_req_id, '#' || l.position)
                 FROM checklist_item i JOIN contract_line c ON c.id = i.contract_line_id
                 JOIN procurement_line l ON l.id = c.procurement_line_id WHERE i.id = ?1"
            }
            Entity::Finding => "SELECT substr(description, 1, 40) FROM finding WHERE id = ?1",
            Entity::CorrectiveAction => {
                "SELECT substr(description, 1, 40) FROM corrective_action WHERE id = ?1"
            }
            Entity::RequirementSet | Entity::SetVersion | Entity::Requirement => return None,
        })
    }
}

impl fmt::Display for Entity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name_en())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::sealed::Conn;
    use crate::store::test_support::store;

    #[test]
    fn every_name_query_is_valid_sql() {
        let s = store();
        for e in Entity::ALL {
            if let Some(sql) = e.name_query() {
                let found: Option<String> = rusqlite::OptionalExtension::optional(
                    s.conn().query_row(sql, [1], |r| r.get(0)),
                )
                .unwrap_or_else(|err| panic!("{e:?}: {err}"));
                assert_eq!(found, None, "{e:?}");
            }
        }
    }
}
