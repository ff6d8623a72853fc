//! The state of the interactive program: the tab, each screen's state, the modal stack and
//! the toast. Drawing reads only this (and the theme); nothing here touches the database.

use chrono::NaiveDate;

use super::action::Tab;
use super::screens::dashboard::DashboardState;
use super::screens::library::LibraryState;
use super::screens::procurements::ProcurementsState;
use super::widgets::form::FormState;
use super::widgets::modal::{ConfirmState, HelpState, PaletteState, PickerState, Toast};
use crate::domain::{Kind, Lang, Procurement, Status};

/// What a submitted form is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormPurpose {
    NewProcurement,
    EditProcurement {
        id: i64,
        revision: i64,
    },
    NewSet,
    DuplicateSet {
        from: String,
    },
    EditSet {
        id: String,
        revision: i64,
    },
    NewRequirement {
        set: String,
    },
    EditRequirement {
        set: String,
        requirement: String,
        revision: i64,
    },
    EditLineText {
        line: i64,
        revision: i64,
    },
    AddOwnLine {
        procurement: i64,
    },
    LineWeight {
        line: i64,
        revision: i64,
    },
    Amend {
        line: i64,
        revision: i64,
    },
    ImportSet,
    ExportSet {
        set: String,
    },
}

/// What a choice in a picker is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickPurpose {
    LinkSet {
        procurement: i64,
        sets: Vec<String>,
    },
    ChangeStatus {
        procurement: i64,
        revision: i64,
        to: Vec<Status>,
    },
    ChangeKind {
        line: i64,
        revision: i64,
    },
    TagFilter {
        tags: Vec<String>,
    },
}

/// An operation waiting for a yes.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    DeleteSet {
        id: String,
        revision: i64,
    },
    DeleteRequirement {
        set: String,
        requirement: String,
        revision: i64,
    },
    Transition {
        procurement: i64,
        revision: i64,
        to: Status,
    },
    ApplyProfile {
        id: i64,
        revision: i64,
        procurement: Box<Procurement>,
    },
    ChangeKind {
        line: i64,
        revision: i64,
        kind: Kind,
    },
}

pub enum Modal {
    Help(HelpState),
    Palette(PaletteState),
    Form(FormPurpose, Box<FormState>),
    Picker(PickerState<PickPurpose>),
    Confirm(ConfirmState<Pending>),
}

/// Record counts for the tabs whose views come with the follow-up work.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub suppliers: usize,
    pub contracts: usize,
    pub reviews: usize,
}

pub struct AppState {
    pub lang: Lang,
    pub today: NaiveDate,
    pub tab: Tab,
    pub dashboard: DashboardState,
    pub library: LibraryState,
    pub procurements: ProcurementsState,
    pub counts: Counts,
    pub modals: Vec<Modal>,
    pub toast: Option<Toast>,
    pub quit: bool,
}
