//! The articles whose bookmark a star removed on another device took away (the store keeps
//! their snapshots): when each lost it, and those the bookmarks view lists below the
//! bookmarks, for [`RECENTLY_UNSTARRED_DAYS`] days.

use std::cmp::Reverse;
use std::collections::HashMap;

use chrono::{DateTime, TimeDelta, Utc};

use crate::model::ArticleId;
use crate::model::library::Library;

/// How long an article un-starred on another device stays in the bookmarks view. The store
/// keeps its snapshot for good (`tidings bookmarks --unstarred` lists them all).
pub const RECENTLY_UNSTARRED_DAYS: i64 = 30;

#[derive(Debug, Clone, Default)]
pub(super) struct Unstarred {
    /// When each lost its bookmark.
    at: HashMap<ArticleId, DateTime<Utc>>,
    /// Those the bookmarks view lists, by library index: un-starred recently, in the
    /// library, not bookmarked again. Made again each time the list is filtered anew.
    shown: HashMap<usize, DateTime<Utc>>,
    /// The same, for the filter to ask of every entry in the bookmarks view: a flag by
    /// library index (empty when there are none), cheaper to look up than the map.
    flags: Vec<bool>,
}

impl Unstarred {
    /// The articles un-starred on another device, with when, as the store keeps them.
    pub(super) fn new(unstarred: Vec<(ArticleId, DateTime<Utc>)>) -> Self {
        Self {
            at: unstarred.into_iter().collect(),
            ..Self::default()
        }
    }

    /// When the article at `index` lost its star, if it is listed for that.
    pub(super) fn listed_at(&self, index: usize) -> Option<DateTime<Utc>> {
        self.shown.get(&index).copied()
    }

    /// Whether the bookmarks view lists the entry at `index` as recently un-starred.
    pub(super) fn is_listed(&self, index: usize) -> bool {
        self.flags.get(index) == Some(&true)
    }

    /// These articles lost their star, `now`.
    pub(super) fn lost(&mut self, ids: impl IntoIterator<Item = ArticleId>, now: DateTime<Utc>) {
        self.at.extend(ids.into_iter().map(|id| (id, now)));
    }

    /// The article is bookmarked again: whether it had lost its star elsewhere.
    pub(super) fn starred_again(&mut self, id: &ArticleId) -> bool {
        self.at.remove(id).is_some()
    }

    /// Finds those to list: un-starred since [`RECENTLY_UNSTARRED_DAYS`] before `now`, in
    /// `library`, not bookmarked again; flagged when the bookmarks view is shown.
    pub(super) fn list_recent(&mut self, library: &Library, now: DateTime<Utc>, bookmarks: bool) {
        let since = now - TimeDelta::days(RECENTLY_UNSTARRED_DAYS);
        self.shown = self
            .at
            .iter()
            .filter(|&(_, &at)| at >= since)
            .filter_map(|(id, &at)| {
                let index = library.position(id)?;
                (!library.entry(index).bookmarked).then_some((index, at))
            })
            .collect();
        self.flags.clear();
        if bookmarks && !self.shown.is_empty() {
            self.flags.resize(library.len(), false);
            for &index in self.shown.keys() {
                self.flags[index] = true;
            }
        }
    }

    /// `visible`, of the bookmarks view when `bookmarks`, with those listed here below the
    /// bookmarks, the most recently un-starred first.
    pub(super) fn put_last(&self, visible: Vec<usize>, bookmarks: bool) -> Vec<usize> {
        if self.shown.is_empty() || !bookmarks {
            return visible;
        }
        let (mut unstarred, mut list): (Vec<usize>, Vec<usize>) = visible
            .into_iter()
            .partition(|i| self.shown.contains_key(i));
        unstarred.sort_by_key(|i| Reverse(self.shown[i]));
        list.extend(unstarred);
        list
    }
}
