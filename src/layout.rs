//! Where each pane goes for a terminal size and focus. Pure vocabulary below both the app
//! and the drawing, so the app uses the same answer for page sizes and mouse clicks as the
//! drawing does.

use ratatui::layout::{Constraint, Layout, Rect};

use crate::config;
use crate::focus::Focus;

/// The smallest terminal that shows anything useful.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    TooSmall,
    /// One pane at a time.
    Narrow,
    /// List and reader; the navigation pane in place of the reader while it has focus.
    Medium,
    /// Navigation, list and reader side by side.
    Wide,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    pub fit: Fit,
    pub nav: Option<Rect>,
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    pub status: Rect,
}

pub fn panes(area: Rect, focus: Focus, settings: &config::Layout) -> Panes {
    let fit = if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        Fit::TooSmall
    } else if area.width >= settings.wide_from.0 {
        Fit::Wide
    } else if area.width >= settings.narrow_below.0 {
        Fit::Medium
    } else {
        Fit::Narrow
    };
    let [main, status] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    let mut panes = Panes {
        fit,
        nav: None,
        list: None,
        reader: None,
        status,
    };
    let nav_width = Constraint::Length(settings.nav_width.0);
    let list_share = Constraint::Percentage(settings.list_percent.0);
    match fit {
        Fit::TooSmall => {}
        Fit::Narrow => match focus {
            Focus::Nav => panes.nav = Some(main),
            Focus::List => panes.list = Some(main),
            Focus::Reader => panes.reader = Some(main),
        },
        Fit::Medium if focus == Focus::Nav => {
            let [nav, list] = Layout::horizontal([nav_width, Constraint::Fill(1)]).areas(main);
            (panes.nav, panes.list) = (Some(nav), Some(list));
        }
        Fit::Medium => {
            let [list, reader] = Layout::horizontal([list_share, Constraint::Fill(1)]).areas(main);
            (panes.list, panes.reader) = (Some(list), Some(reader));
        }
        Fit::Wide => {
            let [nav, rest] = Layout::horizontal([nav_width, Constraint::Fill(1)]).areas(main);
            let [list, reader] = Layout::horizontal([list_share, Constraint::Fill(1)]).areas(rest);
            (panes.nav, panes.list, panes.reader) = (Some(nav), Some(list), Some(reader));
        }
    }
    panes
}

/// The inside of a bordered pane.
pub fn inner(rect: Rect) -> Rect {
    rect.inner(ratatui::layout::Margin::new(1, 1))
}

/// The text area of the reading pane: inside the border, one column of margin each side,
/// no wider than the configured line length.
pub fn reader_text(rect: Rect, max_width: u16) -> Rect {
    let mut text = inner(rect).inner(ratatui::layout::Margin::new(1, 0));
    text.width = text.width.min(max_width);
    text
}

#[cfg(test)]
#[path = "layout_tests.rs"]
mod tests;
