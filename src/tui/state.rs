//! The state of the interactive program: the tab, every screen's state, the modal stack and
//! the toast. Drawing reads only this (and the theme); nothing here touches the database.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::action::Action;
use super::tabs::{ConfirmPurpose, FormPurpose, PickPurpose, Screens, Tab};
use super::widgets::filter_list::FilterList;
use super::widgets::form::FormState;
use super::widgets::modal::{Confirm, HelpState, Toast};
use crate::domain::Lang;

/// A layer over the screen. The top one takes the keys and is drawn last; a form, a picker
/// and a confirmation carry what they are for, typed by the screen that opened them.
pub enum Modal {
    Help(HelpState),
    Palette(FilterList<Action>),
    Form(FormPurpose, Box<FormState>),
    Pick(FilterList<PickPurpose>),
    Confirm(ConfirmPurpose, Confirm),
    Message(Confirm),
}

/// When a screen last read the store: the database's change counter of other connections and
/// the count of this program's own writes. A screen whose stamp differs shows old data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stamp {
    pub data_version: i64,
    pub writes: u64,
}

pub struct AppState {
    pub lang: Lang,
    pub today: NaiveDate,
    pub tab: Tab,
    pub screens: Screens,
    pub modals: Vec<Modal>,
    pub toast: Option<Toast>,
    pub quit: bool,
    /// When each screen last read what it shows.
    pub loaded: HashMap<Tab, Stamp>,
    /// The shown screen could not be read again after a change elsewhere: what it shows may
    /// be out of date, and the tab bar says so until a reload succeeds.
    pub stale: bool,
    /// Background jobs started and not yet finished.
    pub running: usize,
    /// The database could only be opened for reading: every change is refused.
    pub read_only: bool,
}
