//! The feeds list (`F`): each feed by name, as the navigation pane orders them, with its
//! address, its articles, when it was last read and, in words, why its last refresh failed.
//! On a narrow terminal the address goes on a line of its own, shortened in its middle, and
//! the rest wraps: nothing is cut.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::window::{self, Listing, pieces_in_lines};
use super::{columns, shorten_middle, truncate};
use crate::action::Action;
use crate::app::{App, FeedStatus};
use crate::dates;
use crate::model::counted;
use crate::model::library::SourceKey;

/// Columns a feed's lines are indented under its name.
const INDENT: &str = "  ";

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let width = usize::from(window::area_for(area).width.saturating_sub(2));
    let rows = app
        .feeds()
        .statuses()
        .iter()
        .map(|feed| lines(app, feed, width))
        .collect();
    let title = match app.feeds().refreshing() {
        Some(progress) => format!(" Feeds · refreshing {}/{} ", progress.done, progress.total),
        None => format!(" Feeds · {} ", app.feeds().len()),
    };
    let keymap = &app.settings().keymap;
    let mut hints = Vec::new();
    let (down, up) = (
        keymap.first_key(Action::MoveDown),
        keymap.first_key(Action::MoveUp),
    );
    if !down.is_empty() && !up.is_empty() {
        hints.push(format!("{down} {up} move"));
    }
    let refresh = keymap.first_key(Action::Refresh);
    if !refresh.is_empty() {
        hints.push(format!("{refresh} refresh"));
    }
    hints.push("other keys close".to_string());
    let listing = Listing {
        title,
        rows,
        empty: "No feeds yet: add one with `tidings feeds add URL` or [[feeds]] in the config.",
        hints,
    };
    window::draw(frame, area, app, listing);
}

/// A feed's lines in `width` columns: its name; its address and facts (on one line when they
/// fit, else the address alone, shortened in its middle, and the facts below); then why its
/// last refresh failed, or why it was left alone.
fn lines<'a>(app: &App, feed: &FeedStatus, width: usize) -> Vec<Line<'a>> {
    let theme = &app.settings().theme;
    let room = width.saturating_sub(INDENT.len());
    let mut lines = vec![Line::from(Span::styled(
        truncate(&feed.name, width),
        theme.accent(),
    ))];
    let facts = facts(app, feed);
    let together = format!("{} · {}", feed.url, facts.join(" · "));
    let dim = |text: String| Line::from(Span::styled(format!("{INDENT}{text}"), theme.dim()));
    if feed.name == feed.url {
        // Named by its address alone, which its first line shows whole or shortened.
        lines[0] = Line::from(Span::styled(
            shorten_middle(&feed.url, width),
            theme.accent(),
        ));
        lines.extend(pieces_in_lines(&facts, room).into_iter().map(dim));
    } else if columns(&together) <= room {
        lines.push(dim(together));
    } else {
        lines.push(dim(shorten_middle(&feed.url, room)));
        lines.extend(pieces_in_lines(&facts, room).into_iter().map(dim));
    }
    let (mark, text, style) = match (&feed.error, &feed.note) {
        (Some(error), _) => {
            let tried = feed.last_checked.map(|time| {
                format!(
                    "last tried {} · ",
                    dates::relative(time, app.now(), app.settings().offset)
                )
            });
            (
                "✗ ",
                format!("{}{error}", tried.unwrap_or_default()),
                theme.error(),
            )
        }
        (None, Some(note)) => ("– ", note.clone(), theme.dim()),
        (None, None) => return lines,
    };
    let first = format!("{INDENT}{mark}");
    let options = textwrap::Options::new(width)
        .initial_indent(&first)
        .subsequent_indent("    ")
        .break_words(true);
    lines.extend(
        textwrap::wrap(&text, options)
            .into_iter()
            .map(|line| Line::from(Span::styled(line.into_owned(), style))),
    );
    lines
}

/// "12 articles · 3 unread · refreshed 2h ago"; for a feed whose last refresh failed, when it
/// was last read ("last read 3h ago", "never read").
fn facts(app: &App, feed: &FeedStatus) -> Vec<String> {
    let mut facts = if app.jobs().loading_list() {
        vec!["… articles".to_string()]
    } else {
        let source = app
            .library()
            .find_source(&SourceKey::Feed(feed.url.as_str().into()));
        let members = source.map(|id| &app.library().sources()[id].members);
        let (total, unread) = members.map_or((0, 0), |m| (m.total, m.unread));
        vec![counted(total, "article"), format!("{unread} unread")]
    };
    let ago = |time| dates::relative(time, app.now(), app.settings().offset);
    facts.push(match (feed.last_refresh, feed.error.is_some()) {
        (Some(time), false) => format!("refreshed {}", ago(time)),
        (Some(time), true) => format!("last read {}", ago(time)),
        (None, false) => "never refreshed".to_string(),
        (None, true) => "never read".to_string(),
    });
    facts
}
