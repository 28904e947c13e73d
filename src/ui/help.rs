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
use crate::keymap::{HELP_LINES, HELP_NOTES};

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.settings.theme;
    let keymap = &app.settings.keymap;
    let keys_width = Action::ALL
        .iter()
        .map(|&a| keymap.describe_keys(a).width())
        .max()
        .unwrap_or(0)
        .min(20);
    let mut lines: Vec<Line> = Action::ALL
        .iter()
        .map(|&action| {
            let keys = truncate(&keymap.describe_keys(action), keys_width);
            let pad = keys_width - keys.width();
            Line::from(vec![
                Span::styled(format!("{keys}{}  ", " ".repeat(pad)), theme.accent()),
                Span::raw(action.describe()),
            ])
        })
        .collect();
    lines.push(Line::default());
    lines.extend(
        HELP_NOTES
            .iter()
            .map(|note| Line::from(Span::styled(*note, theme.dim()))),
    );

    let width = area.width.saturating_sub(4).min(72);
    let height = area
        .height
        .saturating_sub(2)
        .min(u16::try_from(HELP_LINES + 2).unwrap_or(u16::MAX));
    let popup = super::centered(area, width, height);
    let shown = usize::from(height.saturating_sub(2));
    let scroll = app.overlay_cursor.min(HELP_LINES.saturating_sub(shown));
    let hint = if shown < HELP_LINES {
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
