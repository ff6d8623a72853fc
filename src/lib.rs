//! kravkoll: requirement library, procurements and supplier follow-up for Swedish
//! municipalities and regions.
//!
//! The layers point one way: `domain` imports nothing of ours; `catalog` and `store` build on
//! `domain`; `cli` (and the TUI) use the rest. The binary in `main.rs` only reads the
//! environment and hands over to `cli`.

pub mod catalog;
pub mod cli;
pub mod clock;
pub mod demo;
pub mod domain;
pub mod export;
pub mod files;
pub mod i18n;
pub mod logging;
pub mod login;
pub mod paths;
pub mod sanitize;
pub mod settings;
pub mod store;
pub mod tui;
