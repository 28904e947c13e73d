//! The article list: two rows an article, only the rows on screen are built.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{columns, highlighted, padded, pane_block, truncate};
use crate::app::App;
use crate::dates;
use crate::focus::Focus;
use crate::model::library::Entry;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let title = if app.list().filter().bookmarks_only {
        "Bookmarks"
    } else if app.list().filter().unread_only {
        "Unread"
    } else {
        "Articles"
    };
    let block = pane_block(title.to_string(), Focus::List, app);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if let Some(reason) = app.why_empty() {
        frame.render_widget(
            Paragraph::new(super::empty::words(app, &reason))
                .style(app.settings().theme.dim())
                .wrap(ratatui::widgets::Wrap { trim: true }),
            inner,
        );
        return;
    }
    let width = usize::from(inner.width);
    let words = app.list().filter().search_words();
    let lines: Vec<Line> = app
        .list()
        .visible()
        .iter()
        .enumerate()
        .skip(app.list().offset())
        .take(app.list_rows())
        .flat_map(|(position, &index)| {
            let entry = app.library().entry(index);
            let selected = position == app.list().selected();
            match app.list().unstarred_at(index) {
                Some(at) => unstarred_row(app, entry, at, selected, width, &words),
                None => row(app, entry, selected, width, &words),
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The two lines of one article: markers and title; source, date and tags.
fn row<'a>(
    app: &App,
    entry: &Entry,
    selected: bool,
    width: usize,
    words: &[String],
) -> [Line<'a>; 2] {
    let theme = &app.settings().theme;
    let article = &entry.article;
    let mark = if entry.bookmarked {
        Span::styled("★", theme.bookmark())
    } else {
        Span::raw(" ")
    };
    let title_style = if entry.is_read() {
        Style::new()
    } else {
        Style::new().add_modifier(Modifier::BOLD)
    };
    let date = article
        .published
        .map(|date| dates::relative(date, app.now(), app.settings().offset));
    let tags: Vec<&str> = article.tags.iter().map(|t| t.as_str()).collect();
    let look = Look {
        mark,
        title_style,
        meta: meta_line(
            &article.source,
            date.as_deref(),
            &tags.join(", "),
            width.saturating_sub(4),
        ),
    };
    lines(app, entry, look, selected, width, words)
}

/// "Source · date · tags" in `room` columns: the tags are cut first, then the source's name
/// is shortened so that the date always shows, however long the name.
fn meta_line(source: &str, date: Option<&str>, tags: &str, room: usize) -> String {
    let Some(date) = date else {
        let line = if tags.is_empty() {
            source.to_string()
        } else {
            format!("{source} · {tags}")
        };
        return truncate(&line, room);
    };
    let date = format!(" · {date}");
    let name_room = room.saturating_sub(columns(&date));
    if columns(source) > name_room {
        return truncate(
            &format!("{}{date}", truncate(source, name_room.max(1))),
            room,
        );
    }
    let line = if tags.is_empty() {
        format!("{source}{date}")
    } else {
        format!("{source}{date} · {tags}")
    };
    truncate(&line, room)
}

/// The two lines of an article un-starred on another device, below the bookmarks: dim, with
/// a hollow star, and when the star went.
fn unstarred_row<'a>(
    app: &App,
    entry: &Entry,
    at: DateTime<Utc>,
    selected: bool,
    width: usize,
    words: &[String],
) -> [Line<'a>; 2] {
    let theme = &app.settings().theme;
    let meta = [
        "unstarred elsewhere".to_string(),
        dates::relative(at, app.now(), app.settings().offset),
        entry.article.source.clone(),
    ];
    let look = Look {
        mark: Span::styled("☆", theme.dim()),
        title_style: theme.dim(),
        meta: meta.join(" · "),
    };
    lines(app, entry, look, selected, width, words)
}

/// What sets one kind of row apart: its mark after the unread dot, its title's style, and
/// the line under the title.
struct Look<'a> {
    mark: Span<'a>,
    title_style: Style,
    meta: String,
}

/// A row's two lines: the selection bar, the unread dot, the mark (`…` while a bookmark is
/// being saved) and the title, with the words searched for highlighted; the meta line dim.
fn lines<'a>(
    app: &App,
    entry: &Entry,
    look: Look<'a>,
    selected: bool,
    width: usize,
    words: &[String],
) -> [Line<'a>; 2] {
    let theme = &app.settings().theme;
    let bar = bar(app, selected);
    let unread = if entry.is_read() {
        Span::raw(" ")
    } else {
        Span::styled("●", theme.unread())
    };
    let mark = if app.list().is_pending(&entry.article.id) {
        Span::styled("…", theme.bookmark())
    } else {
        look.mark
    };
    let title = truncate(&entry.article.title, width.saturating_sub(4));
    let mut first = vec![bar.clone(), unread, mark, Span::raw(" ")];
    first.extend(highlighted(&title, look.title_style, words, theme));
    let meta = truncate(&look.meta, width.saturating_sub(4));
    let second = vec![bar, Span::raw("   "), Span::styled(meta, theme.dim())];
    finish(app, first, second, selected, width)
}

fn bar<'a>(app: &App, selected: bool) -> Span<'a> {
    if selected {
        Span::styled("▌", app.settings().theme.selection_bar())
    } else {
        Span::raw(" ")
    }
}

/// The two lines of a row, padded to the width, in the selection's style when selected.
fn finish<'a>(
    app: &App,
    first: Vec<Span<'a>>,
    second: Vec<Span<'a>>,
    selected: bool,
    width: usize,
) -> [Line<'a>; 2] {
    let style = if selected {
        app.settings().theme.selected(app.focus() == Focus::List)
    } else {
        Style::new()
    };
    [
        padded(Line::from(first), width, style),
        padded(Line::from(second), width, style),
    ]
}
