//! The list as the filter shows it: filtered again from the whole library, or narrowed as a
//! search is typed on, with what the store's full-text index found, keeping the selected
//! article selected and the count of unread articles shown. The bookmarks view lists the
//! newest saved first.

use chrono::{DateTime, Utc};

use super::List;
use crate::model::filter::Filter;
use crate::model::library::Library;
use crate::query::{Beyond, InLibrary, Matcher};

impl List {
    /// Re-applies the filter, keeping the selected article selected when it still shows. When
    /// only the search changed, by typing on, the current list is narrowed.
    pub(super) fn refilter(&mut self, library: &Library, now: DateTime<Utc>) {
        let only_narrower = !is_query(&self.filter.search)
            && self.filter.search.len() > self.filtered_by.search.len()
            && self.filter.search.starts_with(&self.filtered_by.search)
            && Filter {
                search: self.filtered_by.search.clone(),
                ..self.filter.clone()
            } == self.filtered_by;
        self.apply_filter(only_narrower, library, now);
    }

    /// Re-applies the filter to the whole library, after the library or the search's
    /// results changed.
    pub(in crate::app) fn refilter_all(&mut self, library: &Library, now: DateTime<Utc>) {
        self.apply_filter(false, library, now);
    }

    /// Filters the list, from the current list when `only_narrower` (the search was typed
    /// on), else from the whole library; the selected article stays selected if it shows.
    fn apply_filter(&mut self, only_narrower: bool, library: &Library, now: DateTime<Utc>) {
        let before = self.visible.get(self.selected).copied();
        if !only_narrower {
            let bookmarks_only = self.filter.bookmarks_only;
            self.unstarred.list_recent(library, now, bookmarks_only);
        }
        // A search in the query language beyond words is asked of each article; text that
        // does not parse yet is searched as words, and the list says what is missing.
        let asked = crate::query::parse(&self.filter.search);
        self.search_problem = asked.as_ref().err().map(ToString::to_string);
        let matcher = asked
            .ok()
            .filter(|query| !query.is_words())
            .map(|query| Matcher::new(&query, now));
        let words_filter;
        let filter = match matcher {
            Some(_) => {
                words_filter = Filter {
                    search: String::new(),
                    ..self.filter.clone()
                };
                &words_filter
            }
            None => &self.filter,
        };
        // What the store's full-text index found for this very search, if it has answered.
        let hits = self.search.hits_for(&self.filter.search);
        let found = |index: usize| hits.is_some_and(|found| found.get(index) == Some(&true));
        self.visible = if only_narrower {
            // Typing on at the end of the search: what matches now is among what matched, and
            // only the search changed.
            let words = self.filter.search_words();
            let mut visible = std::mem::take(&mut self.visible);
            visible.retain(|&i| {
                found(i) || {
                    let text = library.search_text(i);
                    words.iter().all(|w| text.contains(w.as_str()))
                }
            });
            visible
        } else {
            let mut visible =
                filter.apply_among_bookmarks(library, found, self.lingering, |index| {
                    self.unstarred.is_listed(index)
                });
            if let Some(matcher) = &matcher {
                let none = Beyond::default();
                let beyond = self.search.facts_for(&self.filter.search).unwrap_or(&none);
                visible.retain(|&index| {
                    Some(index) == self.lingering
                        || matcher.matches(&InLibrary {
                            library,
                            index,
                            beyond,
                        })
                });
            }
            if self.filter.bookmarks_only {
                // Newest saved first, as `tidings bookmarks` lists them; those whose time is
                // not known (a copy that could not be read) after, newest article first.
                visible.sort_by_key(|&index| std::cmp::Reverse(library.saved_time(index)));
            }
            self.unstarred.put_last(visible, self.filter.bookmarks_only)
        };
        if !self.filter.queries.is_empty() {
            let in_queries = &self.in_queries;
            self.visible
                .retain(|&index| in_queries.get(index) == Some(&true));
        }
        self.filtered_by = self.filter.clone();
        self.selected = before
            .and_then(|index| self.visible.iter().position(|&v| v == index))
            .unwrap_or(0);
        self.count_unread(library);
    }

    /// Counts the unread articles of the list again, after the list or read marks changed.
    pub(in crate::app) fn count_unread(&mut self, library: &Library) {
        self.unread = self
            .visible
            .iter()
            .filter(|&&i| !library.entry(i).is_read())
            .count();
    }
}

/// Whether a search is in the query language beyond plain words (`is:unread`, `title:x`,
/// `OR`…): then it is asked of each article, not of the index.
pub(super) fn is_query(search: &str) -> bool {
    crate::query::parse(search).is_ok_and(|query| !query.is_words())
}
