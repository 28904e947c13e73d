//! The status line: what the list shows on the left; a message or key hints on the right;
//! the search being typed in place of both.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{truncate, truncate_start};
use crate::action::Action;
use crate::app::{App, Progress};

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.settings.theme;
    let width = usize::from(area.width);
    if app.search_before.is_some() {
        let count = format!("  {} found · Enter keep · Esc cancel", app.visible.len());
        let query = truncate_start(&app.filter.search, width.saturating_sub(count.width() + 2));
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
    let (right, right_style) = match &app.status {
        Some(status) if status.is_error => (status.text.clone(), theme.error()),
        Some(status) => (status.text.clone(), ratatui::style::Style::new()),
        None => match (app.refreshing, app.sync_activity()) {
            (Some(progress), _) => (gauge(progress), theme.accent()),
            (None, Some(syncing)) => (syncing, theme.accent()),
            (None, None) if app.loading_list => {
                ("reading the whole cache…".to_string(), theme.accent())
            }
            (None, None) if app.reindexing.is_some() => {
                let percent = app.reindexing.unwrap_or_default().percent();
                (
                    format!("indexing the cache for search… {percent}%"),
                    theme.accent(),
                )
            }
            (None, None) => (hints(app), theme.dim()),
        },
    };
    // A short message (half the line at most) answers the last key, so it keeps its words
    // and what the list shows gives way; a long one (an error naming an address), hints and
    // progress give way to what the list shows.
    let (left, right) = if app.status.is_some() && right.width() <= width / 2 {
        (
            truncate(&shown, width.saturating_sub(right.width() + 3)),
            right,
        )
    } else {
        let left = truncate(&shown, width);
        let right = truncate(&right, width.saturating_sub(left.width() + 3));
        (left, right)
    };
    let gap = width.saturating_sub(left.width() + right.width());
    let line = Line::from(vec![
        Span::styled(left, theme.accent()),
        Span::raw(" ".repeat(gap)),
        Span::styled(right, right_style),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// "Daring Fireball · 12 unread of 48 · tags: china, russia (any) · search: storm": the
/// feeds chosen, the count of the list, the tags chosen, the search.
pub fn shown(app: &App) -> String {
    let mut parts = Vec::new();
    let sources: Vec<&str> = app
        .nav
        .sources
        .iter()
        .filter(|id| app.filter.sources.contains(id))
        .map(|&id| app.library.sources()[id].name.as_str())
        .collect();
    if !sources.is_empty() {
        parts.push(sources.join(", "));
    }
    parts.push(if app.filter.bookmarks_only {
        let unstarred = app.unstarred_shown();
        let bookmarks = crate::model::counted(app.visible.len() - unstarred, "bookmark");
        if unstarred > 0 {
            format!("{bookmarks} · {unstarred} unstarred elsewhere")
        } else {
            bookmarks
        }
    } else if app.filter.unread_only {
        format!("{} unread (only)", app.visible_unread)
    } else {
        format!("{} unread of {}", app.visible_unread, app.visible.len())
    });
    if !app.filter.tags.is_empty() {
        let names: Vec<String> = app
            .nav
            .tags
            .iter()
            .filter(|id| app.filter.tags.contains(id))
            .map(|&id| app.library.tags()[id].tag.as_str().to_lowercase())
            .collect();
        parts.push(format!(
            "tags: {} ({})",
            names.join(", "),
            app.filter.mode.label()
        ));
    }
    if !app.filter.search.trim().is_empty() {
        parts.push(format!("search: {}", app.filter.search.trim()));
    }
    parts.extend(app.offline_text());
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
    let keymap = &app.settings.keymap;
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
