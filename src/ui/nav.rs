//! The navigation pane: the saved queries (when there are any), the feeds (with local
//! articles and the samples), then the tags, each row with its unread and total counts; selected rows are ticked, rows with unread articles
//! stand out and read-out rows are dim.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{columns, padded, pane_block, truncate};
use crate::action::Action;
use crate::app::{App, NavItem, NavRow};
use crate::focus::Focus;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let block = pane_block("Feeds & tags".to_string(), Focus::Nav, app);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let lines: Vec<Line> = (app.nav().offset()..)
        .take(usize::from(inner.height))
        .map_while(|row| app.nav().row(row))
        .map(|row| line(app, row, width))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn line<'a>(app: &App, row: NavRow, width: usize) -> Line<'a> {
    let theme = &app.settings().theme;
    let heading = theme.accent().add_modifier(Modifier::BOLD);
    match row {
        NavRow::QueriesHeading => Line::from(Span::styled(truncate("Queries", width), heading)),
        NavRow::SourcesHeading => {
            let all = app.library().unread_count();
            let counts = counts(app, all, app.library().source_count());
            spread("Feeds", counts, width, heading, theme.dim())
        }
        NavRow::TagsHeading => {
            let key = app.settings().keymap.first_key(Action::ToggleTagMode);
            let mode = app.list().filter().mode.label();
            let text = if key.is_empty() {
                format!("Tags · {mode}")
            } else {
                format!("Tags · {mode} ({key})")
            };
            Line::from(Span::styled(truncate(&text, width), heading))
        }
        NavRow::Gap => Line::default(),
        NavRow::Nothing => Line::from(Span::styled(" none", theme.dim())),
        NavRow::Item(position, item) => {
            let (name, counts, chosen) = match item {
                NavItem::Query(query) => (
                    app.queries().name(query),
                    app.queries().counts(query),
                    app.list().filter().queries.contains(&query),
                ),
                NavItem::Source(id) => {
                    let source = &app.library().sources()[id];
                    (
                        source.name.as_str(),
                        (source.members.unread, source.members.total),
                        app.list().filter().sources.contains(&id),
                    )
                }
                NavItem::Tag(id) => {
                    let tag = &app.library().tags()[id];
                    (
                        tag.tag.as_str(),
                        (tag.members.unread, tag.members.total),
                        app.list().filter().tags.contains(&id),
                    )
                }
            };
            item_line(
                app,
                name,
                counts,
                chosen,
                position == app.nav().cursor(),
                width,
            )
        }
    }
}

/// One query, feed or tag: a tick if it is selected, its name, its unread and total counts
/// at the right.
fn item_line<'a>(
    app: &App,
    name: &str,
    (unread, total): (usize, usize),
    chosen: bool,
    under_cursor: bool,
    width: usize,
) -> Line<'a> {
    let theme = &app.settings().theme;
    let text = if unread > 0 {
        Style::new().add_modifier(Modifier::BOLD)
    } else {
        theme.dim()
    };
    let tick = if chosen {
        Span::styled("✓", theme.accent().add_modifier(Modifier::BOLD))
    } else {
        Span::raw(" ")
    };
    let counts = counts(app, unread, total);
    let mut line = spread(name, counts, width.saturating_sub(1), text, theme.dim());
    line.spans.insert(0, tick);
    let style = if under_cursor {
        theme.selected(app.focus() == Focus::Nav)
    } else {
        Style::new()
    };
    padded(line, width, style)
}

/// "12/48"; "…" while the counts are over the newest articles only.
fn counts(app: &App, unread: usize, total: usize) -> String {
    if app.jobs().loading_list() {
        "…".to_string()
    } else {
        format!("{unread}/{total}")
    }
}

/// `left` cut to leave room for `right`, which ends at the last column.
fn spread<'a>(
    left: &str,
    right: String,
    width: usize,
    left_style: Style,
    right_style: Style,
) -> Line<'a> {
    let left = truncate(left, width.saturating_sub(right.width() + 1));
    let gap = width.saturating_sub(columns(&left) + right.width());
    Line::from(vec![
        Span::styled(left, left_style),
        Span::raw(" ".repeat(gap)),
        Span::styled(right, right_style),
    ])
}
