//! The Suppliers and Reviews tabs until their views are built: an honest statement of what is
//! there and where to work with it meanwhile.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::domain::Lang;
use crate::i18n::Msg;
use crate::tui::action::Tab;
use crate::tui::state::Counts;
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, tab: Tab, counts: Counts, lang: Lang, theme: &Theme) {
    let block = Block::bordered()
        .title(Span::styled(
            format!(" {} ", tab.title().text(lang)),
            theme.title(),
        ))
        .border_style(theme.border(true));
    let (what, n) = match tab {
        Tab::Suppliers => (Msg::PlaceholderSuppliers, counts.suppliers),
        _ => (Msg::PlaceholderReviews, counts.reviews),
    };
    let text = vec![
        Line::from(Span::styled(
            Msg::PlaceholderTitle.text(lang),
            theme.title(),
        )),
        Line::raw(""),
        Line::raw(
            what.text(lang)
                .replace("{n}", &n.to_string())
                .replace("{contracts}", &counts.contracts.to_string()),
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
