//! The tag filter: the match mode, then every tag with its article count and whether it is
//! selected.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{padded, pane_block, truncate};
use crate::action::Action;
use crate::app::App;
use crate::layout::Focus;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.settings.theme;
    let block = pane_block("Tags".to_string(), Focus::Nav, app);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let mode_key = app.settings.keymap.first_key(Action::ToggleTagMode);
    let mode = format!(
        "match {} ({mode_key})",
        app.filter.mode.label().to_uppercase()
    );
    let selected = match app.filter.tags.len() {
        0 => "none selected".to_string(),
        n => format!("{n} selected"),
    };
    let mut lines = vec![
        Line::from(Span::styled(truncate(&mode, width), theme.accent())),
        Line::from(Span::styled(truncate(&selected, width), theme.dim())),
    ];
    let rows = usize::from(inner.height).saturating_sub(2);
    for (position, &tag) in app
        .tag_order
        .iter()
        .enumerate()
        .skip(app.tag_offset)
        .take(rows)
    {
        let info = &app.library.tags()[tag];
        let checked = app.filter.tags.contains(&tag);
        // Counted over the newest articles only, until the whole list is read.
        let count = if app.loading_list {
            "…".to_string()
        } else {
            info.count.to_string()
        };
        let count_width = unicode_width::UnicodeWidthStr::width(count.as_str());
        let name_width = width.saturating_sub(count_width + 5);
        let name = truncate(info.tag.as_str(), name_width);
        let gap = width
            .saturating_sub(4 + unicode_width::UnicodeWidthStr::width(name.as_str()) + count_width);
        let line = Line::from(vec![
            Span::styled(
                if checked { "[x] " } else { "[ ] " },
                if checked { theme.accent() } else { theme.dim() },
            ),
            Span::raw(name),
            Span::raw(" ".repeat(gap)),
            Span::styled(count, theme.dim()),
        ]);
        let style = if position == app.tag_cursor {
            theme.selected(app.focus == Focus::Nav)
        } else {
            ratatui::style::Style::new()
        };
        lines.push(padded(line, width, style));
    }
    if app.tag_order.is_empty() {
        lines.push(Line::from(Span::styled("No tags.", theme.dim())));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
