//! Every user intent the interactive program knows, as data. Keys map to actions in
//! `keymap.rs`; the help overlay and the command palette describe actions with the same texts,
//! so a key, its help and its palette entry cannot drift apart.

use crate::i18n::Msg;

/// The five tabs of the shell, in the order of their number keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    Dashboard,
    Library,
    Procurements,
    Suppliers,
    Reviews,
}

impl Tab {
    pub const ALL: [Tab; 5] = [
        Tab::Dashboard,
        Tab::Library,
        Tab::Procurements,
        Tab::Suppliers,
        Tab::Reviews,
    ];

    pub fn title(self) -> Msg {
        match self {
            Tab::Dashboard => Msg::TabDashboard,
            Tab::Library => Msg::TabLibrary,
            Tab::Procurements => Msg::TabProcurements,
            Tab::Suppliers => Msg::TabSuppliers,
            Tab::Reviews => Msg::TabReviews,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Leave the program.
    Quit,
    /// Show the keys of the current view.
    ShowHelp,
    /// Open the command palette.
    OpenPalette,
    /// Switch to a tab.
    SwitchTab(Tab),
    /// Switch the interface between Swedish and English.
    ToggleLanguage,
    /// Move the selection up one row.
    MoveUp,
    /// Move the selection down one row.
    MoveDown,
    /// Move the selection up one page.
    PageUp,
    /// Move the selection down one page.
    PageDown,
    /// Jump to the first row.
    First,
    /// Jump to the last row.
    Last,
    /// Open the selected item.
    Open,
    /// Go back or close.
    Back,
    /// Focus the next pane.
    NextPane,
    /// Focus the previous pane.
    PrevPane,
    /// Search or filter as you type.
    Search,
    /// Create something new here.
    New,
    /// Edit the selected item.
    Edit,
    /// Delete the selected item (asks first).
    Delete,
    /// Filter requirements by kind.
    CycleKindFilter,
    /// Filter requirements by tag.
    PickTagFilter,
    /// Copy a set into a new editable set.
    DuplicateSet,
    /// Import a set file.
    ImportSet,
    /// Export the selected set to a file.
    ExportSet,
    /// Link a requirement set to the procurement.
    LinkSet,
    /// Include or exclude the selected line.
    ToggleInclude,
    /// Change the kind of the selected line.
    ChangeKind,
    /// Set the weight of the selected line.
    SetWeight,
    /// Add an own requirement to the procurement.
    AddOwnLine,
    /// Move the selected line up.
    MoveLineUp,
    /// Move the selected line down.
    MoveLineDown,
    /// Edit the procurement and its profile.
    EditProcurement,
    /// Move the procurement to another status.
    ChangeStatus,
    /// Amend a published line, with a reason.
    Amend,
    /// Show newer versions of linked sets and take changes over.
    ShowDrift,
    /// Take the library's newer text over for the selected line.
    TakeOver,
    /// Form: next field.
    NextField,
    /// Form: previous field.
    PrevField,
    /// Form: next choice of the field.
    NextChoice,
    /// Form: previous choice of the field.
    PrevChoice,
    /// Form: save.
    Submit,
    /// Answer yes.
    Confirm,
    /// Answer no.
    Cancel,
}

impl Action {
    /// The text that describes the action in help, footer and palette.
    pub fn describe(&self) -> Msg {
        use Action::*;
        match self {
            Quit => Msg::ActQuit,
            ShowHelp => Msg::ActHelp,
            OpenPalette => Msg::ActPalette,
            SwitchTab(t) => match t {
                Tab::Dashboard => Msg::ActTabDashboard,
                Tab::Library => Msg::ActTabLibrary,
                Tab::Procurements => Msg::ActTabProcurements,
                Tab::Suppliers => Msg::ActTabSuppliers,
                Tab::Reviews => Msg::ActTabReviews,
            },
            ToggleLanguage => Msg::ActLanguage,
            MoveUp => Msg::ActUp,
            MoveDown => Msg::ActDown,
            PageUp => Msg::ActPageUp,
            PageDown => Msg::ActPageDown,
            First => Msg::ActFirst,
            Last => Msg::ActLast,
            Open => Msg::ActOpen,
            Back => Msg::ActBack,
            NextPane => Msg::ActNextPane,
            PrevPane => Msg::ActPrevPane,
            Search => Msg::ActSearch,
            New => Msg::ActNew,
            Edit => Msg::ActEdit,
            Delete => Msg::ActDelete,
            CycleKindFilter => Msg::ActKindFilter,
            PickTagFilter => Msg::ActTagFilter,
            DuplicateSet => Msg::ActDuplicateSet,
            ImportSet => Msg::ActImportSet,
            ExportSet => Msg::ActExportSet,
            LinkSet => Msg::ActLinkSet,
            ToggleInclude => Msg::ActToggleInclude,
            ChangeKind => Msg::ActChangeKind,
            SetWeight => Msg::ActSetWeight,
            AddOwnLine => Msg::ActAddOwnLine,
            MoveLineUp => Msg::ActLineUp,
            MoveLineDown => Msg::ActLineDown,
            EditProcurement => Msg::ActEditProcurement,
            ChangeStatus => Msg::ActChangeStatus,
            Amend => Msg::ActAmend,
            ShowDrift => Msg::ActShowDrift,
            TakeOver => Msg::ActTakeOver,
            NextField => Msg::ActNextField,
            PrevField => Msg::ActPrevField,
            NextChoice => Msg::ActNextChoice,
            PrevChoice => Msg::ActPrevChoice,
            Submit => Msg::ActSubmit,
            Confirm => Msg::ActConfirm,
            Cancel => Msg::ActCancel,
        }
    }

    /// One value of every variant, for the tests of the key table and the palette.
    pub fn all() -> Vec<Action> {
        use Action::*;
        let mut v = vec![
            Quit,
            ShowHelp,
            OpenPalette,
            ToggleLanguage,
            MoveUp,
            MoveDown,
            PageUp,
            PageDown,
            First,
            Last,
            Open,
            Back,
            NextPane,
            PrevPane,
            Search,
            New,
            Edit,
            Delete,
            CycleKindFilter,
            PickTagFilter,
            DuplicateSet,
            ImportSet,
            ExportSet,
            LinkSet,
            ToggleInclude,
            ChangeKind,
            SetWeight,
            AddOwnLine,
            MoveLineUp,
            MoveLineDown,
            EditProcurement,
            ChangeStatus,
            Amend,
            ShowDrift,
            TakeOver,
            NextField,
            PrevField,
            NextChoice,
            PrevChoice,
            Submit,
            Confirm,
            Cancel,
        ];
        v.extend(Tab::ALL.map(SwitchTab));
        v
    }
}
