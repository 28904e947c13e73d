//! The saved queries of the navigation pane's Queries section (`[[queries]]` and those kept
//! in the store): which articles of the library each matches, and their unread and total
//! counts, made once when the library changes and kept current one article at a time as
//! articles are read or bookmarked, never by recounting the library on a key.

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use crate::model::ArticleId;
use crate::model::library::{Library, Origin};
use crate::query::{Beyond, InLibrary, Matcher, SavedQuery};

#[derive(Debug, Default)]
pub struct Queries {
    saved: Vec<SavedQuery>,
    matchers: Vec<Matcher>,
    /// Each query's text terms, as the store's index is asked for them.
    terms: Vec<Vec<Vec<String>>>,
    /// What only the store knows, by query: for each of its text terms, the entries the
    /// index found; and, for all, the entries whose full text was read.
    beyond: Vec<Beyond>,
    /// By query, whether each entry of the library matches.
    members: Vec<Vec<bool>>,
    /// By query: (unread, total) among the articles of this run's sources.
    counts: Vec<(usize, usize)>,
    /// Whether each entry was unread when last counted, to mend the counts when it changes.
    unread: Vec<bool>,
}

impl Queries {
    pub fn new(mut saved: Vec<SavedQuery>, now: DateTime<Utc>) -> Self {
        // A name from the config, the store or another reader's files is shown as text.
        for query in &mut saved {
            query.name = crate::sanitize::clean_line(&query.name);
        }
        let matchers = saved.iter().map(|q| Matcher::new(&q.query, now)).collect();
        let terms: Vec<_> = saved.iter().map(|q| q.query.text_terms()).collect();
        Self {
            beyond: vec![Beyond::default(); saved.len()],
            members: vec![Vec::new(); saved.len()],
            counts: vec![(0, 0); saved.len()],
            unread: Vec::new(),
            matchers,
            terms,
            saved,
        }
    }

    pub fn len(&self) -> usize {
        self.saved.len()
    }

    pub fn is_empty(&self) -> bool {
        self.saved.is_empty()
    }

    pub fn name(&self, query: usize) -> &str {
        &self.saved[query].name
    }

    /// (unread, total) of the query's articles.
    pub fn counts(&self, query: usize) -> (usize, usize) {
        self.counts[query]
    }

    /// Whether the entry at `index` is among the query's articles.
    pub fn contains(&self, query: usize, index: usize) -> bool {
        self.members[query].get(index) == Some(&true)
    }

    /// By entry, whether every query of `chosen` matches it.
    pub fn members_of(&self, chosen: &std::collections::BTreeSet<usize>) -> Vec<bool> {
        let len = self.members.first().map_or(0, Vec::len);
        (0..len)
            .map(|index| chosen.iter().all(|&query| self.contains(query, index)))
            .collect()
    }

    /// Every query's text terms, in order, to ask of the store's index.
    pub(super) fn words_to_find(&self) -> Vec<Vec<String>> {
        self.terms.iter().flatten().cloned().collect()
    }

    /// What the store answered for [`Queries::words_to_find`], and the articles whose full
    /// text was read, kept for the next count.
    pub(super) fn found(
        &mut self,
        found: &[Vec<ArticleId>],
        full_text: &[ArticleId],
        library: &Library,
    ) {
        let positions = |ids: &[ArticleId]| -> HashSet<usize> {
            ids.iter().filter_map(|id| library.position(id)).collect()
        };
        let full_text = positions(full_text);
        let mut answers = found.iter();
        for (query, terms) in self.terms.iter().enumerate() {
            self.beyond[query] = Beyond {
                found: terms
                    .iter()
                    .map(|_| {
                        answers
                            .next()
                            .map_or_else(HashSet::new, |ids| positions(ids))
                    })
                    .collect(),
                full_text: full_text.clone(),
                hidden: HashSet::new(),
            };
        }
    }

    /// Every query asked of every entry again, after the library changed.
    pub(super) fn recount(&mut self, library: &Library) {
        self.unread = (0..library.len())
            .map(|index| !library.entry(index).is_read())
            .collect();
        for query in 0..self.saved.len() {
            let members: Vec<bool> = (0..library.len())
                .map(|index| self.matches(query, library, index))
                .collect();
            self.members[query] = members;
            self.counts[query] = self.count(query, library);
        }
    }

    /// Entries added to the library since it was counted (a feed's new articles, as a
    /// refresh brings them one feed at a time): each asked of every query and counted in.
    /// Articles replaced in place wait for the count at the refresh's end.
    pub(super) fn count_new(&mut self, library: &Library) {
        for index in self.unread.len()..library.len() {
            let entry = library.entry(index);
            let unread = !entry.is_read();
            let counted = entry.origin == Origin::Source;
            self.unread.push(unread);
            for query in 0..self.saved.len() {
                let matches = self.matches(query, library, index);
                self.members[query].push(matches);
                if matches && counted {
                    self.counts[query].0 += usize::from(unread);
                    self.counts[query].1 += 1;
                }
            }
        }
    }

    /// The entry at `index` was read or unread, bookmarked or not: each query asked of it
    /// again, and its counts mended by what changed.
    pub(super) fn entry_changed(&mut self, library: &Library, index: usize) {
        let entry = library.entry(index);
        let Some(was_unread) = self.unread.get(index).copied() else {
            return;
        };
        let counted = entry.origin == Origin::Source;
        let unread = !entry.is_read();
        self.unread[index] = unread;
        for query in 0..self.saved.len() {
            let was = self.members[query][index];
            let now = self.matches(query, library, index);
            self.members[query][index] = now;
            if counted {
                let (mut unread_count, mut total) = self.counts[query];
                if was {
                    total -= 1;
                    unread_count -= usize::from(was_unread);
                }
                if now {
                    total += 1;
                    unread_count += usize::from(unread);
                }
                self.counts[query] = (unread_count, total);
            }
        }
    }

    fn matches(&self, query: usize, library: &Library, index: usize) -> bool {
        self.matchers[query].matches(&InLibrary {
            library,
            index,
            beyond: &self.beyond[query],
        })
    }

    fn count(&self, query: usize, library: &Library) -> (usize, usize) {
        let mut counts = (0, 0);
        for (index, _) in self.members[query].iter().enumerate().filter(|(_, m)| **m) {
            let entry = library.entry(index);
            if entry.origin == Origin::Source {
                counts.1 += 1;
                counts.0 += usize::from(!entry.is_read());
            }
        }
        counts
    }
}

#[cfg(test)]
#[path = "queries_tests.rs"]
mod tests;
