//! Why the list is empty, read from the state, so that an empty list says what happened (no
//! feeds, every feed failed, a refresh still under way, a filter that matches nothing)
//! rather than guessing. The drawing puts it in words.

use super::feeds::{FeedStatus, Feeds};
use super::list::List;
use crate::model::library::{Library, SourceKey};

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

impl EmptyList {
    /// Why `list` is empty; `None` when it is not. Cheap: it reads counts the library keeps,
    /// never the articles. `syncing`: a sync is under way.
    pub(super) fn of(list: &List, library: &Library, feeds: &Feeds, syncing: bool) -> Option<Self> {
        if !list.visible().is_empty() {
            return None;
        }
        let filter = list.filter();
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
        if let Some(reason) = Self::why_no_articles(list, library, feeds, syncing) {
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
    /// from the state of their feeds (`in_question`).
    fn why_no_articles(
        list: &List,
        library: &Library,
        feeds: &Feeds,
        syncing: bool,
    ) -> Option<Self> {
        let sources = library.sources();
        let chosen = &list.filter().sources;
        let in_question: Vec<&FeedStatus> = if chosen.is_empty() {
            if library.source_count() > 0 {
                return None;
            }
            feeds.statuses().iter().collect()
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
            feeds.among(&urls)
        };
        if in_question.is_empty() {
            return Some(if chosen.is_empty() {
                EmptyList::NoFeeds
            } else {
                EmptyList::NoArticles
            });
        }
        if feeds.refreshing().is_some() || syncing {
            return Some(EmptyList::Refreshing);
        }
        if let Some(first) = in_question.iter().find(|feed| feed.error.is_some())
            && in_question.iter().all(|feed| feed.error.is_some())
        {
            return Some(EmptyList::Failed {
                feeds: in_question.len(),
                name: first.name.clone(),
                error: first.error.clone().unwrap_or_default(),
            });
        }
        if in_question
            .iter()
            .all(|feed| feed.last_checked.is_none() && feed.last_refresh.is_none())
        {
            return Some(EmptyList::NotRefreshed);
        }
        Some(EmptyList::NoArticles)
    }
}
