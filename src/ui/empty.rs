//! The words of an empty list: why it is empty (from `App::why_empty`) and the key or the
//! command that changes that.

use crate::action::Action;
use crate::app::{App, EmptyList};

/// How to add feeds, from a shell.
pub const ADD_FEEDS: &str = "tidings feeds add URL, or many at once: tidings import-opml FILE";

pub fn words(app: &App, reason: &EmptyList) -> String {
    let key = |action: Action| {
        let key = app.settings().keymap.first_key(action);
        if key.is_empty() {
            format!("({})", action.describe())
        } else {
            key
        }
    };
    let (refresh, feeds) = (key(Action::Refresh), key(Action::ShowFeeds));
    let filter = &app.list().filter();
    match reason {
        EmptyList::NoFeeds => format!("No feeds yet. Add one in a shell: {ADD_FEEDS}."),
        EmptyList::Refreshing => {
            "Refreshing the feeds: their articles show here as they come.".to_string()
        }
        EmptyList::NotRefreshed => {
            format!("Not refreshed yet: {refresh} refreshes the feeds, {feeds} lists them.")
        }
        EmptyList::Failed {
            feeds: 1,
            name,
            error,
        } => format!(
            "{name} could not be refreshed: {error}. {refresh} tries again; {feeds} shows the feed."
        ),
        EmptyList::Failed {
            feeds: count,
            name,
            error,
        } => format!(
            "None of the {count} feeds could be refreshed. {name}: {error}. \
             {refresh} tries again; {feeds} shows each feed's error."
        ),
        EmptyList::NoArticles => {
            format!("No articles yet: the feeds hold none. {feeds} shows when each was read.")
        }
        EmptyList::NoBookmarks => format!(
            "No bookmarks yet: {} on an article keeps it. {} shows every article.",
            key(Action::ToggleBookmark),
            key(Action::ShowBookmarks)
        ),
        EmptyList::NothingUnread if filter.bookmarks_only => format!(
            "No unread bookmarks: {} shows the read ones too.",
            key(Action::UnreadOnly)
        ),
        EmptyList::NothingUnread if filter.sources.is_empty() => format!(
            "Nothing unread: {} shows every article.",
            key(Action::UnreadOnly)
        ),
        EmptyList::NothingUnread => format!(
            "Nothing unread here: {} shows read articles too; {} shows all feeds.",
            key(Action::UnreadOnly),
            key(Action::ClearFilter)
        ),
        EmptyList::NothingMatches => {
            let search = filter.search.trim();
            let what = match (search.is_empty(), filter.bookmarks_only) {
                (false, false) => format!("the search “{search}”"),
                (false, true) => format!("the search “{search}” among the bookmarks"),
                (true, false) => "the feeds and tags chosen".to_string(),
                (true, true) => "the feeds and tags chosen among the bookmarks".to_string(),
            };
            let unread = if filter.unread_only {
                format!(" ({} shows read articles too)", key(Action::UnreadOnly))
            } else {
                String::new()
            };
            format!(
                "Nothing matches {what}{unread}: {} clears it.",
                key(Action::ClearFilter)
            )
        }
    }
}
