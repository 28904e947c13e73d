//! A large feed cache is read in the background: the reader starts on its newest articles
//! and the whole list takes their place when it arrives, with everything done in between
//! kept (marks, loaded bodies, articles a refresh brought, the filter and the selection).

use std::collections::HashMap;

use super::{App, NavItem};
use crate::model::library::{Library, Origin};
use crate::model::{Article, ArticleId};
use crate::worker::list::FullLibrary;

impl App {
    /// The list shows only the newest cached articles until the rest arrive.
    pub fn start_with_newest(&mut self) {
        self.loading_list = true;
    }

    pub(super) fn on_full_library(&mut self, full: FullLibrary) {
        let FullLibrary {
            mut library,
            problems,
        } = full;
        let before = std::mem::take(&mut self.library);
        carry_over(&before, &mut library);
        self.drop_feeds_left(&mut library);

        let id_of = |index: usize| before.entry(index).article.id.clone();
        let selected = self.visible.get(self.selected).map(|&i| id_of(i));
        let in_reader = self.reader.as_ref().map(|r| id_of(r.article));
        let lingering = self.lingering.map(id_of);
        let new_tag = |id: usize| library.tag_id(&before.tags()[id].tag.key());
        let new_source = |id: usize| library.find_source(&before.sources()[id].key);
        self.filter.tags = self
            .filter
            .tags
            .iter()
            .filter_map(|&t| new_tag(t))
            .collect();
        self.filter.sources = self
            .filter
            .sources
            .iter()
            .filter_map(|&s| new_source(s))
            .collect();
        let same_item = |item: NavItem| match item {
            NavItem::Tag(id) => new_tag(id).map(NavItem::Tag),
            NavItem::Source(id) => new_source(id).map(NavItem::Source),
        };
        let mut nav = std::mem::take(&mut self.nav);
        nav.relist(&library, same_item);
        self.cache_hits = self.cache_hits.take().map(|(query, found)| {
            let mut hits = vec![false; library.len()];
            let found = (0..before.len()).filter(|&i| found.get(i) == Some(&true));
            for index in found.filter_map(|i| library.position(&id_of(i))) {
                hits[index] = true;
            }
            (query, hits)
        });
        // The index may find more among the whole cache than among the newest articles.
        self.searched.clear();

        self.library = library;
        self.nav = nav;
        self.wrap_cache.clear();
        let position = |id: Option<ArticleId>| id.and_then(|id| self.library.position(&id));
        let (selected, in_reader) = (position(selected), position(in_reader));
        self.lingering = position(lingering);
        if let Some(reader) = &mut self.reader {
            match in_reader {
                Some(index) => reader.article = index,
                None => self.reader = None,
            }
        }
        self.visible = Vec::new();
        self.refilter_all();
        self.selected = selected
            .and_then(|index| self.visible.iter().position(|&v| v == index))
            .unwrap_or(0);
        self.loading_list = false;
        if let Some(first) = problems.first() {
            self.set_error(first.clone());
        }
    }
}

/// Brings into `after`, the library read in the background, what `before` learnt since the
/// read began: its copy of an article with a body (loaded, or brought by a refresh) and
/// articles `after` lacks, then the read and bookmark marks of every article it has.
fn carry_over(before: &Library, after: &mut Library) {
    let mut by_feed: HashMap<Option<&str>, Vec<Article>> = HashMap::new();
    let mut saved = Vec::new();
    for entry in before.entries() {
        let known = after.position(&entry.article.id).is_some();
        match entry.origin {
            Origin::SavedOnly if !known => saved.push(entry.article.clone()),
            Origin::SavedOnly => {}
            Origin::Source if !known || (entry.feed.is_some() && !entry.body_in_store) => by_feed
                .entry(entry.feed.as_deref())
                .or_default()
                .push(entry.article.clone()),
            Origin::Source => {}
        }
    }
    for (feed, articles) in by_feed {
        after.merge(feed, articles);
    }
    if !saved.is_empty() {
        after.add_saved(saved);
    }
    for entry in before.entries() {
        if let Some(index) = after.position(&entry.article.id) {
            after.set_read(index, entry.is_read());
            after.entry_mut(index).bookmarked = entry.bookmarked;
        }
    }
    after.add_feeds_of(before);
    after.add_save_times_of(before);
}
