//! Moving a procurement's status on. Publishing is the point of no return, so the check list
//! comes first: what blocks publication is said and nothing is asked; what the officer may
//! have overlooked is listed on the confirmation, and the yes acknowledges it.

use ratatui::text::Line as TextLine;

use super::detail::Detail;
use super::{Ask, Pick, Procurements};
use crate::domain::publish::{Checks, check};
use crate::domain::{Lang, Line, Status};
use crate::i18n::{Label, Msg};
use crate::i18n::{blocker_text, warning_text};
use crate::tui::screens::{Ctx, Effect, Outcome, info};
use crate::tui::widgets::filter_list::{Entry, FilterList, Look};
use crate::tui::widgets::modal::Confirm;

pub fn status_picker(d: &Detail, lang: Lang) -> Vec<Effect<Procurements>> {
    let to = d.record.value.status.next();
    if to.is_empty() {
        return info(Msg::NoNextStatus.text(lang));
    }
    let entries = to
        .iter()
        .map(|s| {
            let pick = Pick::Status {
                procurement: d.record.id,
                revision: d.record.revision,
                to: *s,
            };
            Entry::new(s.label(lang), pick)
        })
        .collect();
    vec![Effect::Pick(FilterList::new(
        Msg::PickStatus.text(lang),
        entries,
        Look::Facts,
    ))]
}

/// The check list for publishing what the detail shows.
pub fn checks(d: &Detail, today: chrono::NaiveDate) -> Checks {
    let lines: Vec<Line> = d.lines.iter().map(|l| l.value.clone()).collect();
    let newer: Vec<(String, String, String)> = d
        .linked
        .iter()
        .filter(|l| l.is_superseded())
        .map(|l| {
            (
                l.set_id.clone(),
                l.version.clone(),
                l.current_version.clone(),
            )
        })
        .collect();
    check(&d.record.value, &lines, &newer, today)
}

/// The publish question, or (when something blocks it) the reason it cannot be asked.
fn publish_question(
    d: &Detail,
    ask: Ask,
    today: chrono::NaiveDate,
    lang: Lang,
) -> Effect<Procurements> {
    let c = checks(d, today);
    let title = format!(
        "{} – {}",
        d.record.value.reference,
        Status::Published.label(lang)
    );
    if !c.blockers.is_empty() {
        let mut body = vec![TextLine::raw(Msg::BlockedIntro.text(lang))];
        body.extend(
            c.blockers
                .iter()
                .map(|b| TextLine::raw(format!("  ✗ {}", blocker_text(b, lang)))),
        );
        return Effect::Message(Confirm::new(title, body));
    }
    let included = d.lines.iter().filter(|l| l.value.included).count();
    let mut body = Vec::new();
    if !c.warnings.is_empty() {
        body.push(TextLine::raw(Msg::WarningsIntro.text(lang)));
        body.extend(
            c.warnings
                .iter()
                .map(|w| TextLine::raw(format!("  ! {}", warning_text(w, lang)))),
        );
        body.push(TextLine::raw(""));
    }
    body.push(TextLine::raw(
        Msg::ConfirmPublish
            .counted(included, lang)
            .replace("{n}", &included.to_string()),
    ));
    Effect::Confirm(ask, Confirm::new(title, body))
}

/// A status was picked: the question before it is set, with the check list for publishing.
pub fn confirm(
    d: &mut Detail,
    procurement: i64,
    revision: i64,
    to: Status,
    cx: &mut Ctx,
) -> Outcome<Procurements> {
    let lang = cx.lang;
    // The checks are made on the procurement as it is now, not as the view was last read.
    d.reload(cx)?;
    let ask = Ask::Transition {
        procurement,
        revision,
        to,
    };
    let p = &d.record.value;
    let effect = match to {
        Status::Published => publish_question(d, ask, cx.today, lang),
        Status::Cancelled => Effect::Confirm(
            ask,
            confirm_text(p, to, Msg::ConfirmCancel.text(lang), lang),
        ),
        _ => {
            let body = Msg::ConfirmStatus
                .text(lang)
                .replace("{from}", p.status.label(lang))
                .replace("{to}", to.label(lang));
            Effect::Confirm(ask, confirm_text(p, to, &body, lang))
        }
    };
    Ok(vec![effect])
}

fn confirm_text(p: &crate::domain::Procurement, to: Status, body: &str, lang: Lang) -> Confirm {
    Confirm::text(format!("{} – {}", p.reference, to.label(lang)), body)
}
