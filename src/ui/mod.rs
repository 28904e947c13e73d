//! Drawing: reads the `App` and draws it. Never changes state, reads files or waits.

pub mod adding;
pub mod empty;
pub mod feeds;
pub mod help;
pub mod links;
pub mod list;
pub mod nav;
pub mod picture;
pub mod reader;
pub mod status;
pub mod window;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

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
    match app.window().open() {
        Some(Overlay::Help) => help::draw(frame, frame.area(), app),
        Some(Overlay::Feeds) => feeds::draw(frame, frame.area(), app),
        Some(Overlay::Links) => links::draw(frame, frame.area(), app),
        Some(Overlay::AddFeed) => adding::draw(frame, frame.area(), app),
        None => {}
    }
    // Last: a long message is shown over whatever is above the status line.
    status::draw(frame, panes.status, app);
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
    let focused = app.focus() == pane && app.window().open().is_none();
    let theme = &app.settings().theme;
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

/// `text` cut to `width` columns, with `…` where it was cut. Measured grapheme by grapheme,
/// as the buffer places text, so that a name in Arabic or Urdu (whose letter pairs can take
/// more cells than their string's width says) is cut where the screen needs it.
pub(crate) fn truncate(text: &str, width: usize) -> String {
    if columns(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for grapheme in text.graphemes(true) {
        let w = grapheme.width();
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push_str(grapheme);
    }
    if width == 0 {
        return out;
    }
    // No space before the ellipsis: "Meridian Science…", not "Meridian Science …".
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// `text` in at most `width` columns with its middle taken out (`…` in its place), so that
/// both ends of an address or a message show: where it is from and what it ends with.
pub(crate) fn shorten_middle(text: &str, width: usize) -> String {
    if columns(text) <= width {
        return text.to_string();
    }
    if width < 5 {
        return truncate(text, width);
    }
    let graphemes: Vec<&str> = text.graphemes(true).collect();
    let room = width - 1;
    let (mut head, mut tail) = (room - room / 2, room / 2);
    let mut start = String::new();
    for grapheme in &graphemes {
        let w = grapheme.width();
        if w > head {
            break;
        }
        head -= w;
        start.push_str(grapheme);
    }
    tail += head;
    let mut end: Vec<&str> = Vec::new();
    for grapheme in graphemes.iter().rev() {
        let w = grapheme.width();
        if w > tail {
            break;
        }
        tail -= w;
        end.push(grapheme);
    }
    end.reverse();
    format!("{start}…{}", end.concat())
}

/// `text` cut to its last `width` columns, with `…` where it was cut: what is being typed.
pub(crate) fn truncate_start(text: &str, width: usize) -> String {
    if columns(text) <= width {
        return text.to_string();
    }
    let mut kept: Vec<&str> = Vec::new();
    let mut used = 0;
    for grapheme in text.graphemes(true).rev() {
        let w = grapheme.width();
        if used + w + 1 > width {
            break;
        }
        used += w;
        kept.push(grapheme);
    }
    kept.reverse();
    if width == 0 {
        return String::new();
    }
    format!("…{}", kept.concat())
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
mod tests;
