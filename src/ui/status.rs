//! The status line: what the list shows on the left; a message or key hints on the right;
//! the search being typed in place of both. A message wins over what the list shows; an
//! error longer than the line is shown whole on rows above it until the next key, a notice
//! is shortened in its middle.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::{columns, shorten_middle, truncate, truncate_start};
use crate::action::Action;
use crate::app::{App, Progress, SyncView};
use crate::model::library::SourceKey;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.settings().theme;
    let width = usize::from(area.width);
    if app.list().is_typing_search() {
        let count = match app.list().search_problem() {
            Some(problem) => format!("  {} found · {problem}", app.list().visible().len()),
            None => format!(
                "  {} found · Enter keep · Esc cancel",
                app.list().visible().len()
            ),
        };
        // The text typed keeps at least half the line: what it is missing gives way first.
        let search = &app.list().filter().search;
        let kept = columns(search).min(width / 2);
        let count = truncate(&count, width.saturating_sub(kept + 2));
        let query = truncate_start(search, width.saturating_sub(columns(&count) + 2));
        let line = Line::from(vec![
            Span::styled("/", theme.accent().add_modifier(Modifier::BOLD)),
            Span::raw(query),
            Span::styled("▏", theme.accent()),
            Span::styled(count, theme.dim()),
        ]);
        frame.render_widget(Paragraph::new(line), area);
        return;
    }
    let shown = shown(app);
    if let Some(status) = app.status() {
        let style = if status.is_error {
            theme.error()
        } else {
            Style::new()
        };
        draw_message(frame, area, app, &shown, &status.text, style);
        return;
    }
    let hinting = app.feeds().refreshing().is_none()
        && app.sync().and_then(SyncView::activity).is_none()
        && !app.jobs().loading_list()
        && app.jobs().reindexing().is_none();
    let (right, right_style) = match (
        app.feeds().refreshing(),
        app.sync().and_then(SyncView::activity),
    ) {
        (Some(progress), _) => (gauge(progress), theme.accent()),
        (None, Some(syncing)) => (syncing, theme.accent()),
        (None, None) if app.jobs().loading_list() => {
            ("reading the whole cache…".to_string(), theme.accent())
        }
        (None, None) if app.jobs().reindexing().is_some() => {
            let percent = app.jobs().reindexing().unwrap_or_default().percent();
            (
                format!("indexing the cache for search… {percent}%"),
                theme.accent(),
            )
        }
        (None, None) if on_samples(app) => {
            // How to add feeds matters more than the count of the samples: it keeps its
            // words, as many of them as fit, and the count shows if there is room.
            let right = SAMPLES_HINTS
                .iter()
                .find(|hint| columns(hint) <= width)
                .map_or_else(
                    || truncate(SAMPLES_HINTS[3], width),
                    |hint| (*hint).to_string(),
                );
            let room = width.saturating_sub(columns(&right) + 3);
            let left = if columns(&shown) <= room {
                shown
            } else {
                String::new()
            };
            frame.render_widget(
                Paragraph::new(spread(app, left, right, theme.dim(), width)),
                area,
            );
            return;
        }
        (None, None) => (hints(app), theme.dim()),
    };
    // Hints and progress give way to what the list shows; hints go whole, or not at all.
    let left = truncate(&shown, width);
    let room = width.saturating_sub(columns(&left) + 3);
    let right = if hinting {
        whole_pieces(&right, room)
    } else {
        truncate(&right, room)
    };
    frame.render_widget(
        Paragraph::new(spread(app, left, right, right_style, width)),
        area,
    );
}

/// As many of the " · "-separated pieces of `text` as fit in `width` columns, whole.
fn whole_pieces(text: &str, width: usize) -> String {
    let mut out = String::new();
    for piece in text.split(" · ") {
        let more = if out.is_empty() { 0 } else { 3 };
        if columns(&out) + more + columns(piece) > width {
            break;
        }
        if !out.is_empty() {
            out.push_str(" · ");
        }
        out.push_str(piece);
    }
    out
}

/// What the samples screen says in place of the key hints, the longest that fits.
const SAMPLES_HINTS: [&str; 4] = [
    "add feeds: tidings feeds add URL · tidings import-opml FILE · ? help",
    "add feeds: tidings feeds add URL · tidings import-opml FILE",
    "tidings feeds add URL · tidings import-opml FILE",
    "tidings feeds add URL",
];

/// The run shows the bundled samples, with no feed and no sync server: the status line says
/// how to add feeds.
fn on_samples(app: &App) -> bool {
    app.feeds().is_empty()
        && app.sync().is_none()
        && app.library().find_source(&SourceKey::Samples).is_some()
}

/// `left` in the accent colour at the start of the line, `right` at its end.
fn spread<'a>(app: &App, left: String, right: String, style: Style, width: usize) -> Line<'a> {
    let gap = width.saturating_sub(columns(&left) + columns(&right));
    Line::from(vec![
        Span::styled(left, app.settings().theme.accent()),
        Span::raw(" ".repeat(gap)),
        Span::styled(right, style),
    ])
}

