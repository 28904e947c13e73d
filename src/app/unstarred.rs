//! The bookmarks view's recently un-starred articles: bookmarks that a star removed on another
//! device took away (the store keeps their snapshots) are listed below the bookmarks for
//! [`RECENTLY_UNSTARRED_DAYS`] days, marked as such, readable, and bookmarked again with `b`
//! (which stars them on the server again, through the queue).

use std::cmp::Reverse;
use std::collections::HashMap;

use chrono::{DateTime, TimeDelta, Utc};

use super::App;
use crate::model::ArticleId;

/// How long an article un-starred on another device stays in the bookmarks view. The store
/// keeps its snapshot for good (`tidings bookmarks --unstarred` lists them all).
pub const RECENTLY_UNSTARRED_DAYS: i64 = 30;

/// The articles whose bookmark a star removed elsewhere took away.
#[derive(Debug, Clone, Default)]
pub struct Unstarred {
    /// When each lost its bookmark.
    at: HashMap<ArticleId, DateTime<Utc>>,
    /// Those the bookmarks view lists, by library index: un-starred recently, in the
    /// library, not bookmarked again. Made again each time the list is filtered anew.
    shown: HashMap<usize, DateTime<Utc>>,
    /// The same, for the filter to ask of every entry in the bookmarks view: a flag by
    /// library index (empty when there are none), cheaper to look up than the map.
    flags: Vec<bool>,
}

impl App {
    /// Takes the articles un-starred on another device, with when, as the store keeps them.
    pub fn set_unstarred(
        &mut self,
        unstarred: impl IntoIterator<Item = (ArticleId, DateTime<Utc>)>,
    ) {
        self.unstarred.at = unstarred.into_iter().collect();
        self.refilter_all();
    }

    /// When the article at `index` lost its star elsewhere, if the bookmarks view lists it
    /// below the bookmarks for that.
    pub fn unstarred_at(&self, index: usize) -> Option<DateTime<Utc>> {
        if !self.filter.bookmarks_only {
            return None;
        }
        self.unstarred.shown.get(&index).copied()
    }

    /// How many recently un-starred articles the list shows, below the bookmarks.
    pub fn unstarred_shown(&self) -> usize {
        if !self.filter.bookmarks_only {
            return 0;
        }
        self.visible
            .iter()
            .rev()
            .take_while(|index| self.unstarred.shown.contains_key(index))
            .count()
    }

    /// A sync took these bookmarks away, now.
    pub(super) fn lost_stars(&mut self, ids: impl IntoIterator<Item = ArticleId>) {
        let now = self.now;
        self.unstarred
            .at
            .extend(ids.into_iter().map(|id| (id, now)));
    }

    /// The article is bookmarked again (here, or starred on another device).
    pub(super) fn starred_again(&mut self, id: &ArticleId) -> bool {
        self.unstarred.at.remove(id).is_some()
    }

    /// Finds the recently un-starred articles the bookmarks view lists; before each filtering
    /// of the whole library.
    pub(super) fn list_unstarred(&mut self) {
        let since = self.now - TimeDelta::days(RECENTLY_UNSTARRED_DAYS);
        let library = &self.library;
        self.unstarred.shown = self
            .unstarred
            .at
            .iter()
            .filter(|&(_, &at)| at >= since)
            .filter_map(|(id, &at)| {
                let index = library.position(id)?;
                (!library.entry(index).bookmarked).then_some((index, at))
            })
            .collect();
        let flags = &mut self.unstarred.flags;
        flags.clear();
        if self.filter.bookmarks_only && !self.unstarred.shown.is_empty() {
            flags.resize(library.len(), false);
            for &index in self.unstarred.shown.keys() {
                flags[index] = true;
            }
        }
    }

    /// Whether the bookmarks view lists the entry at `index` as recently un-starred.
    pub(super) fn is_listed_unstarred(&self, index: usize) -> bool {
        self.unstarred.flags.get(index) == Some(&true)
    }

    /// `visible` of the bookmarks view with the un-starred articles below the bookmarks,
    /// the most recently un-starred first.
    pub(super) fn unstarred_last(&self, visible: Vec<usize>) -> Vec<usize> {
        let shown = &self.unstarred.shown;
        if shown.is_empty() || !self.filter.bookmarks_only {
            return visible;
        }
        let (mut unstarred, mut list): (Vec<usize>, Vec<usize>) =
            visible.into_iter().partition(|i| shown.contains_key(i));
        unstarred.sort_by_key(|i| Reverse(shown[i]));
        list.extend(unstarred);
        list
    }
}
