//! Ordered schema migrations, counted in SQLite's `user_version`. Each step is a SQL file; all
//! pending steps run in one transaction, so an upgrade either happens whole or not at all.

use std::sync::LazyLock;

use rusqlite_migration::{M, Migrations};

static STEPS: &[&str] = &[
    include_str!("sql/0001_init.sql"),
    include_str!("sql/0002_indexes.sql"),
    include_str!("sql/0003_own_sets.sql"),
];

pub static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::new(STEPS.iter().map(|sql| M::up(sql)).collect()));

/// The schema version this program writes.
pub fn latest() -> i64 {
    STEPS.len() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(MIGRATIONS.validate().is_ok());
    }
}
