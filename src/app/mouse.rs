//! The mouse: the wheel scrolls the pane under the pointer, a click selects, focuses or
//! toggles a feed or tag, a click on the selected article opens it.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

use super::{App, Focus};
use crate::layout;

impl App {
    pub(super) fn on_mouse(&mut self, mouse: MouseEvent) {
        if self.overlay.is_some() {
            if let MouseEventKind::Down(_) = mouse.kind {
                self.overlay = None;
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
                let focus = std::mem::replace(&mut self.focus, pane);
                self.move_by(if mouse.kind == MouseEventKind::ScrollDown {
                    step
                } else {
                    -step
                });
                self.focus = focus;
            }
            MouseEventKind::Down(MouseButton::Left) => match (pane, row) {
                (Focus::List, Some(row)) => self.click_list_row(row / 2),
                (Focus::Nav, Some(row)) => self.click_nav_row(row),
                _ => self.focus = pane,
            },
            _ => {}
        }
    }

    fn click_list_row(&mut self, row: usize) {
        let clicked = self.list_offset + row;
        self.focus = Focus::List;
        if row >= self.list_rows() || clicked >= self.visible.len() {
            return;
        }
        if clicked == self.selected {
            self.open();
        } else {
            self.selected = clicked;
        }
    }
}