/// A message wins over what the list shows: the summary keeps only the room the message
/// leaves (none, if it would be cut to a stub). A notice longer than the line is shortened
/// in its middle (it is mostly an address or a title); an error longer than the line is
/// shown whole, wrapped on rows over the foot of the panes under a rule, until the next key
/// (shortened in its middle too on a terminal too short for that).
fn draw_message(frame: &mut Frame, area: Rect, app: &App, shown: &str, text: &str, style: Style) {
    let width = usize::from(area.width);
    let is_error = app.status().is_some_and(|status| status.is_error);
    if columns(text) <= width || !is_error {
        let text = shorten_middle(text, width);
        let room = width.saturating_sub(columns(&text) + 3);
        let left = if columns(shown) <= room || room >= 12 {
            truncate(shown, room)
        } else {
            String::new()
        };
        let line = spread(app, left, text, style, width);
        frame.render_widget(Paragraph::new(line), area);
        return;
    }
    let lines: Vec<String> = textwrap::wrap(text, textwrap::Options::new(width).break_words(true))
        .into_iter()
        .map(std::borrow::Cow::into_owned)
        .collect();
    let rows = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    // The rows above the status line it may take: a third of the screen at most.
    let room = frame.area().height / 3;
    if rows + 1 > room || rows > area.y {
        let line = Line::from(Span::styled(shorten_middle(text, width), style));
        frame.render_widget(Paragraph::new(line), area);
        return;
    }
    let block_area = Rect {
        y: area.y - rows,
        height: rows + 1,
        ..area
    };
    let block = Block::new()
        .borders(Borders::TOP)
        .border_style(app.settings().theme.dim());
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|line| Line::from(Span::styled(line, style)))
        .collect();
    frame.render_widget(Clear, block_area);
    frame.render_widget(Paragraph::new(lines).block(block), block_area);
}

/// "Daring Fireball · 12 unread of 48 · tags: china, russia (any) · search: storm": the
/// saved queries and feeds chosen, the count of the list, the tags chosen, the search.
pub fn shown(app: &App) -> String {
    let mut parts = Vec::new();
    let queries: Vec<&str> = (app.list().filter().queries.iter())
        .map(|&query| app.queries().name(query))
        .collect();
    let sources: Vec<&str> = app
        .nav()
        .sources()
        .iter()
        .filter(|id| app.list().filter().sources.contains(id))
        .map(|&id| app.library().sources()[id].name.as_str())
        .collect();
    let chosen: Vec<&str> = queries.into_iter().chain(sources).collect();
    if !chosen.is_empty() {
        parts.push(chosen.join(", "));
    }
    parts.push(if app.list().filter().bookmarks_only {
        let unstarred = app.list().unstarred_shown();
        let bookmarks = crate::model::counted(app.list().visible().len() - unstarred, "bookmark");
        if unstarred > 0 {
            format!("{bookmarks} · {unstarred} unstarred elsewhere")
        } else {
            bookmarks
        }
    } else if app.list().filter().unread_only {
        format!("{} unread (only)", app.list().unread())
    } else {
        format!(
            "{} unread of {}",
            app.list().unread(),
            app.list().visible().len()
        )
    });
    if !app.list().filter().tags.is_empty() {
        let names: Vec<String> = app
            .nav()
            .tags()
            .iter()
            .filter(|id| app.list().filter().tags.contains(id))
            .map(|&id| app.library().tags()[id].tag.as_str().to_lowercase())
            .collect();
        parts.push(format!(
            "tags: {} ({})",
            names.join(", "),
            app.list().filter().mode.label()
        ));
    }
    if !app.list().filter().search.trim().is_empty() {
        parts.push(format!("search: {}", app.list().filter().search.trim()));
    }
    parts.extend(app.sync().and_then(SyncView::offline_text));
    parts.join(" · ")
}

/// "refreshing 5/23 ▰▰▰▱▱▱▱▱▱▱".
fn gauge(progress: Progress) -> String {
    const CELLS: usize = 10;
    let filled = (progress.done * CELLS)
        .checked_div(progress.total)
        .unwrap_or(0)
        .min(CELLS);
    format!(
        "refreshing {}/{} {}{}",
        progress.done,
        progress.total,
        "▰".repeat(filled),
        "▱".repeat(CELLS - filled)
    )
}

fn hints(app: &App) -> String {
    let keymap = &app.settings().keymap;
    [
        (Action::Help, "help"),
        (Action::Search, "search"),
        (Action::FocusNav, "feeds"),
        (Action::UnreadOnly, "unread"),
        (Action::ToggleBookmark, "bookmark"),
        (Action::Quit, "quit"),
    ]
    .iter()
    .filter_map(|&(action, word)| {
        let key = keymap.first_key(action);
        (!key.is_empty()).then(|| format!("{key} {word}"))
    })
    .collect::<Vec<_>>()
    .join(" · ")
}
