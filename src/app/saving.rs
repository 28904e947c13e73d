//! Bookmarks and marks: asking the store worker to save them, and what the store answers,
//! handed to the state each answer concerns. A bookmark shows as saved only once the store
//! says it is on disk.

use super::App;
use crate::effect::Effect;
use crate::model::ArticleId;
use crate::worker::pictures::PictureRequest;
use crate::worker::store::{StoreReport, StoreRequest};

impl App {
    /// `b`: the selected article bookmarked, or no longer; a bookmark keeps the article's
    /// pictures on disk with it.
    pub(super) fn toggle_bookmark(&mut self) -> Vec<Effect> {
        let Some(index) = self.list.selected_index() else {
            return Vec::new();
        };
        if let Some(problem) = self.jobs.store_problem() {
            self.set_error(format!("cannot save bookmarks: {problem}"));
            return Vec::new();
        }
        let entry = self.library.entry(index);
        let article = &entry.article;
        if self.list.is_pending(&article.id) {
            self.set_info("still saving the last change to this bookmark".to_string());
            return Vec::new();
        }
        let (request, keep) = if entry.bookmarked {
            (StoreRequest::RemoveBookmark(article.id.clone()), None)
        } else {
            let keep = self.reader.pictures_to_keep(index);
            (StoreRequest::SaveBookmark(Box::new(article.clone())), keep)
        };
        self.list.bookmark_change_sent(article.id.clone());
        let mut effects = vec![self.save(request)];
        effects.extend(keep.map(|urls| Effect::Pictures(PictureRequest::Keep(urls))));
        effects
    }

    /// Asks the store to save a change of marks. With sync on, its articles are noted as
    /// changed here: what a sync under way says of them may be older, and the change here
    /// wins.
    pub(super) fn save(&mut self, change: StoreRequest) -> Effect {
        if let Some(sync) = &mut self.sync {
            match &change {
                StoreRequest::SaveBookmark(article) => sync.changed_here([&article.id]),
                StoreRequest::RemoveBookmark(id) | StoreRequest::MarkRead(id) => {
                    sync.changed_here([id]);
                }
                StoreRequest::SetRead { ids, .. } | StoreRequest::MarkAllRead { ids, .. } => {
                    sync.changed_here(ids);
                }
                _ => {}
            }
        }
        Effect::Store(change)
    }

    pub(super) fn on_store(&mut self, report: StoreReport) {
        let now = self.now();
        match report {
            StoreReport::FullTextKept { id, kept } => self.on_full_text_kept(id, kept),
            StoreReport::SearchFacts {
                search,
                found,
                full_text,
            } => {
                (self.list).add_search_facts(search, &found, &full_text, &self.library, now);
            }
            StoreReport::QueryFacts { found, full_text } => {
                self.queries.found(&found, &full_text, &self.library);
                self.recount_queries();
            }
            StoreReport::SearchHits { query, found } => {
                (self.list).add_search_hits(query, &found, &self.library, now);
            }
            StoreReport::ReadSet { ids, read, change } => self.on_read_set(ids, read, change),
            StoreReport::Queued(queued) => {
                if let Some(sync) = &mut self.sync {
                    sync.queued(queued);
                }
            }
            StoreReport::ReadSetFailed { read, error } => {
                let what = if read { "read" } else { "unread" };
                self.set_error(format!("could not mark articles {what}: {error}"));
            }
            StoreReport::BookmarkSaved(id) => {
                let Some((index, title)) = self.answered(&id) else {
                    return;
                };
                self.library.entry_mut(index).bookmarked = true;
                self.library.saved_now(&id, now);
                self.queries.entry_changed(&self.library, index);
                self.set_info(format!("★ bookmarked “{title}”"));
                self.list.bookmark_saved(index, &id, &self.library, now);
            }
            StoreReport::BookmarkRemoved(id) => {
                let Some((index, title)) = self.answered(&id) else {
                    return;
                };
                self.library.entry_mut(index).bookmarked = false;
                self.library.unsaved(&id);
                self.queries.entry_changed(&self.library, index);
                self.set_info(format!("bookmark removed from “{title}”"));
                self.list.bookmark_removed(&self.library, now);
            }
            StoreReport::MarkedRead(id) => {
                if let Some((index, _)) = self.answered(&id) {
                    self.library.set_read(index, true);
                    self.queries.entry_changed(&self.library, index);
                    self.list.count_unread(&self.library);
                }
            }
            StoreReport::BodyLoaded(id, body) => {
                if let Some((index, _)) = self.answered(&id) {
                    self.library.set_body(index, *body);
                    self.reader.forget_layout(index);
                }
            }
            StoreReport::Failed { id, what, error } => {
                if let Some((index, title)) = self.answered(&id) {
                    // A body that cannot be read is not asked for again.
                    self.library.entry_mut(index).body_in_store = false;
                    self.set_error(format!("could not {what} for “{title}”: {error}"));
                }
            }
        }
    }

    /// The store answered for an article: its bookmark change is no longer on its way, its
    /// body no longer asked for. Where it is in the library, with its title, if it is.
    fn answered(&mut self, id: &ArticleId) -> Option<(usize, String)> {
        self.list.bookmark_change_answered(id);
        self.reader.answered(id);
        let index = self.library.position(id)?;
        Some((index, self.library.entry(index).article.title.clone()))
    }
}
