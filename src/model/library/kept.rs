//! Copies the library keeps that no source of the run lists: bookmarks' snapshots, snapshots
//! kept aside (a bookmark a star removed on another device took away), and the articles of a
//! feed taken out of the run while it goes on (the sync server no longer holds it), which
//! leave the list and the counts at once while a bookmarked one stays as a saved copy.

use super::{Article, Library, Members, Origin, SourceKey};

impl Library {
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
