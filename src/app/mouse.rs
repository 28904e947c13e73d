//! The mouse: the wheel scrolls the pane under the pointer, a click selects, focuses or
//! toggles a feed or tag, a click on the selected article opens it; any click closes a
//! window.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

use super::App;
use crate::focus::Focus;
use crate::layout;

impl App {
    pub(super) fn on_mouse(&mut self, mouse: MouseEvent) {
        if self.window.is_open() {
            if let MouseEventKind::Down(_) = mouse.kind {
                self.window.close();
            }
            return;
        }
        let at = Position::new(mouse.column, mouse.row);
        let panes = self.panes();
        let hit = [
            (Focus::Nav, panes.nav),
            (Focus::List, panes.list),
            (Focus::Reader, panes.reader),
        ]
        .into_iter()
        .find_map(|(pane, rect)| rect.filter(|r| r.contains(at)).map(|r| (pane, r)));
        let Some((pane, rect)) = hit else {
            return;
        };
        let inner = layout::inner(rect);
        // Rows inside the border; a click on the border itself names no row.
        let row = inner.contains(at).then(|| usize::from(at.y - inner.y));
        match mouse.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let step = if pane == Focus::Reader { 3 } else { 1 };
                let down = mouse.kind == MouseEventKind::ScrollDown;
                self.move_in(pane, if down { step } else { -step });
            }
            MouseEventKind::Down(MouseButton::Left) => match (pane, row) {
                (Focus::List, Some(row)) => self.click_list_row(row / 2),
                (Focus::Nav, Some(row)) => self.click_nav_row(row),
                _ => self.screen.focus_on(pane),
            },
            _ => {}
        }
    }

    /// A click on the `row`th article shown: selects it, or opens it if it was selected.
    fn click_list_row(&mut self, row: usize) {
        self.screen.focus_on(Focus::List);
        let rows = self.list_rows();
        if self.list.click(row, rows) {
            self.open();
        }
    }
}
