//! Moving in the focused pane: the navigation cursor, the list's selection, the reader's
//! scroll, a page at a time or a row, kept within bounds and in view.

use super::App;
use crate::focus::Focus;

impl App {
    /// A page in the focused pane, in its own units, with one line of overlap in the reader.
    pub(super) fn page(&self, direction: isize) -> isize {
        let rows = match self.focus {
            Focus::Nav => self.nav_rows(),
            Focus::List => self.list_rows(),
            Focus::Reader => usize::from(self.reader_text().height)
                .saturating_sub(1)
                .max(1),
        };
        direction * isize::try_from(rows).unwrap_or(1)
    }

    /// Moves in the focused pane: the navigation cursor, the list selection or the reader's
    /// scroll.
    pub(super) fn move_by(&mut self, delta: isize) {
        match self.focus {
            Focus::Nav => self.nav.cursor = offset_index(self.nav.cursor, delta, self.nav.len()),
            Focus::List => self.move_selection(delta),
            Focus::Reader => {
                if let Some(reader) = &mut self.reader {
                    reader.scroll = offset_index(reader.scroll, delta, reader.wrapped.lines.len());
                    reader.match_line = None;
                }
            }
        }
    }

    pub(crate) fn move_selection(&mut self, delta: isize) {
        self.selected = offset_index(self.selected, delta, self.visible.len());
    }
}

/// `index + delta`, kept within `0..len`.
pub(super) fn offset_index(index: usize, delta: isize, len: usize) -> usize {
    index
        .saturating_add_signed(delta)
        .min(len.saturating_sub(1))
}

/// The first row to show so that `cursor` is among `rows` rows starting there.
pub(super) fn keep_in_view(offset: usize, cursor: usize, rows: usize) -> usize {
    if cursor < offset {
        cursor
    } else if cursor >= offset + rows {
        cursor + 1 - rows
    } else {
        offset
    }
}
