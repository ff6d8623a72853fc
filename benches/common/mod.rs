//! The generated databases the benchmarks run on, made once per generator and kept in the
//! system temp directory.
#![allow(dead_code, clippy::expect_used)]

use std::path::PathBuf;

use chrono::NaiveDate;
use kravkoll::clock::Clock;
use kravkoll::demo::scale::{Scale, generate};
use kravkoll::store::Store;

/// Raised when the generator makes something new, so an old cached database is not used.
const GENERATOR: u32 = 2;

pub fn clock() -> Clock {
    Clock::Fixed(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default())
}

/// The generated database for `name`, made once and reused by later runs.
pub fn database(name: &str, scale: Scale) -> PathBuf {
    let path = std::env::temp_dir().join(format!(
        "kravkoll-bench-{name}-{}-g{GENERATOR}.db",
        env!("CARGO_PKG_VERSION")
    ));
    if !path.exists() {
        let tmp = path.with_extension("partial");
        let _ = std::fs::remove_file(&tmp);
        let mut store = Store::open(&tmp, clock(), "bench").expect("open");
        kravkoll::cli::sync_builtins(&mut store).expect("sync");
        generate(&mut store, scale).expect("generate");
        drop(store);
        std::fs::rename(&tmp, &path).expect("rename");
    }
    path
}
