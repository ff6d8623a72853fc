//! The drift view of one procurement: what changed in newer versions of its linked sets,
//! requirement by requirement. A changed requirement shows the library's old and new text
//! (word by word, what went and what came) and, when the officer edited the line, their own
//! text; taking such a change over asks first whether to take the library's text (the
//! officer's stays in the audit trail) or keep their own. It has its own key context.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::detail::Detail;
use super::view::{field, pad};
use super::{Pick, Procurements};
use crate::domain::Lang;
use crate::domain::word_diff::{Piece, words};
use crate::i18n::Msg;
use crate::store::tailoring::{Drift, DriftChange};
use crate::tui::action::Action;
use crate::tui::keymap::{self, Context};
use crate::tui::screens::{Ctx, Effect, Outcome, id_width, info};
use crate::tui::theme::Theme;
use crate::tui::widgets::filter_list::{Entry, FilterList, Look};

/// What to do with a library change to a line the officer edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DriftChoice {
    TakeLibrary,
    KeepLocal,
    Cancel,
}

/// Whether the change is to a line whose text the officer wrote.
fn edited_locally(d: &Detail, x: &Drift) -> bool {
    match &x.change {
        DriftChange::Changed { line, .. } => {
            d.lines.iter().any(|l| l.id == *line && l.value.modified)
        }
        _ => false,
    }
}

/// `u`: takes the selected change over, asking first when the officer edited the line.
pub fn take_over(d: &mut Detail, cx: &mut Ctx) -> Outcome<Procurements> {
    let Some(x) = d.selected_drift().cloned() else {
        return Ok(Vec::new());
    };
    if !edited_locally(d, &x) {
        return decided(d, DriftChoice::TakeLibrary, &x, cx);
    }
    let lang = cx.lang;
    let entry = |msg: Msg, choice: DriftChoice| {
        let pick = Pick::Drift {
            choice,
            drift: Box::new(x.clone()),
        };
        Entry::new(msg.text(lang), pick)
    };
    let entries = vec![
        entry(Msg::DriftTakeLibrary, DriftChoice::TakeLibrary),
        entry(Msg::DriftKeepLocal, DriftChoice::KeepLocal),
        entry(Msg::Cancel, DriftChoice::Cancel),
    ];
    let title = Msg::DriftAskTitle
        .text(lang)
        .replace("{id}", &x.requirement_id);
    Ok(vec![Effect::Pick(FilterList::new(
        title,
        entries,
        Look::Facts,
    ))])
}

/// Carries out the officer's answer, as the change was when they saw it.
pub fn decided(
    d: &mut Detail,
    choice: DriftChoice,
    x: &Drift,
    cx: &mut Ctx,
) -> Outcome<Procurements> {
    let lang = cx.lang;
    let id = d.record.id;
    let said = match choice {
        DriftChoice::Cancel => return Ok(Vec::new()),
        DriftChoice::KeepLocal => {
            d.write(cx, |tx| tx.keep_local(id, x))?;
            Msg::KeptLocal
        }
        DriftChoice::TakeLibrary => {
            d.write(cx, |tx| tx.take_over(id, x))?;
            match x.change {
                DriftChange::Added { .. } => Msg::TakenOverAdded,
                DriftChange::Changed { .. } => Msg::TakenOver,
                DriftChange::Removed { .. } => Msg::TakenOverRemoved,
            }
        }
    };
    Ok(info(said.text(lang).replace("{id}", &x.requirement_id)))
}

fn drift_label(d: &Detail, x: &Drift, id_w: usize, lang: Lang) -> String {
    let (mark, what) = match x.change {
        DriftChange::Added { .. } => ("+", Msg::DriftAdded),
        DriftChange::Changed { .. } => ("~", Msg::DriftChanged),
        DriftChange::Removed { .. } => ("−", Msg::DriftRemoved),
    };
    let local = if edited_locally(d, x) {
        format!(" ✎ {}", Msg::DriftEditedLocally.text(lang))
    } else {
        String::new()
    };
    format!(
        "{mark} {} {}{local} ({} {} → {})",
        pad(&x.requirement_id, id_w),
        what.text(lang),
        x.set_id,
        x.from,
        x.to
    )
}

