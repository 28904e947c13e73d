//! Bookmarks and read marks: asking the store worker to save, and what it answered. A
//! bookmark shows as saved only once the store says it is on disk.

use super::{App, Effect};
use crate::event::StoreReport;
use crate::model::ArticleId;

impl App {
    pub(super) fn toggle_bookmark(&mut self) -> Vec<Effect> {
        let Some(entry) = self.selected_entry() else {
            return Vec::new();
        };
        let article = &entry.article;
        if let Some(problem) = &self.store_problem {
            self.set_error(format!("cannot save bookmarks: {problem}"));
            return Vec::new();
        }
        if self.pending.contains(&article.id) {
            self.set_info("still saving the last change to this bookmark".to_string());
            return Vec::new();
        }
        let effect = if entry.bookmarked {
            Effect::RemoveBookmark(article.id.clone())
        } else {
            Effect::SaveBookmark(Box::new(article.clone()))
        };
        self.pending.push(article.id.clone());
        vec![effect]
    }

    pub(super) fn on_store(&mut self, report: StoreReport) {
        let id = match report {
            StoreReport::SearchHits { query, found } => {
                self.on_search_hits(query, &found);
                return;
            }
            StoreReport::ReadSet { ids, read, change } => {
                self.on_read_set(ids, read, change);
                return;
            }
            StoreReport::Queued(queued) => {
                self.on_queued(queued);
                return;
            }
            StoreReport::ReadSetFailed { read, error } => {
                let what = if read { "read" } else { "unread" };
                self.set_error(format!("could not mark articles {what}: {error}"));
                return;
            }
            StoreReport::BookmarkSaved(ref id)
            | StoreReport::BookmarkRemoved(ref id)
            | StoreReport::MarkedRead(ref id)
            | StoreReport::BodyLoaded(ref id, _)
            | StoreReport::Failed { ref id, .. } => id.clone(),
        };
        self.pending.retain(|pending| *pending != id);
        if self.loading.as_ref() == Some(&id) {
            self.loading = None;
        }
        let Some(index) = self.library.position(&id) else {
            return;
        };
        let title = self.library.entry(index).article.title.clone();
        match report {
            StoreReport::SearchHits { .. }
            | StoreReport::ReadSet { .. }
            | StoreReport::ReadSetFailed { .. }
            | StoreReport::Queued(_) => {}
            StoreReport::BookmarkSaved(ref id) => {
                self.library.entry_mut(index).bookmarked = true;
                self.set_info(format!("★ bookmarked “{title}”"));
                // An un-starred article bookmarked again goes up among the bookmarks.
                if self.starred_again(id) && self.filter.bookmarks_only {
                    self.refilter_all();
                }
            }
            StoreReport::BookmarkRemoved(_) => {
                self.library.entry_mut(index).bookmarked = false;
                self.set_info(format!("bookmark removed from “{title}”"));
                if self.filter.bookmarks_only {
                    self.refilter();
                }
            }
            StoreReport::MarkedRead(_) => {
                self.library.set_read(index, true);
                self.count_visible_unread();
            }
            StoreReport::BodyLoaded(_, body) => {
                self.library.set_body(index, *body);
                self.wrap_cache.retain(|&(article, _), _| article != index);
            }
            StoreReport::Failed { what, error, .. } => {
                // A body that cannot be read is not asked for again.
                self.library.entry_mut(index).body_in_store = false;
                self.set_error(format!("could not {what} for “{title}”: {error}"));
            }
        }
    }

    /// Adds what the full-text index found, if the search is still the one typed.
    fn on_search_hits(&mut self, query: String, found: &[ArticleId]) {
        if query != self.filter.search {
            return;
        }
        let mut hits = vec![false; self.library.len()];
        for index in found.iter().filter_map(|id| self.library.position(id)) {
            hits[index] = true;
        }
        self.cache_hits = Some((query, hits));
        self.refilter_all();
    }
}
