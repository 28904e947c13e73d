//! The help: its notes and where it goes for a terminal size, a pure function of the keymap
//! and the size, so that the app scrolls it exactly as far as the drawing shows it.

use ratatui::layout::Size;
use unicode_width::UnicodeWidthStr;

use crate::action::Action;
use crate::keymap::Keymap;

/// What the help says below the keys.
pub const NOTES: [&str; 8] = [
    "Add feeds in a shell: tidings feeds add URL",
    "or tidings import-opml FILE.",
    "Saved queries head the pane: tidings queries add NAME 'is:unread tag:rust'",
    "(title: author: tag: feed: link: is: age<3d; NOT before AND before OR).",
    "Space at the end of an article goes on to the next unread one.",
    "Mouse: the wheel scrolls the pane under the pointer, a click selects,",
    "a click on the selected article opens it.",
    "Searching: type, Backspace, ↑↓ move, Enter keeps, Esc cancels.",
];

/// Columns between the two columns of keys on a wide terminal.
pub const COLUMN_GAP: usize = 3;

/// The help as laid out for one terminal size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HelpLayout {
    /// The widest keys, as the keys column shows them (at most 20 columns).
    pub keys_width: usize,
    /// The width of one column of keys and descriptions.
    pub column: usize,
    /// The actions side by side in two columns: where the terminal is wide enough, so that
    /// the keys fit without scrolling.
    pub two_columns: bool,
    /// Rows of actions.
    pub rows: usize,
    /// Lines in all: the actions, a blank line, the notes.
    pub lines: usize,
    /// The window's size, borders included.
    pub width: u16,
    pub height: u16,
}

impl HelpLayout {
    pub fn new(keymap: &Keymap, area: Size) -> Self {
        let keys_width = Action::ALL
            .iter()
            .map(|&a| keymap.describe_keys(a).width())
            .max()
            .unwrap_or(0)
            .min(20);
        let column = Action::ALL
            .iter()
            .map(|a| keys_width + 2 + a.describe().width())
            .max()
            .unwrap_or(0);
        let two_columns = usize::from(area.width) >= 2 * column + COLUMN_GAP + 6;
        let rows = if two_columns {
            Action::ALL.len().div_ceil(2)
        } else {
            Action::ALL.len()
        };
        let lines = rows + 1 + NOTES.len();
        let wanted = if two_columns {
            2 * column + COLUMN_GAP + 2
        } else {
            72
        };
        let clamp = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
        Self {
            keys_width,
            column,
            two_columns,
            rows,
            lines,
            width: area.width.saturating_sub(4).min(clamp(wanted)),
            // Clear of the panes' borders and the status line, as every window is.
            height: area.height.saturating_sub(3).min(clamp(lines + 2)),
        }
    }

    /// Lines shown at once, inside the borders.
    pub fn shown(&self) -> usize {
        usize::from(self.height.saturating_sub(2))
    }

    /// The first line shown when scrolled as far as it goes.
    pub fn last_scroll(&self) -> usize {
        self.lines.saturating_sub(self.shown())
    }
}

#[cfg(test)]
#[path = "help_tests.rs"]
mod tests;
