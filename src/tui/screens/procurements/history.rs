//! A line's history (`h`): its rows of the audit trail, told in words by `i18n::line_history`.

use crate::domain::Line;
use crate::i18n::{Event, line_history};
use crate::store::procurements::{Amendment, Record};
use crate::tui::error::UiError;
use crate::tui::screens::Ctx;

/// How many rows of the trail a line's history reads; a line is rarely changed more often.
pub const LIMIT: usize = 500;

/// The line's history, oldest first.
pub fn of_line(
    cx: &mut Ctx,
    line: &Record<Line>,
    amendments: &[Amendment],
) -> Result<Vec<Event>, UiError> {
    let id = line.id.to_string();
    let mut trail = cx
        .store
        .audit_trail(Some(("procurement_line", id.as_str())), LIMIT)?;
    trail.reverse();
    Ok(line_history(&trail, line.id, amendments, cx.lang))
}
