//! The dashboard: what needs the procurement officer now. Drafts by deadline, published
//! procurements whose tender period has ended (awaiting evaluation), and procurements that use a
//! superseded version of a requirement set.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{Ctx, Effect, Outcome, Screen, Ui, without_modals};
use crate::domain::{Lang, Status};
use crate::i18n::Msg;
use crate::store::prelude::*;
use crate::store::procurements::ProcurementHead;
use crate::tui::action::Action;
use crate::tui::error::UiError;
use crate::tui::keymap::Context;
use crate::tui::tabs::Goto;
use crate::tui::widgets::list::ListCursor;
use crate::tui::widgets::notice;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Drafts,
    Awaiting,
    Superseded,
}

impl Section {
    fn title(self) -> Msg {
        match self {
            Section::Drafts => Msg::DashDrafts,
            Section::Awaiting => Msg::DashAwaiting,
            Section::Superseded => Msg::DashSuperseded,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub section: Section,
    pub procurement: ProcurementHead,
    /// For superseded versions: "set 2026.1 → 2026.2".
    pub note: String,
}

#[derive(Debug, Default)]
pub struct Dashboard {
    pub items: Vec<Item>,
    pub cursor: ListCursor,
}

impl Screen for Dashboard {
    const TITLE: Msg = Msg::TabDashboard;
    const SWITCH: Msg = Msg::ActTabDashboard;
    without_modals!();

    fn contexts(&self) -> Vec<Context> {
        vec![Context::List]
    }

    /// Moves the selection; `Open` opens the procurement on its tab.
    fn handle(&mut self, action: &Action, _cx: &mut Ctx) -> Outcome<Self> {
        if *action == Action::Open
            && let Some(item) = self.cursor.current().and_then(|i| self.items.get(i))
        {
            return Ok(vec![Effect::Go(Goto::Procurement(item.procurement.id))]);
        }
        self.cursor.apply(action);
        Ok(Vec::new())
    }

    fn reload(&mut self, cx: &mut Ctx) -> Result<(), UiError> {
        let store = &*cx.store;
        let all = store.open_procurements()?;
        let mut drafts: Vec<&ProcurementHead> =
            all.iter().filter(|p| p.status == Status::Draft).collect();
        // Nearest deadline first; drafts without a deadline last.
        drafts.sort_by_key(|p| (p.deadline.is_none(), p.deadline, p.id));
        let mut items: Vec<Item> = drafts
            .into_iter()
            .map(|p| Item {
                section: Section::Drafts,
                procurement: p.clone(),
                note: String::new(),
            })
            .collect();
        items.extend(
            all.iter()
                .filter(|p| p.status == Status::Published)
                .map(|p| Item {
                    section: Section::Awaiting,
                    procurement: p.clone(),
                    note: String::new(),
                }),
        );
        for (pid, linked) in store.superseded()? {
            if let Some(p) = all.iter().find(|p| p.id == pid) {
                items.push(Item {
                    section: Section::Superseded,
                    procurement: p.clone(),
                    note: format!(
                        "{} {} → {}",
                        linked.set_id, linked.version, linked.current_version
                    ),
                });
            }
        }
        self.cursor.set_len(items.len());
        self.items = items;
        Ok(())
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        draw(frame, area, self, ui);
    }
}

fn days_left(deadline: Option<NaiveDate>, today: NaiveDate, lang: Lang) -> String {
    match deadline {
        None => String::new(),
        Some(d) => {
            let n = (d - today).num_days();
            let msg = if n < 0 { Msg::DaysAgo } else { Msg::DaysLeft };
            format!(
                "{d} ({})",
                msg.text(lang).replace("{n}", &n.abs().to_string())
            )
        }
    }
}

/// The items of one section and the row of its heading.
struct Group {
    section: Section,
    items: std::ops::Range<usize>,
    first_row: usize,
}

/// The sections of `items` (which come section by section) with the row each heading takes.
fn groups(items: &[Item]) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match out.last_mut() {
            Some(g) if g.section == item.section => g.items.end = i + 1,
            last => {
                // After the previous section's rows and one blank row.
                let first_row = last.map_or(0, |g| g.first_row + 1 + g.items.len() + 1);
                out.push(Group {
                    section: item.section,
                    items: i..i + 1,
                    first_row,
                });
            }
        }
    }
    out
}

fn item_line(item: &Item, selected: bool, today: NaiveDate, ui: &Ui) -> Line<'static> {
    let p = &item.procurement;
    let when = match item.section {
        Section::Superseded => item.note.clone(),
        _ => days_left(p.deadline, today, ui.lang),
    };
    let style = if selected {
        ui.theme.selected()
    } else {
        ui.theme.normal()
    };
    Line::from(vec![
        Span::raw(format!("  {:<14} ", p.reference)),
        Span::raw(format!("{when:<28} ")),
        Span::raw(p.title.clone()),
    ])
    .style(style)
}

