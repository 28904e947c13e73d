//! A large feed cache is read in the background: the reader starts on its newest articles
//! and the whole list takes their place when it arrives, with everything done in between
//! kept (marks, loaded bodies, articles a refresh brought, the filter and the selection).

use std::collections::HashMap;

use super::App;
use super::remap::Remap;
use super::sync::SyncView;
use crate::model::Article;
use crate::model::library::{Library, Origin};
use crate::worker::list::{FullLibrary, ListReport};

impl App {
    /// The whole list arrived, or could not be read: then the newest articles stay.
    pub(super) fn on_whole_list(&mut self, report: ListReport) {
        match report {
            Ok(full) => self.on_full_library(*full),
            Err(problem) => {
                self.jobs.list_loaded();
                self.set_error(format!("only the newest articles are listed: {problem}"));
            }
        }
    }

    fn on_full_library(&mut self, full: FullLibrary) {
        let FullLibrary {
            mut library,
            problems,
        } = full;
        let before = std::mem::take(&mut self.library);
        carry_over(&before, &mut library);
        // The feeds the sync server stopped holding in this run are taken out again.
        for url in self.sync.iter().flat_map(SyncView::dropped) {
            library.drop_feed(url);
        }
        let remap = Remap::new(&before, &library);
        self.nav.relist(&library, |item| remap.item(item));
        self.list
            .carry_into(&before, &library, &remap, self.screen.now());
        self.reader.carry_into(&remap);
        self.library = library;
        self.recount_queries();
        self.jobs.list_loaded();
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
