//! The bookmarks view's recently un-starred articles: bookmarks that a star removed on another
//! device took away are listed below the bookmarks for `RECENTLY_UNSTARRED_DAYS` days,
//! marked as such, readable, and bookmarked again with `b` (which stars them on the server
//! again, through the queue).

use chrono::{DateTime, Utc};

use super::List;
use crate::model::ArticleId;

impl List {
    /// When the article at `index` lost its star elsewhere, if the bookmarks view lists it
    /// below the bookmarks for that.
    pub fn unstarred_at(&self, index: usize) -> Option<DateTime<Utc>> {
        if !self.filter.bookmarks_only {
            return None;
        }
        self.unstarred.listed_at(index)
    }

    /// How many recently un-starred articles the list shows, below the bookmarks.
    pub fn unstarred_shown(&self) -> usize {
        if !self.filter.bookmarks_only {
            return 0;
        }
        self.visible
            .iter()
            .rev()
            .take_while(|&&index| self.unstarred.listed_at(index).is_some())
            .count()
    }

    /// A sync took these bookmarks away, `now`.
    pub(in crate::app) fn lost_stars(
        &mut self,
        ids: impl IntoIterator<Item = ArticleId>,
        now: DateTime<Utc>,
    ) {
        self.unstarred.lost(ids, now);
    }

    /// The article is bookmarked again (here, or starred on another device): whether it had
    /// lost its star elsewhere.
    pub(in crate::app) fn starred_again(&mut self, id: &ArticleId) -> bool {
        self.unstarred.starred_again(id)
    }
}
