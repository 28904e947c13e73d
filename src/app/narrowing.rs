//! Narrowing the list from the navigation pane: Space (or a click) chooses the feed or tag
//! under the cursor, or no longer; Enter shows only it.

use super::App;
use crate::focus::Focus;

impl App {
    /// Chooses the item under the cursor, a source or a tag, or no longer.
    pub(super) fn toggle_nav_item(&mut self) {
        if let Some(item) = self.nav.under_cursor() {
            let now = self.now();
            self.list.toggle_item(item, &self.library, now);
        }
    }

    /// Shows only the item under the cursor, and goes to the list.
    pub(super) fn show_only_nav_item(&mut self) {
        if let Some(item) = self.nav.under_cursor() {
            let now = self.now();
            self.list.show_only(item, &self.library, now);
            self.screen.focus_on(Focus::List);
        }
    }

    /// A click on a row of the pane: the item there is chosen, or no longer.
    pub(super) fn click_nav_row(&mut self, row: usize) {
        self.screen.focus_on(Focus::Nav);
        if row < self.nav_rows() && self.nav.click(row).is_some() {
            self.toggle_nav_item();
        }
    }
}
