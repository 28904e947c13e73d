//! A query asked of the library's entries: what the library knows of each, with what only
//! the store knows ([`Beyond`]: the full-text index's answer for each text term, the
//! articles whose full text was read, the hidden ones).

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use super::Flag;
use super::matching::{Subject, has_words};
use crate::model::Tag;
use crate::model::library::Library;

/// What the library alone does not know of its entries, by entry index.
#[derive(Debug, Clone, Default)]
pub struct Beyond {
    /// For each text term of the query, in order, the entries the store's full-text index
    /// found: an article from the feed cache is searched there for its text (the library
    /// holds its title alone).
    pub found: Vec<HashSet<usize>>,
    /// Entries whose full text has been read from their page.
    pub full_text: HashSet<usize>,
    /// Entries a rule or an import hid.
    pub hidden: HashSet<usize>,
}

/// One entry of the library, as a query looks at it.
pub struct InLibrary<'a> {
    pub library: &'a Library,
    pub index: usize,
    pub beyond: &'a Beyond,
}

impl Subject for InLibrary<'_> {
    fn title(&self) -> &str {
        &self.library.entry(self.index).article.title
    }

    fn author(&self) -> Option<&str> {
        self.library.entry(self.index).article.author.as_deref()
    }

    fn link(&self) -> Option<&str> {
        self.library.entry(self.index).article.url.as_deref()
    }

    fn feed(&self) -> Option<(&str, &str)> {
        let entry = self.library.entry(self.index);
        let name = &self.library.sources()[entry.source?].name;
        Some((name, entry.feed.as_deref().unwrap_or_default()))
    }

    fn tags(&self) -> &[Tag] {
        &self.library.entry(self.index).article.tags
    }

    fn published(&self) -> Option<DateTime<Utc>> {
        self.library.entry(self.index).article.published
    }

    fn has(&self, flag: Flag) -> bool {
        let entry = self.library.entry(self.index);
        match flag {
            Flag::Unread => !entry.is_read(),
            Flag::Read => entry.is_read(),
            Flag::Bookmarked => entry.bookmarked,
            Flag::FullText => self.beyond.full_text.contains(&self.index),
            Flag::Hidden => self.beyond.hidden.contains(&self.index),
        }
    }

    fn has_words(&self, term: usize, words: &[String]) -> bool {
        self.beyond
            .found
            .get(term)
            .is_some_and(|found| found.contains(&self.index))
            || has_words(self.library.search_text(self.index), words)
    }
}
