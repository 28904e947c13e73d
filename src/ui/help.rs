//! The help overlay: every action with the keys in force, from the keymap. When the
//! terminal is too short for all of it, the moving keys scroll it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::truncate;
use crate::action::Action;
use crate::app::App;
use crate::keymap::HELP_NOTES;

/// Columns between the two columns of keys on a wide terminal.
const COLUMN_GAP: usize = 3;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.settings.theme;
    let keymap = &app.settings.keymap;
    let keys_width = Action::ALL
        .iter()
        .map(|&a| keymap.describe_keys(a).width())
        .max()
        .unwrap_or(0)
        .min(20);
    let entry = |action: Action| {
        let keys = truncate(&keymap.describe_keys(action), keys_width);
        let pad = keys_width - keys.width();
        let description = action.describe();
        let spans = vec![
            Span::styled(format!("{keys}{}  ", " ".repeat(pad)), theme.accent()),
            Span::raw(description),
        ];
        (spans, keys_width + 2 + description.width())
    };
    let entries: Vec<_> = Action::ALL.iter().map(|&a| entry(a)).collect();
    let column = entries.iter().map(|(_, w)| *w).max().unwrap_or(0);
    // Side by side where the terminal is wide enough, so that the keys fit without scrolling.
    let two_columns = usize::from(area.width) >= 2 * column + COLUMN_GAP + 6;
    let rows = if two_columns {
        entries.len().div_ceil(2)
    } else {
        entries.len()
    };
    let mut lines: Vec<Line> = (0..rows)
        .map(|row| {
            let (mut spans, used) = entries[row].clone();
            if two_columns && let Some((right, _)) = entries.get(row + rows) {
                spans.push(Span::raw(" ".repeat(column - used + COLUMN_GAP)));
                spans.extend(right.iter().cloned());
            }
            Line::from(spans)
        })
        .collect();
    let width = if two_columns {
        2 * column + COLUMN_GAP + 2
    } else {
        72
    };
    lines.push(Line::default());
    lines.extend(
        HELP_NOTES
            .iter()
            .map(|note| Line::from(Span::styled(*note, theme.dim()))),
    );

    let total = lines.len();
    let width = area
        .width
        .saturating_sub(4)
        .min(u16::try_from(width).unwrap_or(u16::MAX));
    let height = area
        .height
        .saturating_sub(2)
        .min(u16::try_from(total + 2).unwrap_or(u16::MAX));
    let popup = super::centered(area, width, height);
    let shown = usize::from(height.saturating_sub(2));
    let scroll = app.overlay_cursor.min(total.saturating_sub(shown));
    let hint = if shown < total {
        " j k scroll · other keys close "
    } else {
        " any key closes "
    };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border(true))
        .title(Span::styled(" Keys ", theme.pane_title(true)))
        .title_bottom(Line::from(hint).right_aligned());
    frame.render_widget(Clear, popup);
    let scroll = u16::try_from(scroll).unwrap_or(u16::MAX);
    frame.render_widget(
        Paragraph::new(lines).block(block).scroll((scroll, 0)),
        popup,
    );
}
