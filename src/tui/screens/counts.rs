//! The Suppliers and Reviews tabs until their views are built: an honest statement of what is
//! in the database and where to work with it meanwhile. The counts are read when the tab is
//! shown, like every screen's data.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{Ctx, Outcome, Screen, Ui, without_modals};
use crate::i18n::Msg;
use crate::store::prelude::*;
use crate::tui::action::Action;
use crate::tui::error::UiError;
use crate::tui::keymap::Context;

/// Record counts, as the store gives them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub suppliers: i64,
    pub contracts: i64,
    pub reviews: i64,
}

fn read(cx: &mut Ctx) -> Result<Counts, UiError> {
    let (suppliers, contracts, reviews) = cx.store.counts()?;
    Ok(Counts {
        suppliers,
        contracts,
        reviews,
    })
}

/// Which count a tab is about.
pub trait Subject: Default {
    const TITLE: Msg;
    const SWITCH: Msg;
    /// "{n} suppliers…", with `{n}` and `{contracts}`.
    const WHAT: Msg;
    fn count(c: Counts) -> i64;
}

/// A subject of a count tab: its texts and which count it shows.
macro_rules! subject {
    ($name:ident, $title:ident, $switch:ident, $what:ident, $field:ident) => {
        #[derive(Debug, Default)]
        pub struct $name;

        impl Subject for $name {
            const TITLE: Msg = Msg::$title;
            const SWITCH: Msg = Msg::$switch;
            const WHAT: Msg = Msg::$what;
            fn count(c: Counts) -> i64 {
                c.$field
            }
        }
    };
}

subject!(
    OfSuppliers,
    TabSuppliers,
    ActTabSuppliers,
    PlaceholderSuppliers,
    suppliers
);
subject!(
    OfReviews,
    TabReviews,
    ActTabReviews,
    PlaceholderReviews,
    reviews
);

#[derive(Debug, Default)]
pub struct CountScreen<S: Subject> {
    pub counts: Counts,
    subject: std::marker::PhantomData<S>,
}

pub type Suppliers = CountScreen<OfSuppliers>;
pub type Reviews = CountScreen<OfReviews>;

impl<S: Subject> Screen for CountScreen<S> {
    const TITLE: Msg = S::TITLE;
    const SWITCH: Msg = S::SWITCH;
    without_modals!();

    fn contexts(&self) -> Vec<Context> {
        Vec::new()
    }

    fn handle(&mut self, _: &Action, _: &mut Ctx) -> Outcome<Self> {
        Ok(Vec::new())
    }

    fn reload(&mut self, cx: &mut Ctx) -> Result<(), UiError> {
        self.counts = read(cx)?;
        Ok(())
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let c = self.counts;
        draw(frame, area, S::TITLE, S::WHAT, S::count(c), c, ui);
    }
}

fn draw(frame: &mut Frame, area: Rect, title: Msg, what: Msg, n: i64, c: Counts, ui: &Ui) {
    let (lang, theme) = (ui.lang, ui.theme);
    let block = Block::bordered()
        .title(Span::styled(
            format!(" {} ", title.text(lang)),
            theme.title(),
        ))
        .border_style(theme.border(true));
    let text = vec![
        Line::from(Span::styled(
            Msg::PlaceholderTitle.text(lang),
            theme.title(),
        )),
        Line::raw(""),
        Line::raw(
            what.counted(n, lang)
                .replace("{n}", &n.to_string())
                .replace("{contracts}", &c.contracts.to_string()),
        ),
        Line::raw(""),
        Line::from(Span::styled(
            Msg::PlaceholderMeanwhile.text(lang),
            theme.dim(),
        )),
    ];
    frame.render_widget(
        Paragraph::new(text).block(block).wrap(Wrap { trim: true }),
        area,
    );
}
