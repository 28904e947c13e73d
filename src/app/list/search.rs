//! What the list keeps of the search beside its text: the search as it was before `/` while
//! one is typed (for Esc), the search last asked of the store's full-text index, and what
//! the index found for it.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use crate::digest::digest;
use crate::model::ArticleId;
use crate::model::library::Library;
use crate::query::Beyond;

#[derive(Debug, Clone, Default)]
pub(super) struct Search {
    /// While search text is being typed: the search as it was before `/`, for Esc.
    pub(super) before: Option<String>,
    /// The last search asked of the store's full-text index.
    pub(super) asked: String,
    /// What the index found for a search: by library index, whether it found the article.
    hits: Option<(String, Vec<bool>)>,
    /// What the store found for a query typed in the search box: for each text term, and
    /// the full texts read.
    pub(super) facts: Option<(String, Beyond)>,
}

impl Search {
    /// What the store found for the query `search`, if it answered for this very text.
    pub(super) fn facts_for(&self, search: &str) -> Option<&Beyond> {
        self.facts
            .as_ref()
            .filter(|(asked, _)| asked == search)
            .map(|(_, beyond)| beyond)
    }

    /// What the index found for `search`, if it answered for this very text.
    pub(super) fn hits_for(&self, search: &str) -> Option<&Vec<bool>> {
        self.hits
            .as_ref()
            .filter(|(query, _)| query == search)
            .map(|(_, found)| found)
    }

    /// Keeps what the index found for `query`: the articles of `library` with these ids.
    /// The answer may name most of a large cache, so each entry is looked up in a set of
    /// what was found, with a hash cheaper than the library's map's (ids are hashes
    /// already).
    pub(super) fn found(&mut self, query: String, found: &[ArticleId], library: &Library) {
        let found: HashSet<u64, BuildHasherDefault<Folded>> = found.iter().map(key).collect();
        let hits = (0..library.len())
            .map(|index| found.contains(&key(&library.entry(index).article.id)))
            .collect();
        self.hits = Some((query, hits));
    }

    /// The index's answer carried from the library `before` into `after`, where the same
    /// articles have other indices; the search is asked again, as the index may find more
    /// among the whole cache than among the newest articles.
    pub(super) fn carry_into(&mut self, before: &Library, after: &Library) {
        self.hits = self.hits.take().map(|(query, found)| {
            let mut hits = vec![false; after.len()];
            let found = (0..before.len()).filter(|&i| found.get(i) == Some(&true));
            let ids = found.map(|i| &before.entry(i).article.id);
            for index in ids.filter_map(|id| after.position(id)) {
                hits[index] = true;
            }
            (query, hits)
        });
        self.asked.clear();
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
