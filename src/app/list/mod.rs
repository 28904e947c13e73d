//! The list: the articles the filter lets through, in list order; the selection and the
//! scroll; and the filter's keys. Beside this file, each about the list as a whole:
//! filtering (`filter.rs`), the marks in flight (`marks.rs`), the search as typed
//! (`typing.rs`, with what the store's index found kept in `search.rs`), and the bookmarks
//! view's recently un-starred articles (`bookmarks.rs`, kept in `unstarred.rs`). It reads the
//! library it is given and changes only itself.

mod bookmarks;
mod filter;
mod marks;
mod search;
#[cfg(test)]
mod test_support;
mod typing;
mod unstarred;

pub use unstarred::RECENTLY_UNSTARRED_DAYS;

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use super::cursor::{keep_in_view, offset_index};
use super::nav::NavItem;
use super::remap::Remap;
use crate::model::ArticleId;
use crate::model::filter::{Filter, TagMode};
use crate::model::library::Library;
use search::Search;
use unstarred::Unstarred;

#[derive(Debug, Clone, Default)]
pub struct List {
    /// Library indices the filter lets through, in list order.
    visible: Vec<usize>,
    filter: Filter,
    /// The filter `visible` was made with, so a search typed on narrows `visible` alone.
    filtered_by: Filter,
    /// Position in `visible` of the selected article.
    selected: usize,
    /// First list row on screen, kept so the selection stays in view.
    offset: usize,
    /// How many articles of `visible` are unread, for the status line.
    unread: usize,
    /// An article read while the list shows only unread ones: it stays listed until the
    /// selection moves away, so that it does not vanish under the cursor.
    lingering: Option<usize>,
    /// A person has moved the selection or opened an article: from then on a refresh keeps
    /// the selection on its article, rather than on the newest.
    keep_selection: bool,
    /// Bookmark changes sent to the store and not yet confirmed.
    pending: Vec<ArticleId>,
    /// Where the articles of the read marks last asked of the store were in the library,
    /// in the order of their ids: found again without a lookup when the store answers.
    marking: Vec<usize>,
    /// The articles the last "mark all read" marked, for undo, with where they were in the
    /// library.
    last_marked: Option<(Vec<ArticleId>, Vec<usize>)>,
    search: Search,
    unstarred: Unstarred,
    /// By entry, whether every chosen saved query matches it.
    in_queries: Vec<bool>,
    /// What is missing from search text that does not parse as a query yet.
    search_problem: Option<String>,
}

/// Where the selection is on screen, to keep it there while the list changes under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Place {
    /// The selection's row among those shown.
    row: usize,
    /// The selection is on the newest article, and no article was chosen yet (as while the
    /// first refresh fills the list).
    on_the_newest: bool,
}

impl List {
    /// The whole library, unfiltered; with the articles un-starred on another device, and
    /// when, for the bookmarks view.
    pub(super) fn new(
        library: &Library,
        unstarred: Vec<(ArticleId, DateTime<Utc>)>,
        now: DateTime<Utc>,
    ) -> Self {
        let mut list = Self {
            unstarred: Unstarred::new(unstarred),
            ..Self::default()
        };
        list.refilter_all(library, now);
        list
    }

    /// Library indices the filter lets through, in list order.
    pub fn visible(&self) -> &[usize] {
        &self.visible
    }

    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// Position in the list of the selected article.
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// Library index of the selected article.
    pub fn selected_index(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }

    /// First row on screen.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// How many articles of the list are unread.
    pub fn unread(&self) -> usize {
        self.unread
    }

    /// The article after the selected one, if any.
    pub(super) fn next_index(&self) -> Option<usize> {
        self.visible.get(self.selected + 1).copied()
    }

    /// Whether the selection is at the end of the list going `forward`, or at its start.
    pub(super) fn at_end(&self, forward: bool) -> bool {
        if forward {
            self.selected + 1 >= self.visible.len()
        } else {
            self.selected == 0
        }
    }

    pub(super) fn move_selection(&mut self, delta: isize) {
        self.selected = offset_index(self.selected, delta, self.visible.len());
    }

    /// Selects the article at `position` in the list.
    pub(super) fn select(&mut self, position: usize) {
        self.selected = position;
    }

    /// A click on the `row`th article shown, of `rows`: selects it; true when it was
    /// selected already (the click opens it).
    pub(super) fn click(&mut self, row: usize, rows: usize) -> bool {
        let clicked = self.offset + row;
        if row >= rows || clicked >= self.visible.len() {
            return false;
        }
        let again = clicked == self.selected;
        self.selected = clicked;
        again
    }

    /// A person chose the selected article (moved to it, or opened it): from now on a
    /// refresh keeps it selected.
    pub(super) fn keep_selection_from_now(&mut self) {
        self.keep_selection = true;
    }

    /// Keeps the selection within the list and in view among `rows` rows, once the article
    /// that lingered in the unread-only list is let go of.
    pub(super) fn keep_in_view(&mut self, rows: usize, library: &Library) {
        self.let_go_of_lingering(library);
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
        self.offset = keep_in_view(self.offset, self.selected, rows);
    }

