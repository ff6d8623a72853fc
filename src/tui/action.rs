//! Every user intent the interactive program knows, as data. Keys map to actions in
//! `keymap.rs`; the help overlay and the command palette describe actions with the same texts,
//! so a key, its help and its palette entry cannot drift apart.
//!
//! The `actions!` table below is the only place an action is declared: the enum, its
//! description and the list of every action (which the key-table tests walk) are generated
//! from it, so no variant can be added without a text and without being checked for a key.

use super::tabs::Tab;
use crate::i18n::Msg;

macro_rules! actions {
    (
        $( $(#[doc = $doc:literal])* $name:ident => $msg:ident, )+
        $( @each $(#[doc = $pdoc:literal])* $pname:ident($ty:ty) => $describe:path, $every:expr; )*
    ) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            $( $(#[doc = $doc])* $name, )+
            $( $(#[doc = $pdoc])* $pname($ty), )*
        }

        impl Action {
            /// The text that describes the action in help, footer and palette.
            pub fn describe(&self) -> Msg {
                match self {
                    $( Action::$name => Msg::$msg, )+
                    $( Action::$pname(v) => $describe(*v), )*
                }
            }

            /// Every action, with each value of those that carry one.
            pub fn all() -> Vec<Action> {
                #[allow(unused_mut)]
                let mut all = vec![$( Action::$name ),+];
                $( all.extend($every.iter().copied().map(Action::$pname)); )*
                all
            }
        }
    };
}

actions! {
    /// Leave the program.
    Quit => ActQuit,
    /// Show the keys of the current view.
    ShowHelp => ActHelp,
    /// Open the command palette.
    OpenPalette => ActPalette,
    /// Switch the interface between Swedish and English.
    ToggleLanguage => ActLanguage,
    /// Read what the screen shows again from the database.
    Reload => ActReload,
    /// Move the selection up one row.
    MoveUp => ActUp,
    /// Move the selection down one row.
    MoveDown => ActDown,
    /// Move the selection up one page.
    PageUp => ActPageUp,
    /// Move the selection down one page.
    PageDown => ActPageDown,
    /// Jump to the first row.
    First => ActFirst,
    /// Jump to the last row.
    Last => ActLast,
    /// Open the selected item.
    Open => ActOpen,
    /// Go back or close.
    Back => ActBack,
    /// Focus the next pane.
    NextPane => ActNextPane,
    /// Focus the previous pane.
    PrevPane => ActPrevPane,
    /// Search or filter as you type.
    Search => ActSearch,
    /// Create something new here.
    New => ActNew,
    /// Edit the selected item.
    Edit => ActEdit,
    /// Delete the selected item (asks first).
    Delete => ActDelete,
    /// Filter requirements by kind.
    CycleKindFilter => ActKindFilter,
    /// Filter requirements by tag.
    PickTagFilter => ActTagFilter,
    /// Copy a set into a new editable set.
    DuplicateSet => ActDuplicateSet,
    /// Import a set file.
    ImportSet => ActImportSet,
    /// Export the selected set to a file.
    ExportSet => ActExportSet,
    /// Link a requirement set to the procurement.
    LinkSet => ActLinkSet,
    /// Include or exclude the selected line.
    ToggleInclude => ActToggleInclude,
    /// Change the kind of the selected line.
    ChangeKind => ActChangeKind,
    /// Set the weight of the selected line.
    SetWeight => ActSetWeight,
    /// Add an own requirement to the procurement.
    AddOwnLine => ActAddOwnLine,
    /// Move the selected line up.
    MoveLineUp => ActLineUp,
    /// Move the selected line down.
    MoveLineDown => ActLineDown,
    /// Edit the procurement and its profile.
    EditProcurement => ActEditProcurement,
    /// Move the procurement to another status.
    ChangeStatus => ActChangeStatus,
    /// Amend a published line, with a reason.
    Amend => ActAmend,
    /// Show newer versions of linked sets and take changes over.
    ShowDrift => ActShowDrift,
    /// Take the library's newer text over for the selected line.
    TakeOver => ActTakeOver,
    /// Link every set with requirements that apply to the profile, after a preview.
    BuildFromProfile => ActBuildFromProfile,
    /// Unlink a linked set from a draft, with its lines.
    UnlinkSet => ActUnlinkSet,
    /// Show or hide the linked sets' requirements that do not apply.
    ToggleNotApplying => ActToggleNotApplying,
    /// Move the selected line to a given place.
    MoveLineTo => ActMoveLineTo,
    /// Go to the next line that matches the filter.
    NextMatch => ActNextMatch,
    /// Go to the previous line that matches the filter.
    PrevMatch => ActPrevMatch,
    /// Show the selected line's history.
    ShowHistory => ActShowHistory,
    /// Show the whole header of the procurement, or one line of it.
    ToggleHeader => ActToggleHeader,
    /// Write the procurement's requirement specification to a file (DOCX, PDF, JSON…).
    ExportDocument => ActExportDocument,
    /// Form: open the options of a choice field.
    OpenChoice => ActOpenChoice,
    /// Form: next field.
    NextField => ActNextField,
    /// Form: previous field.
    PrevField => ActPrevField,
    /// Form: next choice of the field.
    NextChoice => ActNextChoice,
    /// Form: previous choice of the field.
    PrevChoice => ActPrevChoice,
    /// Form: save.
    Submit => ActSubmit,
    /// Answer yes.
    Confirm => ActConfirm,
    /// Answer no.
    Cancel => ActCancel,
    @each
    /// Switch to a tab.
    SwitchTab(Tab) => Tab::switch_text, Tab::ALL;
}
