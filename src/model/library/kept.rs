//! Copies the library keeps that no source of the run lists: bookmarks' snapshots, snapshots
//! kept aside (a bookmark a star removed on another device took away), and the articles of a
//! feed taken out of the run while it goes on (the sync server no longer holds it), which
//! leave the list and the counts at once while a bookmarked one stays as a saved copy.

use chrono::{DateTime, Utc};

use super::{Article, ArticleId, Library, Members, Origin, SourceKey};

impl Library {
    /// Adds the store's bookmarks, newest first as the store lists them, with when each was
    /// saved; like [`Library::add_saved`] otherwise.
    pub fn add_bookmarks(&mut self, bookmarks: Vec<(Article, DateTime<Utc>)>) {
        let mut articles = Vec::with_capacity(bookmarks.len());
        // Oldest first, so that of two saved at one moment the one listed first is newer.
        for (article, saved_at) in bookmarks.into_iter().rev() {
            self.saved_now(&article.id, saved_at);
            articles.push(article);
        }
        articles.reverse();
        self.add_saved(articles);
    }

    /// Notes that the article was bookmarked at `at` (after anything noted before at the
    /// same moment).
    pub fn saved_now(&mut self, id: &ArticleId, at: DateTime<Utc>) {
        self.saved_at.insert(id.clone(), (at, self.saves));
        self.saves += 1;
    }

    /// Forgets when the article was bookmarked: its bookmark is gone.
    pub fn unsaved(&mut self, id: &ArticleId) {
        self.saved_at.remove(id);
    }

    /// When the bookmark of the entry at `index` was saved, with its place among those
    /// saved at one moment; `None` when not known (not bookmarked, or its copy unreadable).
    pub fn saved_time(&self, index: usize) -> Option<(DateTime<Utc>, u64)> {
        if self.saved_at.is_empty() {
            return None;
        }
        self.saved_at.get(&self.entries[index].article.id).copied()
    }

    /// Takes from `before` the save times this library does not know, oldest first.
    pub fn add_save_times_of(&mut self, before: &Library) {
        let mut times: Vec<_> = before
            .saved_at
            .iter()
            .filter(|(id, _)| !self.saved_at.contains_key(*id))
            .map(|(id, &time)| (time, id.clone()))
            .collect();
        times.sort_by_key(|(time, _)| *time);
        for ((at, _), id) in times {
            self.saved_now(&id, at);
        }
    }

    /// Adds bookmarked snapshots whose article is not already here, marked as bookmarked.
    pub fn add_saved(&mut self, saved: Vec<Article>) {
        for article in saved {
            let index = self.add_snapshot(article);
            self.entries[index].bookmarked = true;
        }
        self.sort();
    }

    /// Adds snapshots kept aside whose article is not already here, as saved-only copies that
    /// are not bookmarked: no list shows them unless asked (by id, or as the bookmarks view
    /// shows recently un-starred articles).
    pub fn add_kept(&mut self, kept: Vec<Article>) {
        for article in kept {
            self.add_snapshot(article);
        }
        self.sort();
    }

    /// The entry of a snapshot: the article's own if it is here, else a saved-only copy.
    pub(super) fn add_snapshot(&mut self, article: Article) -> usize {
        match self.positions.get(&article.id) {
            Some(&index) => index,
            None => self.push(article, Origin::SavedOnly, None, false),
        }
    }

    /// Takes the feed at `url` out of the run: its articles become saved-only copies, out of
    /// the list and of every count (a bookmarked one shows among the bookmarks still), and
    /// the feed is no longer listed until articles of it come again. Returns the feed's
    /// source id, if it was known.
    pub fn drop_feed(&mut self, url: &str) -> Option<usize> {
        let id = *self.source_ids.get(&SourceKey::Feed(url.into()))?;
        let members: Vec<u32> = self.sources[id].members.entries().to_vec();
        for number in members {
            let index = number as usize;
            self.update_groups(index, Members::remove);
            let entry = &mut self.entries[index];
            if entry.origin == Origin::Source {
                self.source_count -= 1;
            }
            entry.origin = Origin::SavedOnly;
            entry.source = None;
            entry.feed = None;
            self.update_groups(index, Members::add);
        }
        self.sources[id].dropped = true;
        Some(id)
    }

    /// Puts an article read from the feed cache in place of the saved-only copy at `index`:
    /// its feed is back (the sync server holds it again).
    pub(super) fn cached_in_place_of_copy(&mut self, index: usize, feed: &str, article: Article) {
        let source = self.source_id(SourceKey::Feed(feed.into()));
        let without_body = article.body.blocks.is_empty();
        let counted = self.entries[index].from_cache;
        self.replace(index, source, article);
        let entry = &mut self.entries[index];
        entry.body_in_store = without_body;
        entry.from_cache = true;
        self.cached_count += usize::from(!counted);
        if let Some(texts) = self.search_texts.get_mut() {
            texts[index] = self.entries[index].search_text();
        }
    }
}
