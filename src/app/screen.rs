//! The screen: its size, the pane that takes the keys, the time the dates are told from, and
//! whether the reader is to end; and where each pane is, from the layout of the config.

use chrono::{DateTime, Utc};
use ratatui::layout::{Position, Rect, Size};

use crate::config;
use crate::focus::Focus;
use crate::layout::{self, Panes};

#[derive(Debug, Clone)]
pub struct Screen {
    size: Size,
    focus: Focus,
    /// The time now, for relative dates and what is due.
    now: DateTime<Utc>,
    quitting: bool,
}

impl Screen {
    pub(super) fn new(size: Size, now: DateTime<Utc>) -> Self {
        Self {
            size,
            focus: Focus::List,
            now,
            quitting: false,
        }
    }

    pub fn size(&self) -> Size {
        self.size
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    pub fn quitting(&self) -> bool {
        self.quitting
    }

    pub(super) fn resize(&mut self, size: Size) {
        self.size = size;
    }

    pub(super) fn set_clock(&mut self, now: DateTime<Utc>) {
        self.now = now;
    }

    pub(super) fn quit(&mut self) {
        self.quitting = true;
    }

    pub(super) fn focus_on(&mut self, pane: Focus) {
        self.focus = pane;
    }

    /// Tab and Shift-Tab: navigation → list → reader, and round.
    pub(super) fn cycle_focus(&mut self, forward: bool) {
        self.focus = match (self.focus, forward) {
            (Focus::Nav, true) | (Focus::Reader, false) => Focus::List,
            (Focus::List, true) | (Focus::Nav, false) => Focus::Reader,
            (Focus::Reader, true) | (Focus::List, false) => Focus::Nav,
        };
    }

    /// `t`: the navigation pane, or back to the list from it.
    pub(super) fn toggle_nav(&mut self) {
        self.focus = if self.focus == Focus::Nav {
            Focus::List
        } else {
            Focus::Nav
        };
    }

    /// Where each pane is now.
    pub fn panes(&self, layout: &config::Layout) -> Panes {
        layout::panes(self.area(), self.focus, layout)
    }

    fn area(&self) -> Rect {
        Rect::from((Position::ORIGIN, self.size))
    }

    /// The rectangle a pane has when it is shown, whether or not it is shown now.
    pub(super) fn pane_rect(&self, pane: Focus, layout: &config::Layout) -> Rect {
        let pick = |p: Panes| match pane {
            Focus::Nav => p.nav,
            Focus::List => p.list,
            Focus::Reader => p.reader,
        };
        pick(self.panes(layout))
            .or_else(|| pick(layout::panes(self.area(), pane, layout)))
            .unwrap_or_default()
    }

    /// Articles the list shows at once (each takes two rows).
    pub fn list_rows(&self, layout: &config::Layout) -> usize {
        (usize::from(layout::inner(self.pane_rect(Focus::List, layout)).height) / 2).max(1)
    }

    /// Rows of the navigation pane on screen.
    pub(super) fn nav_rows(&self, layout: &config::Layout) -> usize {
        usize::from(layout::inner(self.pane_rect(Focus::Nav, layout)).height).max(1)
    }

    /// The text area of the reading pane.
    pub(super) fn reader_text(&self, layout: &config::Layout) -> Rect {
        layout::reader_text(
            self.pane_rect(Focus::Reader, layout),
            layout.reader_max_width.0,
        )
    }
}

#[cfg(test)]
#[path = "screen_tests.rs"]
mod tests;
