//! Drawing: reads the `App` and draws it. Never changes state, reads files or waits.

pub mod feeds;
pub mod help;
pub mod list;
pub mod nav;
pub mod picture;
pub mod reader;
pub mod status;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::app::{App, Overlay};
use crate::focus::Focus;
use crate::layout::{Fit, MIN_HEIGHT, MIN_WIDTH};
use crate::model::filter::find_matches;
use crate::theme::Theme;

pub fn draw(frame: &mut Frame, app: &App) {
    let panes = app.panes();
    if panes.fit == Fit::TooSmall {
        draw_too_small(frame, frame.area());
        return;
    }
    if let Some(area) = panes.nav {
        nav::draw(frame, area, app);
    }
    if let Some(area) = panes.list {
        list::draw(frame, area, app);
    }
    if let Some(area) = panes.reader {
        reader::draw(frame, area, app);
    }
    status::draw(frame, panes.status, app);
    match app.overlay {
        Some(Overlay::Help) => help::draw(frame, frame.area(), app),
        Some(Overlay::Feeds) => feeds::draw_feeds(frame, frame.area(), app),
        Some(Overlay::Links) => feeds::draw_links(frame, frame.area(), app),
        None => {}
    }
}

fn draw_too_small(frame: &mut Frame, area: Rect) {
    let notice = format!(
        "tidings needs a terminal of at least {MIN_WIDTH}×{MIN_HEIGHT}; this one is {}×{}",
        area.width, area.height
    );
    let paragraph = Paragraph::new(notice)
        .wrap(Wrap { trim: true })
        .alignment(Alignment::Center);
    frame.render_widget(paragraph, area);
}

/// A pane's frame: rounded border, its name, accent colour when it has the focus.
pub(crate) fn pane_block<'a>(title: String, pane: Focus, app: &App) -> Block<'a> {
    let focused = app.focus == pane && app.overlay.is_none();
    let theme = &app.settings.theme;
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border(focused))
        .title(Span::styled(
            format!(" {title} "),
            theme.pane_title(focused),
        ))
}

/// A rectangle of at most `width`×`height` in the middle of `area`, for a window.
pub(crate) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [column] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(area);
    let [middle] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(column);
    middle
}

/// `text` cut to `width` columns, with `…` where it was cut.
pub(crate) fn truncate(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            while used + 1 > width {
                match out.pop() {
                    Some(last) => used -= last.width().unwrap_or(0),
                    None => return out,
                }
            }
            out.push('…');
            return out;
        }
        used += w;
        out.push(c);
    }
    out
}

/// `text` cut to its last `width` columns, with `…` where it was cut: what is being typed.
pub(crate) fn truncate_start(text: &str, width: usize) -> String {
    let reversed: String = text.chars().rev().collect();
    truncate(&reversed, width).chars().rev().collect()
}

/// Splits `text` into spans of `style`, with search matches in the match style.
pub(crate) fn highlighted<'a>(
    text: &str,
    style: ratatui::style::Style,
    words: &[String],
    theme: &Theme,
) -> Vec<Span<'a>> {
    let mut spans = Vec::new();
    let mut at = 0;
    for range in find_matches(text, words) {
        if range.start > at {
            spans.push(Span::styled(text[at..range.start].to_string(), style));
        }
        spans.push(Span::styled(
            text[range.clone()].to_string(),
            style.patch(theme.search_match()),
        ));
        at = range.end;
    }
    if at < text.len() {
        spans.push(Span::styled(text[at..].to_string(), style));
    }
    spans
}

/// The columns `text` takes on screen, grapheme by grapheme as the buffer places it. This can
/// differ from the width of the whole string: a lam-alef pair in Arabic counts as one
/// column there, but its two letters take a cell each.
pub(crate) fn columns(text: &str) -> usize {
    text.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// A line of `width` columns: `line` padded with spaces in `style`, so a selection fills the row.
pub(crate) fn padded<'a>(
    mut line: Line<'a>,
    width: usize,
    style: ratatui::style::Style,
) -> Line<'a> {
    let used: usize = line.spans.iter().map(|span| columns(&span.content)).sum();
    if used < width {
        line.spans
            .push(Span::styled(" ".repeat(width - used), style));
    }
    line.style = style;
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_counts_columns() {
        assert_eq!(truncate("hello", 10), "hello");
        assert_eq!(truncate("hello world", 6), "hello…");
        assert_eq!(truncate("東京の朝", 5), "東京…");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(truncate_start("the weather today", 8), "…r today");
        assert_eq!(truncate_start("short", 8), "short");
        assert_eq!(columns("الأخبار"), 7, "lam-alef takes two cells");
        assert_eq!(columns("👩‍🔬 ok"), 5);
    }
}
