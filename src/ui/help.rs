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
use crate::help::{COLUMN_GAP, HelpLayout, NOTES};

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.settings().theme;
    let keymap = &app.settings().keymap;
    let layout = HelpLayout::new(keymap, area.as_size());
    let keys_width = layout.keys_width;
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
    let rows = layout.rows;
    let mut lines: Vec<Line> = (0..rows)
        .map(|row| {
            let (mut spans, used) = entries[row].clone();
            if layout.two_columns
                && let Some((right, _)) = entries.get(row + rows)
            {
                spans.push(Span::raw(" ".repeat(layout.column - used + COLUMN_GAP)));
                spans.extend(right.iter().cloned());
            }
            Line::from(spans)
        })
        .collect();
    lines.push(Line::default());
    lines.extend(
        NOTES
            .iter()
            .map(|note| Line::from(Span::styled(*note, theme.dim()))),
    );
    let panes = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    let popup = super::centered(panes, layout.width, layout.height);
    let scroll = app.window().cursor().min(layout.last_scroll());
    let hint = if layout.last_scroll() > 0 {
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
