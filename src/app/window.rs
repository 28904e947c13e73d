//! The window over the panes, when one is open (the help, the feeds list, an article's
//! links), and its cursor: the first line shown in the help, the selected row in the lists.

use super::cursor::offset_index;
use crate::source::discover::Named;

/// A window over the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Feeds,
    Links,
    /// `+`: an address typed, read, and a feed chosen among those a page names.
    AddFeed,
}

#[derive(Debug, Clone, Default)]
pub struct Window {
    open: Option<Overlay>,
    cursor: usize,
    /// What the `+` window holds.
    adding: Adding,
}

/// The `+` window: the address typed, whether it is being read, the feeds a page named to
/// choose among, and why nothing was subscribed.
#[derive(Debug, Clone, Default)]
pub struct Adding {
    pub text: String,
    pub busy: bool,
    pub choices: Vec<Named>,
    pub error: Option<String>,
}

impl Window {
    /// The window open, if one is.
    pub fn open(&self) -> Option<Overlay> {
        self.open
    }

    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// What the `+` window holds.
    pub fn adding(&self) -> &Adding {
        &self.adding
    }

    pub(super) fn adding_mut(&mut self) -> &mut Adding {
        &mut self.adding
    }

    /// In the help: the first line shown; in the feeds and links lists: the selected row.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Opens `overlay` with its cursor on `row` (the `+` window empty).
    pub(super) fn show(&mut self, overlay: Overlay, row: usize) {
        self.open = Some(overlay);
        self.cursor = row;
        if overlay == Overlay::AddFeed {
            self.adding = Adding::default();
        }
    }

    /// The cursor back on the first row.
    pub(super) fn first_row(&mut self) {
        self.cursor = 0;
    }

    /// Moves the cursor by `step`, within `rows` rows.
    pub(super) fn move_cursor(&mut self, step: isize, rows: usize) {
        self.cursor = offset_index(self.cursor, step, rows);
    }

    /// Closes the window: which it was, and where its cursor was.
    pub(super) fn close(&mut self) -> Option<(Overlay, usize)> {
        let open = self.open.take()?;
        Some((open, std::mem::take(&mut self.cursor)))
    }
}

#[cfg(test)]
#[path = "window_tests.rs"]
mod tests;
