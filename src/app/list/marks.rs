//! The list's marks in flight: bookmark changes sent to the store and not yet confirmed, the
//! articles of the read marks last asked for (found again without a lookup when the store
//! answers), the last "mark all read" for undo; what the list does once the store saved
//! them; and the article that lingers in the unread-only list once read.

use chrono::{DateTime, Utc};

use super::List;
use crate::model::ArticleId;
use crate::model::library::Library;
use crate::worker::store::ReadChange;

impl List {
    /// The articles whose bookmark change is still on its way to the store.
    pub fn pending(&self) -> &[ArticleId] {
        &self.pending
    }

    /// Whether a bookmark change of this article is still on its way to the store.
    pub fn is_pending(&self, id: &ArticleId) -> bool {
        self.pending.contains(id)
    }

    /// A bookmark change of this article was sent to the store.
    pub(in crate::app) fn bookmark_change_sent(&mut self, id: ArticleId) {
        self.pending.push(id);
    }

    /// The store answered for this article's bookmark.
    pub(in crate::app) fn bookmark_change_answered(&mut self, id: &ArticleId) {
        self.pending.retain(|pending| pending != id);
    }

    /// Read marks are asked for the articles at these library indices, in order.
    pub(in crate::app) fn read_marks_asked_for(&mut self, indices: Vec<usize>) {
        self.marking = indices;
    }

    /// Where the articles of the read marks asked for were, to find them again.
    pub(in crate::app) fn take_read_marks_asked(&mut self) -> Vec<usize> {
        std::mem::take(&mut self.marking)
    }

    /// The ids and library indices of the unread articles of the list.
    pub(in crate::app) fn unread_listed(&self, library: &Library) -> (Vec<ArticleId>, Vec<usize>) {
        self.visible
            .iter()
            .filter(|&&i| !library.entry(i).is_read())
            .map(|&i| (library.entry(i).article.id.clone(), i))
            .unzip()
    }

    /// The whole list was marked read: these, for `U` to undo.
    pub(in crate::app) fn marked_all_read(&mut self, ids: Vec<ArticleId>, indices: Vec<usize>) {
        self.last_marked = Some((ids, indices));
    }

    /// The last "mark all read", taken to be undone.
    pub(in crate::app) fn take_last_marked_all(&mut self) -> Option<(Vec<ArticleId>, Vec<usize>)> {
        self.last_marked.take()
    }

    /// Read marks the store saved: the list follows. A toggle of one article's mark leaves
    /// it listed (it lingers in the unread-only list); the whole list marked read, or
    /// unread again, is filtered again, and nothing lingers.
    pub(in crate::app) fn read_marks_saved(
        &mut self,
        change: ReadChange,
        library: &Library,
        now: DateTime<Utc>,
    ) {
        if self.filter.unread_only && change != ReadChange::Toggle {
            self.lingering = None;
            self.refilter_all(library, now);
        } else {
            self.count_unread(library);
        }
    }

    /// The store saved a bookmark of the article at `index`. In the bookmarks view, an
    /// article un-starred elsewhere and bookmarked again, or one not listed (a save confirmed
    /// after `B`), goes to the top, as the newest.
    pub(in crate::app) fn bookmark_saved(
        &mut self,
        index: usize,
        id: &ArticleId,
        library: &Library,
        now: DateTime<Utc>,
    ) {
        let starred_again = self.starred_again(id);
        if self.filter.bookmarks_only && (starred_again || !self.visible.contains(&index)) {
            self.refilter_all(library, now);
        }
    }

    /// The store removed a bookmark: the bookmarks view no longer lists it.
    pub(in crate::app) fn bookmark_removed(&mut self, library: &Library, now: DateTime<Utc>) {
        if self.filter.bookmarks_only {
            self.refilter(library, now);
        }
    }

    /// Keeps the selected article listed in the unread-only list once it is read.
    pub(in crate::app) fn keep_selected_listed(&mut self) {
        if self.filter.unread_only {
            self.lingering = self.visible.get(self.selected).copied();
        }
    }

    /// Once the selection has moved away from the article that lingered, it leaves the
    /// unread-only list, if it is read.
    pub(super) fn let_go_of_lingering(&mut self, library: &Library) {
        let Some(kept) = self.lingering else {
            return;
        };
        if self.visible.get(self.selected) == Some(&kept) {
            return;
        }
        self.lingering = None;
        if !self.filter.unread_only || !library.entry(kept).is_read() {
            return;
        }
        if let Some(position) = self.visible.iter().position(|&i| i == kept) {
            self.visible.remove(position);
            if position < self.selected {
                self.selected -= 1;
                self.offset = self.offset.saturating_sub(1);
            }
        }
    }
}
