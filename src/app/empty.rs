//! Why the list is empty, read from the state, so that an empty list says what happened (no
//! feeds, every feed failed, a refresh still under way, a filter that matches nothing)
//! rather than guessing. The drawing puts it in words.

use super::{App, FeedStatus};
use crate::model::library::SourceKey;

/// Why the list shows nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmptyList {
    /// No feed is subscribed and there is nothing else to read.
    NoFeeds,
    /// The feeds in question have no articles yet, and a refresh (or a sync) is under way.
    Refreshing,
    /// The feeds in question have no articles and were never refreshed.
    NotRefreshed,
    /// Every feed in question failed its last refresh: how many, and the first of them (in
    /// the feeds list's order) with its error.
    Failed {
        feeds: usize,
        name: String,
        error: String,
    },
    /// The feeds in question were refreshed and hold no articles.
    NoArticles,
    /// The bookmarks view, with nothing bookmarked.
    NoBookmarks,
    /// The chosen feeds, tags or search let nothing through.
    NothingMatches,
    /// Only unread articles are shown, and every one of them is read.
    NothingUnread,
}

impl App {
    /// Why the list is empty; `None` when it is not. Cheap: it reads counts the library
    /// keeps, never the articles.
    pub fn why_empty(&self) -> Option<EmptyList> {
        if !self.visible.is_empty() {
            return None;
        }
        let filter = &self.filter;
        let narrowed = !filter.sources.is_empty()
            || !filter.tags.is_empty()
            || !filter.search.trim().is_empty();
        if filter.bookmarks_only {
            return Some(if narrowed {
                EmptyList::NothingMatches
            } else if filter.unread_only {
                EmptyList::NothingUnread
            } else {
                EmptyList::NoBookmarks
            });
        }
        if let Some(reason) = self.why_no_articles() {
            return Some(reason);
        }
        let by_tags_or_search = !filter.tags.is_empty() || !filter.search.trim().is_empty();
        Some(if filter.unread_only && !by_tags_or_search {
            EmptyList::NothingUnread
        } else {
            EmptyList::NothingMatches
        })
    }

    /// When the sources in question (those chosen, else all) hold no article at all: why,
    /// from their feeds' state.
    fn why_no_articles(&self) -> Option<EmptyList> {
        let sources = self.library.sources();
        let chosen = &self.filter.sources;
        let feeds: Vec<&FeedStatus> = if chosen.is_empty() {
            if self.library.source_count() > 0 {
                return None;
            }
            self.feeds.iter().collect()
        } else {
            if chosen.iter().any(|&id| sources[id].members.total > 0) {
                return None;
            }
            let urls: Vec<&str> = chosen
                .iter()
                .filter_map(|&id| match &sources[id].key {
                    SourceKey::Feed(url) => Some(&**url),
                    SourceKey::Local | SourceKey::Samples => None,
                })
                .collect();
            self.feeds
                .iter()
                .filter(|feed| urls.contains(&feed.url.as_str()))
                .collect()
        };
        if feeds.is_empty() {
            return Some(if chosen.is_empty() {
                EmptyList::NoFeeds
            } else {
                EmptyList::NoArticles
            });
        }
        if self.refreshing.is_some() || self.sync_activity().is_some() {
            return Some(EmptyList::Refreshing);
        }
        if let Some(first) = feeds.iter().find(|feed| feed.error.is_some())
            && feeds.iter().all(|feed| feed.error.is_some())
        {
            return Some(EmptyList::Failed {
                feeds: feeds.len(),
                name: first.name.clone(),
                error: first.error.clone().unwrap_or_default(),
            });
        }
        if feeds
            .iter()
            .all(|feed| feed.last_checked.is_none() && feed.last_refresh.is_none())
        {
            return Some(EmptyList::NotRefreshed);
        }
        Some(EmptyList::NoArticles)
    }
}
