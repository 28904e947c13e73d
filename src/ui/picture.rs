//! Pictures in the reading pane: each ready picture painted into its room with half blocks
//! (`▀`: the upper pixel in the foreground colour, the lower in the background colour), or
//! a one-line note in the room while it loads or when it cannot be shown. Only cells the app
//! already holds are painted: nothing here fetches, decodes or waits.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};

use super::truncate;
use crate::app::{Pictures, Shown};
use crate::model::wrap::{Slot, Wrapped};
use crate::picture::Cell;
use crate::theme::Theme;

/// Paints the pictures of `wrapped` that show in `area` when its first line is `scroll`.
pub fn draw(
    buf: &mut Buffer,
    area: Rect,
    wrapped: &Wrapped,
    scroll: usize,
    pictures: &Pictures,
    theme: &Theme,
) {
    let shown = scroll..scroll + usize::from(area.height);
    let row_of = |line: usize| {
        shown
            .contains(&line)
            .then(|| area.y + u16::try_from(line - scroll).unwrap_or(u16::MAX))
    };
    for slot in &wrapped.pictures {
        if slot.lines().end <= shown.start || slot.line >= shown.end {
            continue;
        }
        let middle = slot.line + usize::from(slot.room.rows.saturating_sub(1)) / 2;
        match pictures.shown(slot) {
            Shown::Ready(cells) => {
                let above = usize::from(slot.room.rows.saturating_sub(cells.rows)) / 2;
                for row in 0..cells.rows {
                    let Some(y) = row_of(slot.line + above + usize::from(row)) else {
                        continue;
                    };
                    for (x, cell) in (area.x..area.right()).zip(cells.row(row)) {
                        paint(buf, x, y, *cell);
                    }
                }
            }
            Shown::Failed(note) => {
                if let Some(y) = row_of(middle) {
                    note_line(buf, area, y, &format!("[picture not shown: {note}]"), theme);
                }
            }
            Shown::Loading => {
                if let Some(y) = row_of(middle) {
                    note_line(buf, area, y, &loading(slot), theme);
                }
            }
        }
    }
}

fn loading(slot: &Slot) -> String {
    if slot.room.rows > 1 {
        "[picture loading…]".to_string()
    } else {
        "[picture]".to_string()
    }
}

fn note_line(buf: &mut Buffer, area: Rect, y: u16, text: &str, theme: &Theme) {
    let text = truncate(text, usize::from(area.width));
    buf.set_string(area.x, y, text, theme.dim());
}

fn paint(buf: &mut Buffer, x: u16, y: u16, cell: Cell) {
    let Some(target) = buf.cell_mut((x, y)) else {
        return;
    };
    match (cell.top, cell.bottom) {
        (Color::Reset, Color::Reset) => {}
        (Color::Reset, bottom) => {
            target
                .set_symbol("▄")
                .set_style(Style::new().fg(bottom).bg(Color::Reset));
        }
        (top, bottom) => {
            target
                .set_symbol("▀")
                .set_style(Style::new().fg(top).bg(bottom));
        }
    }
}