    /// The next (`forward`) or previous unread article's position; the selected one counts
    /// when `counting_selected` (it has not been read yet: the reader is not on it).
    pub(super) fn find_unread(
        &self,
        forward: bool,
        counting_selected: bool,
        library: &Library,
    ) -> Option<usize> {
        let unread = |&(_, &index): &(usize, &usize)| !library.entry(index).is_read();
        let this_one = usize::from(counting_selected);
        let found = if forward {
            self.visible
                .iter()
                .enumerate()
                .skip(self.selected + 1 - this_one)
                .find(unread)
        } else {
            self.visible
                .iter()
                .enumerate()
                .take(self.selected + this_one)
                .rev()
                .find(unread)
        };
        found.map(|(position, _)| position)
    }

    /// Where the selection is on screen.
    pub(super) fn place(&self) -> Place {
        Place {
            row: self.selected.saturating_sub(self.offset),
            on_the_newest: self.selected == 0 && !self.keep_selection,
        }
    }

    /// After new articles came: a selection on the newest article, with no article chosen
    /// yet, stays on the newest; a list scrolled down keeps the selection on its row, a
    /// list at its top shows what came above it.
    pub(super) fn keep_place(&mut self, place: Place) {
        if place.on_the_newest {
            self.selected = 0;
        } else if self.offset > 0 {
            self.keep_row(place);
        }
    }

    /// Keeps the selection on the row it was on.
    pub(super) fn keep_row(&mut self, place: Place) {
        self.offset = self.selected.saturating_sub(place.row);
    }

    /// `a`: any selected tag ↔ all of them.
    pub(super) fn toggle_tag_mode(&mut self, library: &Library, now: DateTime<Utc>) -> TagMode {
        self.filter.mode = self.filter.mode.toggled();
        self.refilter(library, now);
        self.filter.mode
    }

    /// `c`: no query, feed, tag or search chosen.
    pub(super) fn clear_filter(&mut self, library: &Library, now: DateTime<Utc>) {
        self.filter.queries.clear();
        self.filter.sources.clear();
        self.filter.tags.clear();
        self.filter.search.clear();
        self.refilter(library, now);
    }

    /// `B`: the bookmarks ↔ everything.
    pub(super) fn toggle_bookmarks_only(&mut self, library: &Library, now: DateTime<Utc>) {
        self.filter.bookmarks_only = !self.filter.bookmarks_only;
        self.refilter(library, now);
    }

    /// `u`: only unread articles ↔ everything; whether it is only unread ones now. The
    /// article under the cursor stays listed until the selection moves away, even if read.
    pub(super) fn toggle_unread_only(&mut self, library: &Library, now: DateTime<Utc>) -> bool {
        self.filter.unread_only = !self.filter.unread_only;
        if self.filter.unread_only {
            self.keep_selected_listed();
        } else {
            self.lingering = None;
        }
        self.refilter(library, now);
        self.filter.unread_only
    }

    /// A feed or tag of the navigation pane chosen, or no longer (a query is chosen with
    /// [`List::use_queries`]).
    pub(super) fn toggle_item(&mut self, item: NavItem, library: &Library, now: DateTime<Utc>) {
        let (set, id) = match item {
            NavItem::Source(id) => (&mut self.filter.sources, id),
            NavItem::Tag(id) => (&mut self.filter.tags, id),
            NavItem::Query(_) => return,
        };
        if !set.remove(&id) {
            set.insert(id);
        }
        self.refilter(library, now);
    }

    /// Only this feed or tag, or (with its articles) this saved query.
    pub(super) fn show_only(
        &mut self,
        item: NavItem,
        query_members: impl FnOnce() -> Vec<bool>,
        library: &Library,
        now: DateTime<Utc>,
    ) {
        self.filter.sources.clear();
        self.filter.tags.clear();
        self.filter.queries.clear();
        match item {
            NavItem::Source(id) => {
                self.filter.sources.insert(id);
            }
            NavItem::Tag(id) => {
                self.filter.tags.insert(id);
            }
            NavItem::Query(query) => {
                self.filter.queries.insert(query);
                self.in_queries = query_members();
            }
        };
        self.refilter(library, now);
    }

    /// The saved queries chosen, and which entries they all match: the list filtered again.
    pub(super) fn use_queries(
        &mut self,
        chosen: BTreeSet<usize>,
        members: Vec<bool>,
        library: &Library,
        now: DateTime<Utc>,
    ) {
        self.filter.queries = chosen;
        self.in_queries = members;
        self.refilter_all(library, now);
    }

    /// A source that left the library is no longer chosen; the list is filtered again by
    /// the caller once the library is whole.
    pub(super) fn forget_source(&mut self, source: usize) {
        self.filter.sources.remove(&source);
    }

    /// What the list holds of the library `before` (the filter's feeds and tags, the
    /// selected article, the one lingering, the index's answer) carried into `after`, the
    /// whole library read in the background; the list filtered again from it.
    pub(super) fn carry_into(
        &mut self,
        before: &Library,
        after: &Library,
        remap: &Remap,
        now: DateTime<Utc>,
    ) {
        let selected = self.selected_index().and_then(|i| remap.index(i));
        let lingering = self.lingering.and_then(|i| remap.index(i));
        self.filter.tags = self
            .filter
            .tags
            .iter()
            .filter_map(|&t| remap.tag(t))
            .collect();
        self.filter.sources = (self.filter.sources.iter())
            .filter_map(|&s| remap.source(s))
            .collect();
        self.search.carry_into(before, after);
        self.lingering = lingering;
        self.visible = Vec::new();
        self.refilter_all(after, now);
        self.selected = selected
            .and_then(|index| self.visible.iter().position(|&v| v == index))
            .unwrap_or(0);
    }
}

#[cfg(test)]
mod tests;
