//! The feeds list (`F`: each feed with its articles, last refresh and error) and the links
//! list (`L`: the article's addresses, to open or copy one).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use super::{padded, truncate};
use crate::action::Action;
use crate::app::App;
use crate::dates;
use crate::model::counted;
use crate::model::library::SourceKey;

pub fn draw_feeds(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.settings.theme;
    let mut rows: Vec<Vec<Line>> = Vec::new();
    for feed in &app.feeds {
        let refreshed = match feed.last_refresh {
            Some(time) => format!(
                "refreshed {}",
                dates::relative(time, app.now, app.settings.offset)
            ),
            None => "never refreshed".to_string(),
        };
        let articles = if app.loading_list {
            "… articles".to_string()
        } else {
            let source = app
                .library
                .find_source(&SourceKey::Feed(feed.url.as_str().into()));
            let members = source.map(|id| &app.library.sources()[id].members);
            let (total, unread) = members.map_or((0, 0), |m| (m.total, m.unread));
            format!("{} · {unread} unread", counted(total, "article"))
        };
        let mut lines = vec![
            Line::from(Span::styled(feed.name.clone(), theme.accent())),
            Line::from(Span::styled(
                format!("  {} · {articles} · {refreshed}", feed.url),
                theme.dim(),
            )),
        ];
        if let Some(error) = &feed.error {
            lines.push(Line::from(Span::styled(
                format!("  ✗ {error}"),
                theme.error(),
            )));
        }
        if let Some(note) = &feed.note {
            lines.push(Line::from(Span::styled(format!("  – {note}"), theme.dim())));
        }
        rows.push(lines);
    }
    let empty = "No feeds yet: add one with `tidings feeds add URL` or [[feeds]] in the config.";
    let title = match app.refreshing {
        Some(progress) => format!(" Feeds · refreshing {}/{} ", progress.done, progress.total),
        None => format!(" Feeds · {} ", app.feeds.len()),
    };
    draw_list(
        frame,
        area,
        app,
        &title,
        rows,
        empty,
        " j k move · r refresh · other keys close ",
    );
}

pub fn draw_links(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.settings.theme;
    let has_own = app
        .selected_entry()
        .is_some_and(|e| e.article.url.is_some());
    let rows = app
        .links()
        .into_iter()
        .enumerate()
        .map(|(n, url)| {
            let label = if n == 0 && has_own {
                "  (this article)"
            } else {
                ""
            };
            vec![Line::from(vec![
                Span::styled(format!("{:>2} ", n + 1), theme.accent()),
                Span::raw(url),
                Span::styled(label, theme.dim()),
            ])]
        })
        .collect();
    let read = app.settings.keymap.first_key(Action::FullText);
    let read = if read.is_empty() {
        String::new()
    } else {
        format!(" · {read} read it here")
    };
    let hint = format!(" Enter/o or 1-9 open{read} · y copy · other keys close ");
    draw_list(frame, area, app, " Links ", rows, "No links.", &hint);
}

/// A centred window listing rows of one or more lines, the selected row in reverse video,
/// scrolled so that it shows.
fn draw_list(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    title: &str,
    rows: Vec<Vec<Line>>,
    empty: &str,
    hint: &str,
) {
    let theme = &app.settings.theme;
    let width = area.width.saturating_sub(4).min(100);
    let height = area.height.saturating_sub(2);
    let popup = super::centered(area, width, height);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border(true))
        .title(Span::styled(title.to_string(), theme.pane_title(true)))
        .title_bottom(Line::from(hint.to_string()).right_aligned());
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let inner_width = usize::from(inner.width);
    if rows.is_empty() {
        frame.render_widget(
            Paragraph::new(truncate(empty, inner_width)).style(theme.dim()),
            inner,
        );
        return;
    }
    let selected = app.overlay_cursor.min(rows.len() - 1);
    let first_line_of_selected: usize = rows[..selected].iter().map(Vec::len).sum();
    let last_line_of_selected = first_line_of_selected + rows[selected].len();
    let scroll = last_line_of_selected.saturating_sub(usize::from(inner.height));
    let lines: Vec<Line> = rows
        .into_iter()
        .enumerate()
        .flat_map(|(n, lines)| {
            let style = if n == selected {
                theme.selected(true)
            } else {
                ratatui::style::Style::new()
            };
            lines
                .into_iter()
                .map(move |line| padded(truncated(line, inner_width), inner_width, style))
                .collect::<Vec<_>>()
        })
        .skip(scroll)
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A line cut to `width` columns, span by span.
fn truncated(line: Line<'_>, width: usize) -> Line<'_> {
    let mut room = width;
    let spans = line
        .spans
        .into_iter()
        .map(|span| {
            let text = truncate(&span.content, room);
            room = room.saturating_sub(unicode_width::UnicodeWidthStr::width(text.as_str()));
            Span::styled(text, span.style)
        })
        .collect::<Vec<_>>();
    Line::from(spans)
}
