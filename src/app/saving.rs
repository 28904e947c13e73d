//! Bookmarks and read marks: asking the store worker to save, and what it answered. A
//! bookmark shows as saved only once the store says it is on disk.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use super::{App, Effect};
use crate::digest::digest;
use crate::model::ArticleId;
use crate::worker::store::{StoreReport, StoreRequest};

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
            Effect::Store(StoreRequest::RemoveBookmark(article.id.clone()))
        } else {
            Effect::Store(StoreRequest::SaveBookmark(Box::new(article.clone())))
        };
        self.pending.push(article.id.clone());
        vec![effect]
    }

    pub(super) fn on_store(&mut self, report: StoreReport) {
        let id = match report {
            StoreReport::FullTextKept { id, kept } => {
                self.on_full_text_kept(id, kept);
                return;
            }
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
            | StoreReport::FullTextKept { .. }
            | StoreReport::ReadSet { .. }
            | StoreReport::ReadSetFailed { .. }
            | StoreReport::Queued(_) => {}
            StoreReport::BookmarkSaved(ref id) => {
                self.library.entry_mut(index).bookmarked = true;
                self.library.saved_now(id, self.now);
                self.set_info(format!("★ bookmarked “{title}”"));
                // An un-starred article bookmarked again goes up among the bookmarks.
                // In the bookmarks view (an article un-starred elsewhere bookmarked again, or
                // a save confirmed after `B`), it goes to the top, as the newest.
                let starred_again = self.starred_again(id);
                if self.filter.bookmarks_only && (starred_again || !self.visible.contains(&index)) {
                    self.refilter_all();
                }
            }
            StoreReport::BookmarkRemoved(ref id) => {
                self.library.entry_mut(index).bookmarked = false;
                self.library.unsaved(id);
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

    /// Adds what the full-text index found, if the search is still the one typed. The answer
    /// may name most of a large cache, so each entry is looked up in a set of what was
    /// found, with a hash cheaper than the library's map's (ids are hashes already).
    fn on_search_hits(&mut self, query: String, found: &[ArticleId]) {
        if query != self.filter.search {
            return;
        }
        let found: HashSet<u64, BuildHasherDefault<Folded>> = found.iter().map(key).collect();
        let hits = (0..self.library.len())
            .map(|index| found.contains(&key(&self.library.entry(index).article.id)))
            .collect();
        self.cache_hits = Some((query, hits));
        self.refilter_all();
    }
}

/// An id as the set of hits holds it: its number, or for text that is not an id (typed by a
/// person, never a cached article's), a hash of it outside the numbers of ids.
fn key(id: &ArticleId) -> u64 {
    id.key()
        .unwrap_or_else(|| digest(id.as_str().as_bytes()) | 1 << 63)
}

/// Folds what is hashed in eight bytes at a time, with a multiply to spread the bits.
#[derive(Default)]
struct Folded(u64);

impl Hasher for Folded {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut eight = [0u8; 8];
            eight[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(eight));
        }
    }

    fn write_u64(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517C_C1B7_2722_0A95);
    }

    fn write_usize(&mut self, word: usize) {
        self.write_u64(word as u64);
    }
}