fn draw(frame: &mut Frame, area: Rect, s: &Dashboard, ui: &Ui) {
    let (lang, today, theme) = (ui.lang, ui.today, ui.theme);
    let block = Block::bordered()
        .title(Span::styled(
            format!(" {} ", Msg::TabDashboard.text(lang)),
            theme.title(),
        ))
        .border_style(theme.border(true));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if s.items.is_empty() {
        notice(frame, inner, Msg::DashEmpty.text(lang), theme);
        return;
    }
    // Rows: a heading before each section (and a blank row between sections), then its items.
    // Only the rows in the window are built: the list can hold thousands of procurements.
    let groups = groups(&s.items);
    let height = usize::from(inner.height);
    let selected = s.cursor.current().unwrap_or(0);
    let selected_row = groups
        .iter()
        .find(|g| g.items.contains(&selected))
        .map_or(0, |g| g.first_row + 1 + (selected - g.items.start));
    let start = selected_row.saturating_sub(height.saturating_sub(1));
    let window = start..start + height;
    let mut shown = Vec::new();
    for (k, g) in groups.iter().enumerate() {
        if k > 0 && window.contains(&(g.first_row - 1)) {
            shown.push(Line::raw(""));
        }
        if window.contains(&g.first_row) {
            let title = format!("{} ({})", g.section.title().text(lang), g.items.len());
            shown.push(Line::from(Span::styled(title, theme.title())));
        }
        let first_item_row = g.first_row + 1;
        let from = window.start.saturating_sub(first_item_row);
        let to = window.end.saturating_sub(first_item_row).min(g.items.len());
        for i in (g.items.start + from)..(g.items.start + to.max(from)) {
            shown.push(item_line(
                &s.items[i],
                s.cursor.current() == Some(i),
                today,
                ui,
            ));
        }
    }
    frame.render_widget(Paragraph::new(shown), inner);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::theme::Theme;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn item(section: Section, n: usize) -> Item {
        Item {
            section,
            procurement: ProcurementHead {
                id: i64::try_from(n).unwrap_or(0),
                reference: format!("KS {n}"),
                title: format!("Upphandling {n}"),
                status: Status::Draft,
                deadline: None,
            },
            note: String::new(),
        }
    }

    /// Every row of the dashboard, built whole: what the window must be a part of.
    fn all_rows(items: &[Item]) -> Vec<String> {
        let mut rows = Vec::new();
        let mut section = None;
        for it in items {
            if section != Some(it.section) {
                if section.is_some() {
                    rows.push(String::new());
                }
                section = Some(it.section);
                let n = items.iter().filter(|x| x.section == it.section).count();
                let heading = format!("{} ({n})", it.section.title().text(Lang::Sv));
                rows.push(
                    heading
                        .split_whitespace()
                        .take(2)
                        .collect::<Vec<_>>()
                        .join(" "),
                );
            }
            rows.push(format!("KS {}", it.procurement.id));
        }
        rows
    }

    #[test]
    fn the_window_shows_the_rows_around_the_selection_and_builds_no_others() {
        let mut items: Vec<Item> = (0..40).map(|n| item(Section::Drafts, n)).collect();
        items.extend((40..45).map(|n| item(Section::Awaiting, n)));
        items.extend((45..60).map(|n| item(Section::Superseded, n)));
        let rows = all_rows(&items);
        let theme = Theme::new(true);
        let ui = Ui {
            lang: Lang::Sv,
            today: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default(),
            theme: &theme,
        };
        for selected in [0, 17, 39, 40, 44, 45, 59] {
            let mut d = Dashboard {
                items: (0..60).map(|n| item(items[n].section, n)).collect(),
                cursor: ListCursor::new(items.len()),
            };
            d.cursor.select(selected);
            let mut t = Terminal::new(TestBackend::new(60, 12)).unwrap();
            t.draw(|f| draw(f, f.area(), &d, &ui)).unwrap();
            let screen: Vec<String> = (1..11)
                .map(|y| {
                    (1..59)
                        .map(|x| t.backend().buffer()[(x, y)].symbol().to_string())
                        .collect::<String>()
                        .split_whitespace()
                        .take(2)
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            let at = rows
                .iter()
                .position(|r| *r == format!("KS {selected}"))
                .unwrap_or(0);
            let start = at.saturating_sub(9);
            for (k, shown) in screen.iter().enumerate() {
                let want = rows.get(start + k).cloned().unwrap_or_default();
                assert_eq!(*shown, want, "selected {selected}, row {k}");
            }
        }
    }
}
