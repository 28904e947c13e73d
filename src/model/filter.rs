//! What the list shows: sources (feeds, local articles, samples), tag selection (any or
//! all), search words, bookmarks only, unread only. Pure.

use std::collections::BTreeSet;
use std::ops::Range;

use super::library::{Entry, Library, Origin};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TagMode {
    /// An article matches if it has any selected tag.
    #[default]
    Any,
    /// An article matches only if it has every selected tag.
    All,
}

impl TagMode {
    pub fn toggled(self) -> Self {
        match self {
            Self::Any => Self::All,
            Self::All => Self::Any,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Any => "any",
            Self::All => "all",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Selected source ids of the library: the list shows their articles (all of them when
    /// none is selected).
    pub sources: BTreeSet<usize>,
    /// Selected tag ids of the library.
    pub tags: BTreeSet<usize>,
    pub mode: TagMode,
    /// Search text as typed; every word must occur in the title or body.
    pub search: String,
    pub bookmarks_only: bool,
    pub unread_only: bool,
    /// Chosen saved queries (their places among the queries): the list shows only the
    /// articles they all match. Applied by the reader's list, which knows their articles;
    /// [`Filter::apply`] leaves them out.
    pub queries: BTreeSet<usize>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
            && self.tags.is_empty()
            && self.queries.is_empty()
            && self.search_words().is_empty()
            && !self.bookmarks_only
            && !self.unread_only
    }

    /// The search words in lower case.
    pub fn search_words(&self) -> Vec<String> {
        self.search
            .split_whitespace()
            .map(str::to_lowercase)
            .collect()
    }

    /// Whether an entry's source, marks and origin let it through: a saved-only copy shows
    /// only among the bookmarks, as does an entry `among_bookmarks` though not bookmarked; a
    /// `kept` one shows in the unread-only list though read.
    fn passes_marks(&self, entry: &Entry, kept: bool, among_bookmarks: impl Fn() -> bool) -> bool {
        let origin_ok = if self.bookmarks_only {
            entry.bookmarked || among_bookmarks()
        } else {
            entry.origin != Origin::SavedOnly
        };
        let source_ok = self.sources.is_empty()
            || entry
                .source
                .is_some_and(|source| self.sources.contains(&source));
        origin_ok && source_ok && !(self.unread_only && entry.is_read() && !kept)
    }

    /// For each entry, how many of the selected tags it has, counted from the library's list
    /// of entries per tag so that the entries themselves are not visited.
    fn selected_tag_counts(&self, library: &Library) -> Vec<u32> {
        if self.tags.is_empty() {
            return Vec::new();
        }
        let mut counts = vec![0u32; library.len()];
        for &tag in &self.tags {
            for &index in library.tagged(tag) {
                counts[index as usize] += 1;
            }
        }
        counts
    }

    /// Indices of the library's entries that match, in list order.
    pub fn apply(&self, library: &Library) -> Vec<usize> {
        self.apply_with(library, |_| false, None)
    }

    /// Like [`Filter::apply`], with `found(index)` telling which entries the store's
    /// full-text index found for the search: those need not have the words in their text
    /// (an article from the feed cache is searched there by its title alone); and `kept`,
    /// an entry that shows even though it was read in the unread-only list, while it is
    /// selected.
    pub fn apply_with(
        &self,
        library: &Library,
        found: impl Fn(usize) -> bool,
        kept: Option<usize>,
    ) -> Vec<usize> {
        self.apply_among_bookmarks(library, found, kept, |_| false)
    }

    /// Like [`Filter::apply_with`], with the bookmarks view showing the entries
    /// `among_bookmarks` names as well as the bookmarked ones (recently un-starred articles).
    pub fn apply_among_bookmarks(
        &self,
        library: &Library,
        found: impl Fn(usize) -> bool,
        kept: Option<usize>,
        among_bookmarks: impl Fn(usize) -> bool,
    ) -> Vec<usize> {
        let words = self.search_words();
        let saved_only = library.len() - library.source_count();
        if saved_only == 0 && self.is_empty() {
            return library.order().to_vec();
        }
        let counts = self.selected_tag_counts(library);
        let needed = match self.mode {
            _ if self.tags.is_empty() => 0,
            TagMode::Any => 1,
            TagMode::All => u32::try_from(self.tags.len()).unwrap_or(u32::MAX),
        };
        library
            .order()
            .iter()
            .copied()
            .filter(|&i| {
                (needed == 0 || counts[i] >= needed)
                    && self.passes_marks(library.entry(i), kept == Some(i), || among_bookmarks(i))
                    && (words.is_empty() || found(i) || {
                        let text = library.search_text(i);
                        words.iter().all(|w| text.contains(w.as_str()))
                    })
            })
            .collect()
    }
}

/// Byte ranges of `text` where any of `words` (lower case) occurs, ignoring case, in order and
/// without overlaps.
pub fn find_matches(text: &str, words: &[String]) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    if words.is_empty() {
        return found;
    }
    let mut from = 0;
    'scan: for (start, _) in text.char_indices() {
        if start < from {
            continue;
        }
        for word in words {
            if let Some(end) = match_at(text, start, word) {
                found.push(start..end);
                from = end;
                continue 'scan;
            }
        }
    }
    found
}

/// The end of `word` if it occurs at `start` of `text`, ignoring case.
fn match_at(text: &str, start: usize, word: &str) -> Option<usize> {
    let mut rest = text[start..].char_indices();
    let mut end = start;
    for wanted in word.chars() {
        let (offset, c) = rest.next()?;
        if c != wanted && !c.to_lowercase().eq(wanted.to_lowercase()) {
            return None;
        }
        end = start + offset + c.len_utf8();
    }
    (!word.is_empty()).then_some(end)
}

#[cfg(test)]
#[path = "filter_tests.rs"]
mod tests;
