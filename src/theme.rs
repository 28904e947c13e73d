//! Every style on the screen, from the config's colours. With `NO_COLOR` set, no colour is
//! used and bold, dim and reverse video still mark focus, selection and matches.

use ratatui::style::{Color, Modifier, Style};

use crate::config;
use crate::model::SpanStyle;
use crate::model::wrap::Role;

#[derive(Debug, Clone)]
pub struct Theme {
    colour: bool,
    accent: Color,
    bookmark: Color,
    code: Color,
    match_fg: Color,
    match_bg: Color,
    error: Color,
}

impl Theme {
    pub fn new(config: &config::Theme, colour: bool) -> Self {
        Self {
            colour,
            accent: config.accent.0,
            bookmark: config.bookmark.0,
            code: config.code.0,
            match_fg: config.match_fg.0,
            match_bg: config.match_bg.0,
            error: config.error.0,
        }
    }

    /// Colour unless `NO_COLOR` is set to anything but an empty string.
    pub fn from_env(config: &config::Theme) -> Self {
        let no_colour = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Self::new(config, !no_colour)
    }

    fn fg(&self, colour: Color) -> Style {
        if self.colour {
            Style::new().fg(colour)
        } else {
            Style::new()
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(self.accent).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn pane_title(&self, focused: bool) -> Style {
        if focused {
            self.fg(self.accent).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    /// The selected row: reverse video where the focus is, bold elsewhere.
    pub fn selected(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub fn selection_bar(&self) -> Style {
        self.fg(self.accent).add_modifier(Modifier::BOLD)
    }

    pub fn unread(&self) -> Style {
        self.fg(self.accent).add_modifier(Modifier::BOLD)
    }

    pub fn bookmark(&self) -> Style {
        self.fg(self.bookmark).add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    pub fn accent(&self) -> Style {
        self.fg(self.accent)
    }

    pub fn error(&self) -> Style {
        self.fg(self.error).add_modifier(Modifier::BOLD)
    }

    pub fn search_match(&self) -> Style {
        if self.colour {
            Style::new().fg(self.match_fg).bg(self.match_bg)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED)
        }
    }

    /// Article text by what it is and how it is marked up.
    pub fn text(&self, role: Role, span: SpanStyle) -> Style {
        let mut style = match role {
            Role::Title => self.fg(self.accent).add_modifier(Modifier::BOLD),
            Role::Heading => self.fg(self.accent).add_modifier(Modifier::BOLD),
            Role::Byline | Role::Tags | Role::Marker | Role::ImageLabel => self.dim(),
            Role::Quote | Role::Caption => Style::new().add_modifier(Modifier::ITALIC),
            Role::Code => self.fg(self.code),
            Role::Text => Style::new(),
        };
        if span.strong {
            style = style.add_modifier(Modifier::BOLD);
        }
        if span.emphasis {
            style = style.add_modifier(Modifier::ITALIC);
        }
        if span.code {
            style = style.patch(self.fg(self.code));
        }
        if span.link {
            style = style.add_modifier(Modifier::UNDERLINED);
        }
        style
    }
}
