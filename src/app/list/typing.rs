//! The search as it is typed: `/` starts it, each key narrows the list, Enter keeps it, Esc
//! puts back the search of before; and what the store's full-text index is asked and
//! finds for it.

use chrono::{DateTime, Utc};

use super::List;
use std::collections::HashSet;

use crate::model::ArticleId;
use crate::model::library::Library;
use crate::query::Beyond;
use crate::sanitize;
use crate::worker::store::StoreRequest;

impl List {
    /// What is missing from the search text as a query (`query: expected a value after
    /// 'tag:' at column 5`), while it does not parse: it is searched as words meanwhile.
    pub fn search_problem(&self) -> Option<&str> {
        self.search_problem.as_deref()
    }

    /// Whether search text is being typed.
    pub fn is_typing_search(&self) -> bool {
        self.search.before.is_some()
    }

    /// While search text is being typed: the search as it was before `/`, which Esc puts
    /// back.
    pub fn search_before_typing(&self) -> Option<&str> {
        self.search.before.as_deref()
    }

    /// `/`: typing starts, from the search as it is.
    pub(in crate::app) fn start_search(&mut self) {
        self.search.before = Some(self.filter.search.clone());
    }

    /// Enter: the search typed is kept.
    pub(in crate::app) fn keep_search(&mut self) {
        self.search.before = None;
    }

    /// Esc: the search as it was before `/`.
    pub(in crate::app) fn cancel_search(&mut self, library: &Library, now: DateTime<Utc>) {
        self.filter.search = self.search.before.take().unwrap_or_default();
        self.refilter(library, now);
    }

    /// Ctrl-u: the search typed so far, cleared.
    pub(in crate::app) fn clear_search(&mut self, library: &Library, now: DateTime<Utc>) {
        self.filter.search.clear();
        self.refilter(library, now);
    }

    /// Backspace.
    pub(in crate::app) fn erase_in_search(&mut self, library: &Library, now: DateTime<Utc>) {
        self.filter.search.pop();
        self.refilter(library, now);
    }

    /// A key typed into the search, made safe and on one line.
    pub(in crate::app) fn type_in_search(
        &mut self,
        typed: char,
        library: &Library,
        now: DateTime<Utc>,
    ) {
        let typed = sanitize::clean_text(&typed.to_string()).replace(['\n', '\t'], " ");
        self.filter.search.push_str(&typed);
        self.refilter(library, now);
    }

    /// Pasted text, into the search while it is typed; anywhere else it is nothing.
    pub(in crate::app) fn paste(&mut self, text: &str, library: &Library, now: DateTime<Utc>) {
        if self.is_typing_search() {
            self.filter.search.push_str(&sanitize::clean_line(text));
            self.refilter(library, now);
        }
    }

    /// The search to ask of the store's index, when it differs from the last asked (typed on,
    /// cleared, or to be asked again): the text, when it is worth asking (words, and a
    /// cache).
    pub(in crate::app) fn search_to_ask(&mut self, library: &Library) -> Option<StoreRequest> {
        let search = &self.filter.search;
        if *search == self.search.asked {
            return None;
        }
        self.search.asked.clone_from(search);
        if search.trim().is_empty() {
            return None;
        }
        // A query beyond words asks for what each of its text terms finds, and the full
        // texts read (`is:fulltext`), even without a cache.
        match crate::query::parse(search) {
            Ok(query) if !query.is_words() => Some(StoreRequest::SearchFacts {
                search: search.clone(),
                terms: query.text_terms(),
            }),
            _ => library
                .has_cached()
                .then(|| StoreRequest::Search(search.clone())),
        }
    }

    /// What the store found for a query typed in the search box: the list shows it, if the
    /// search is still the one typed.
    pub(in crate::app) fn add_search_facts(
        &mut self,
        search: String,
        found: &[Vec<ArticleId>],
        full_text: &[ArticleId],
        library: &Library,
        now: DateTime<Utc>,
    ) {
        if search != self.filter.search {
            return;
        }
        let positions = |ids: &[ArticleId]| -> HashSet<usize> {
            ids.iter().filter_map(|id| library.position(id)).collect()
        };
        let beyond = Beyond {
            found: found.iter().map(|ids| positions(ids)).collect(),
            full_text: positions(full_text),
            hidden: HashSet::new(),
        };
        self.search.facts = Some((search, beyond));
        self.refilter_all(library, now);
    }

    /// The search is to be asked of the index again: the index now has every article.
    pub(in crate::app) fn ask_search_again(&mut self) {
        self.search.asked.clear();
    }

    /// What the full-text index found for `query`: the list shows it, if the search is still
    /// the one typed.
    pub(in crate::app) fn add_search_hits(
        &mut self,
        query: String,
        found: &[ArticleId],
        library: &Library,
        now: DateTime<Utc>,
    ) {
        if query != self.filter.search {
            return;
        }
        self.search.found(query, found, library);
        self.refilter_all(library, now);
    }
}
