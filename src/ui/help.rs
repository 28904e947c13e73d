//! The help overlay: every action with the keys in force, from the keymap.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use super::truncate;
use crate::action::Action;
use crate::app::App;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.settings.theme;
    let keymap = &app.settings.keymap;
    let keys_width = Action::ALL
        .iter()
        .map(|&a| unicode_width::UnicodeWidthStr::width(keymap.describe_keys(a).as_str()))
        .max()
        .unwrap_or(0)
        .min(20);
    let mut lines: Vec<Line> = Action::ALL
        .iter()
        .map(|&action| {
            let keys = truncate(&keymap.describe_keys(action), keys_width);
            let pad = keys_width - unicode_width::UnicodeWidthStr::width(keys.as_str());
            Line::from(vec![
                Span::styled(format!("{keys}{}  ", " ".repeat(pad)), theme.accent()),
                Span::raw(action.describe()),
            ])
        })
        .collect();
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        "Mouse: wheel scrolls the pane under the pointer, a click selects,",
        theme.dim(),
    )));
    lines.push(Line::from(Span::styled(
        "a click on the selected article opens it.",
        theme.dim(),
    )));
    lines.push(Line::from(Span::styled(
        "Searching: type, Backspace, ↑↓ move, Enter keeps, Esc cancels.",
        theme.dim(),
    )));

    let width = (area.width.saturating_sub(4)).min(72);
    let height =
        (area.height.saturating_sub(2)).min(u16::try_from(lines.len() + 2).unwrap_or(u16::MAX));
    let [popup] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(popup);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border(true))
        .title(Span::styled(" Keys ", theme.pane_title(true)))
        .title_bottom(Line::from(" any key closes ").right_aligned());
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