/// The library's new text against its old, word by word: taken-out words struck through and
/// put-in words underlined, and (for NO_COLOR and copy-paste) bracketed.
pub fn diff_lines(old: &str, new: &str, theme: &Theme) -> Vec<Line<'static>> {
    let mut spans = Vec::new();
    for (i, piece) in words(old, new).into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(" "));
        }
        spans.push(match piece {
            Piece::Same(w) => Span::raw(w),
            Piece::Removed(w) if theme.mono => Span::styled(format!("[-{w}-]"), theme.removed()),
            Piece::Added(w) if theme.mono => Span::styled(format!("{{+{w}+}}"), theme.added()),
            Piece::Removed(w) => Span::styled(w, theme.removed()),
            Piece::Added(w) => Span::styled(w, theme.added()),
        });
    }
    vec![Line::from(spans)]
}

fn heading(text: String, theme: &Theme) -> Line<'static> {
    Line::from(Span::styled(text, theme.key()))
}

/// The texts of the selected change: library old and new (as a word diff), and the local text.
fn change_text(d: &Detail, x: &Drift, lang: Lang, theme: &Theme) -> Vec<Line<'static>> {
    let current = |id: i64| {
        d.lines
            .iter()
            .find(|l| l.id == id)
            .map(|l| l.value.text.get(lang).to_string())
            .unwrap_or_default()
    };
    let mut text = Vec::new();
    match &x.change {
        DriftChange::Added { requirement } => {
            text.extend(field(
                Msg::DriftNew,
                requirement.text.get(lang).to_string(),
                lang,
                theme,
            ));
        }
        DriftChange::Changed { line, old, new, .. } => {
            // What changed first (the old text is in the diff, struck through), then the
            // officer's own text to weigh it against, then the old text whole.
            let now = Msg::DriftLibraryNew
                .text(lang)
                .replace("{from}", &x.from)
                .replace("{v}", &x.to);
            text.push(heading(now, theme));
            text.extend(diff_lines(old.text.get(lang), new.text.get(lang), theme));
            if edited_locally(d, x) {
                text.push(Line::raw(""));
                text.extend(field(Msg::DriftLocal, current(*line), lang, theme));
            }
            text.push(Line::raw(""));
            let was = Msg::DriftLibraryOld.text(lang).replace("{v}", &x.from);
            text.push(heading(was, theme));
            text.push(Line::raw(old.text.get(lang).to_string()));
        }
        DriftChange::Removed { line, .. } => {
            text.push(heading(Msg::DriftRemovedSays.text(lang).to_string(), theme));
            text.extend(field(Msg::DriftNow, current(*line), lang, theme));
        }
    }
    text
}

pub fn draw(
    frame: &mut Frame,
    list_area: Rect,
    text_area: Rect,
    d: &Detail,
    lang: Lang,
    theme: &Theme,
) {
    let block = Block::bordered()
        .title(Span::styled(
            format!(" {} ", Msg::DriftTitle.text(lang)),
            theme.title(),
        ))
        .border_style(theme.border(true));
    let inner = block.inner(list_area);
    frame.render_widget(block, list_area);
    let id_w = id_width(d.drift.iter().map(|x| x.requirement_id.as_str()));
    let rows: Vec<Line> = d
        .drift_cursor
        .window(usize::from(inner.height))
        .map(|i| {
            let style = if d.drift_cursor.current() == Some(i) {
                theme.selected()
            } else {
                theme.normal()
            };
            Line::from(drift_label(d, &d.drift[i], id_w, lang)).style(style)
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), inner);
    let mut text = Vec::new();
    if let Some(x) = d.selected_drift() {
        text = change_text(d, x, lang, theme);
        text.push(Line::raw(""));
        let key = keymap::key_for(&[Context::Drift], &Action::TakeOver)
            .map(|k| k.to_string())
            .unwrap_or_default();
        text.push(Line::from(Span::styled(
            Msg::TakeOverHint.text(lang).replace("{key}", &key),
            theme.dim(),
        )));
    }
    frame.render_widget(
        Paragraph::new(text)
            .block(Block::bordered().border_style(theme.border(false)))
            .wrap(Wrap { trim: false }),
        text_area,
    );
}
