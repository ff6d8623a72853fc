//! The screens of the shell. Each holds its own state, loads its rows from the store when it
//! is opened or something changed, turns actions into store calls (one user action, one
//! transaction) and draws itself from its state.

pub mod dashboard;
pub mod library;
pub mod placeholder;
pub mod procurements;

use chrono::NaiveDate;

use super::state::Modal;
use crate::domain::Lang;
use crate::i18n;
use crate::store::{Store, StoreError};

/// What a screen may use while it handles an action.
pub struct Ctx<'a> {
    pub store: &'a mut Store,
    pub lang: Lang,
    pub today: NaiveDate,
}

impl Ctx<'_> {
    /// A store error in the user's language.
    pub fn error(&self, e: &StoreError) -> String {
        i18n::store_error(e, self.lang)
    }
}

/// What handling an action leads to besides the screen's own state.
pub enum Effect {
    Push(Modal),
    Info(String),
}

/// The result of an action: effects, or an error to show.
pub type Outcome = Result<Vec<Effect>, String>;

/// Why submitted form values were refused: a field to mark, or a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Field(&'static str, String),
    Message(String),
}

pub type Submitted = Result<Vec<Effect>, Refusal>;

impl From<String> for Refusal {
    fn from(s: String) -> Refusal {
        Refusal::Message(s)
    }
}

/// The width of an id column: the longest id shown, within reason.
pub fn id_width<'a>(ids: impl Iterator<Item = &'a str>) -> usize {
    ids.map(|i| i.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(7, 16)
}
