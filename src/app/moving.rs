//! Moving in a pane: the navigation cursor, the list's selection, the reader's scroll, a row
//! or a page at a time.

use super::App;
use crate::focus::Focus;

impl App {
    /// A page in the focused pane, in its own units, with one line of overlap in the reader.
    pub(super) fn page(&self, direction: isize) -> isize {
        let rows = match self.focus() {
            Focus::Nav => self.nav_rows(),
            Focus::List => self.list_rows(),
            Focus::Reader => usize::from(self.reader_text().height)
                .saturating_sub(1)
                .max(1),
        };
        direction * isize::try_from(rows).unwrap_or(1)
    }

    /// Moves in `pane`: the navigation cursor, the list selection or the reader's scroll.
    pub(super) fn move_in(&mut self, pane: Focus, delta: isize) {
        match pane {
            Focus::Nav => self.nav.move_cursor(delta),
            Focus::List => self.list.move_selection(delta),
            Focus::Reader => self.reader.scroll_by(delta),
        }
    }
}
