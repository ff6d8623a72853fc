//! Styles. With `NO_COLOR` set every colour is dropped and meaning is carried by bold,
//! reverse and underline alone.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub mono: bool,
}

impl Theme {
    pub fn new(no_color: bool) -> Theme {
        Theme { mono: no_color }
    }

    fn color(&self, base: Style, c: Color) -> Style {
        if self.mono { base } else { base.fg(c) }
    }

    pub fn normal(&self) -> Style {
        Style::new()
    }

    pub fn dim(&self) -> Style {
        if self.mono {
            Style::new()
        } else {
            Style::new().fg(Color::DarkGray)
        }
    }

    pub fn title(&self) -> Style {
        self.color(Style::new().add_modifier(Modifier::BOLD), Color::Cyan)
    }

    pub fn selected(&self) -> Style {
        if self.mono {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new().bg(Color::Blue).fg(Color::White)
        }
    }

    /// The selection in a list that does not have focus.
    pub fn selected_unfocused(&self) -> Style {
        if self.mono {
            Style::new().add_modifier(Modifier::UNDERLINED)
        } else {
            Style::new().bg(Color::DarkGray).fg(Color::White)
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        match (focused, self.mono) {
            (true, true) => Style::new().add_modifier(Modifier::BOLD),
            (true, false) => Style::new().fg(Color::Cyan),
            (false, _) => self.dim(),
        }
    }

    pub fn key(&self) -> Style {
        self.color(Style::new().add_modifier(Modifier::BOLD), Color::Yellow)
    }

    pub fn error(&self) -> Style {
        self.color(Style::new().add_modifier(Modifier::BOLD), Color::Red)
    }

    pub fn warning(&self) -> Style {
        self.color(Style::new(), Color::Yellow)
    }

    pub fn ok(&self) -> Style {
        self.color(Style::new(), Color::Green)
    }

    pub fn tab_active(&self) -> Style {
        if self.mono {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD)
        }
    }

    /// A line that is left out of the tender.
    pub fn excluded(&self) -> Style {
        if self.mono {
            Style::new().add_modifier(Modifier::CROSSED_OUT)
        } else {
            Style::new()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::CROSSED_OUT)
        }
    }

    /// Words a newer text takes out.
    pub fn removed(&self) -> Style {
        self.color(Style::new().add_modifier(Modifier::CROSSED_OUT), Color::Red)
    }

    /// Words a newer text puts in.
    pub fn added(&self) -> Style {
        self.color(
            Style::new().add_modifier(Modifier::UNDERLINED),
            Color::Green,
        )
    }

    pub fn focused_field(&self) -> Style {
        if self.mono {
            Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
        } else {
            Style::new().fg(Color::White).bg(Color::DarkGray)
        }
    }
}
