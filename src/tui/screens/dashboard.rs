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
use crate::store::procurements::ProcurementSummary;
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
    pub procurement: ProcurementSummary,
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
        let all = store.procurements()?;
        let mut drafts: Vec<&ProcurementSummary> =
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
    // Lines: a heading before each section, then its items; the window follows the selection.
    let mut lines: Vec<(Option<usize>, Line)> = Vec::new();
    let mut section = None;
    for (i, item) in s.items.iter().enumerate() {
        if section != Some(item.section) {
            if section.is_some() {
                lines.push((None, Line::raw("")));
            }
            section = Some(item.section);
            let count = s.items.iter().filter(|x| x.section == item.section).count();
            lines.push((
                None,
                Line::from(Span::styled(
                    format!("{} ({count})", item.section.title().text(lang)),
                    theme.title(),
                )),
            ));
        }
        let p = &item.procurement;
        let when = match item.section {
            Section::Superseded => item.note.clone(),
            _ => days_left(p.deadline, today, lang),
        };
        let style = if s.cursor.current() == Some(i) {
            theme.selected()
        } else {
            theme.normal()
        };
        lines.push((
            Some(i),
            Line::from(vec![
                Span::raw(format!("  {:<14} ", p.reference)),
                Span::raw(format!("{:<28} ", when)),
                Span::raw(p.title.clone()),
            ])
            .style(style),
        ));
    }
    let height = usize::from(inner.height);
    let selected_line = lines
        .iter()
        .position(|(i, _)| *i == s.cursor.current())
        .unwrap_or(0);
    let start = selected_line.saturating_sub(height.saturating_sub(1));
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(start)
        .take(height)
        .map(|(_, l)| l)
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
}
