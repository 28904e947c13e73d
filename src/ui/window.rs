//! A window over the panes listing rows of one or more lines (the feeds, the links): placed
//! on rows of its own, clear of the panes' borders and the status line, with its key hints in
//! its bottom border, or on lines of their own inside it when the border is too short for
//! them, so that no hint is ever cut.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use super::{columns, padded, truncate};
use crate::app::App;

/// What a window shows.
pub struct Listing<'a> {
    pub title: String,
    /// Each row's lines; the selected row is drawn in reverse video.
    pub rows: Vec<Vec<Line<'a>>>,
    /// What is said when there are no rows.
    pub empty: &'a str,
    /// The key hints, each whole ("j k move", "r refresh").
    pub hints: Vec<String>,
}

/// Where a window goes: inside the panes' area (above the status line), one row clear of
/// their top and bottom borders, two columns clear of their sides, at most 100 wide.
pub fn area_for(area: Rect) -> Rect {
    let panes = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    let width = area.width.saturating_sub(4).min(100);
    super::centered(panes, width, panes.height.saturating_sub(2))
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, listing: Listing) {
    let theme = &app.settings().theme;
    let popup = area_for(area);
    let inner_width = usize::from(popup.width.saturating_sub(2));
    let hint = format!(" {} ", listing.hints.join(" · "));
    let hints_in_border = columns(&hint) <= inner_width;
    let mut block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border(true))
        .title(Span::styled(
            truncate(&listing.title, inner_width),
            theme.pane_title(true),
        ));
    if hints_in_border {
        block = block.title_bottom(Line::from(hint).right_aligned());
    }
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let hint_lines = if hints_in_border {
        Vec::new()
    } else {
        pieces_in_lines(&listing.hints, inner_width)
    };
    let hint_rows = u16::try_from(hint_lines.len()).unwrap_or(u16::MAX);
    let [list, hints] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(hint_rows)]).areas(inner);
    let hint_lines: Vec<Line> = hint_lines
        .into_iter()
        .map(|line| Line::from(Span::styled(line, theme.dim())))
        .collect();
    frame.render_widget(Paragraph::new(hint_lines), hints);
    draw_rows(frame, list, app, listing.rows, listing.empty);
}

/// The rows, the selected one in reverse video and scrolled into view.
fn draw_rows(frame: &mut Frame, area: Rect, app: &App, rows: Vec<Vec<Line>>, empty: &str) {
    let theme = &app.settings().theme;
    let width = usize::from(area.width);
    if rows.is_empty() {
        frame.render_widget(
            Paragraph::new(truncate(empty, width)).style(theme.dim()),
            area,
        );
        return;
    }
    let selected = app.window().cursor().min(rows.len() - 1);
    let first_line_of_selected: usize = rows[..selected].iter().map(Vec::len).sum();
    let last_line_of_selected = first_line_of_selected + rows[selected].len();
    let scroll = last_line_of_selected.saturating_sub(usize::from(area.height));
    let lines: Vec<Line> = rows
        .into_iter()
        .enumerate()
        .flat_map(|(n, lines)| {
            let style = if n == selected {
                theme.selected(true)
            } else {
                Style::new()
            };
            lines
                .into_iter()
                .map(move |line| padded(truncated(line, width), width, style))
                .collect::<Vec<_>>()
        })
        .skip(scroll)
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// Pieces joined with " · " into as few lines of `width` columns as they fill, each piece
/// whole on one line (cut only if it is wider than a line by itself).
pub fn pieces_in_lines(pieces: &[String], width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for piece in pieces {
        match lines.last_mut() {
            Some(line) if columns(line) + 3 + columns(piece) <= width => {
                line.push_str(" · ");
                line.push_str(piece);
            }
            _ => lines.push(truncate(piece, width)),
        }
    }
    lines
}

/// A line cut to `width` columns, span by span.
fn truncated(line: Line<'_>, width: usize) -> Line<'_> {
    let mut room = width;
    let spans = line
        .spans
        .into_iter()
        .map(|span| {
            let text = truncate(&span.content, room);
            room = room.saturating_sub(columns(&text));
            Span::styled(text, span.style)
        })
        .collect::<Vec<_>>();
    Line::from(spans)
}

#[cfg(test)]
#[path = "window_tests.rs"]
mod tests;
