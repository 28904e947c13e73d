//! An entry of the library: one article, where it comes from, its tags and its marks.

use std::sync::Arc;

use smallvec::SmallVec;

use crate::model::Article;

/// Tags an entry holds without a separate allocation; most articles have fewer.
const INLINE_TAGS: usize = 4;

/// An entry's tag ids.
pub type TagIds = SmallVec<[usize; INLINE_TAGS]>;

/// Where an entry of the library comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A source of this run: samples, article files, feeds.
    Source,
    /// Only a bookmark's snapshot: its source is not part of this run, or is gone.
    SavedOnly,
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub article: Article,
    pub origin: Origin,
    /// Indices into [`Library::tags`](super::Library::tags), inline for up to
    /// [`INLINE_TAGS`] tags: marking many entries read reads each one's, and one fetch from
    /// elsewhere in memory each cost more than the rest of the work together.
    pub tag_ids: TagIds,
    /// Index into [`Library::sources`](super::Library::sources); `None` for a saved-only copy.
    pub source: Option<usize>,
    /// Changed only through [`Library::set_read`](super::Library::set_read), which keeps
    /// the counts.
    pub(super) read: bool,
    pub bookmarked: bool,
    /// The address of the feed the article came from, if it came from one; one copy shared
    /// by every article of the feed.
    pub feed: Option<Arc<str>>,
    /// The article came from the feed cache without its body, which the store has.
    pub body_in_store: bool,
    /// The article came from the feed cache: the store's full-text index searches its body.
    pub from_cache: bool,
}

impl Entry {
    pub fn is_read(&self) -> bool {
        self.read
    }

    /// The title and text in lower case, for search; for an article from the feed cache, the
    /// title alone, whether or not its body has been read.
    pub(super) fn search_text(&self) -> Box<str> {
        if self.from_cache {
            let mut text = self.article.title.to_lowercase();
            text.push('\n');
            text.into()
        } else {
            self.article.search_text().into()
        }
    }
}

/// An entry index as the lists of entries per group keep it: four bytes, as a library holds
/// far fewer than four billion articles.
pub(super) fn entry_number(index: usize) -> u32 {
    u32::try_from(index).expect("fewer than 2^32 articles")
}
