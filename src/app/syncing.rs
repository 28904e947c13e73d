//! Sync in the reader: asked for as the reader starts, on `r` and by the clock every `every`
//! minutes, and run on a worker; what it brings joins the library; a mark-all-read of a list
//! the server knows goes to it as one request.

use super::App;
use crate::effect::Effect;
use crate::model::counted;
use crate::store::ReadScope;
use crate::sync::Outcome;
use crate::worker::sync::{SyncReport, SyncRequest};

impl App {
    /// Asks for a sync, unless one is under way or sync is off.
    pub(super) fn start_sync(&mut self, by_the_clock: bool) -> Vec<Effect> {
        let now = self.now();
        if (self.sync.as_mut()).is_some_and(|sync| sync.start(now, by_the_clock)) {
            vec![Effect::Sync(SyncRequest::Now)]
        } else {
            Vec::new()
        }
    }

    /// Every minute: a sync when its time has come.
    pub(super) fn sync_due(&mut self) -> Vec<Effect> {
        let now = self.now();
        if self.sync.as_ref().is_some_and(|sync| sync.is_due(now)) {
            self.start_sync(true)
        } else {
            Vec::new()
        }
    }

    /// The feeds a refresh asks for here, of `only` (`None`: all of them): with sync on, the
    /// server's feeds are left to the sync, and the rest are named.
    pub(super) fn fetched_here(&self, only: Option<Vec<String>>) -> Option<Vec<String>> {
        let Some(sync) = &self.sync else {
            return only;
        };
        let urls = only.unwrap_or_else(|| self.feeds.urls());
        Some(urls.into_iter().filter(|url| !sync.holds(url)).collect())
    }

    /// What the list as shown is on the server, for `A` to send as one mark-all-read.
    pub(super) fn server_scope(&self) -> Option<ReadScope> {
        self.sync.as_ref()?;
        crate::sync::read_scope(self.list.filter(), &self.library)
    }

    pub(super) fn on_sync(&mut self, report: SyncReport) {
        let Some(sync) = &mut self.sync else {
            return;
        };
        match report {
            SyncReport::Progress(progress) => sync.progressed(progress),
            SyncReport::Finished(Ok(outcome)) => self.synced(*outcome),
            SyncReport::Finished(Err(failure)) => {
                if sync.failed(failure.queued) {
                    self.set_error(format!(
                        "sync failed: {} · {} waiting",
                        failure.message,
                        counted(failure.queued, "change")
                    ));
                }
            }
        }
    }

    /// Puts what a sync brought into the library: new feeds and articles, and the read and
    /// starred states the server had for articles not changed here meanwhile.
    fn synced(&mut self, outcome: Outcome) {
        let Some(sync) = &mut self.sync else {
            return;
        };
        let now = self.screen.now();
        for feed in &outcome.feeds {
            sync.holds_now(&feed.url);
            let name = if feed.title.is_empty() {
                &feed.url
            } else {
                &feed.title
            };
            self.library.add_feed(&feed.url, Some(name));
            self.feeds.synced(&feed.url, name, now);
        }
        let place = self.list.place();
        if !outcome.new.is_empty()
            || !outcome.removed_feeds.is_empty()
            || !outcome.moved_feeds.is_empty()
        {
            // Laid out before, an article may be a saved copy now (its feed went), or the
            // cached article again (its feed came back).
            self.reader.forget_layouts();
        }
        for (url, articles) in outcome.new {
            for article in articles {
                self.library.add_cached(&url, article);
            }
        }
        self.library.sort();
        for moved in &outcome.moved_feeds {
            self.library.move_feed(&moved.url, &moved.from, &moved.to);
        }
        let changes = &outcome.changes;
        for (ids, read) in [(&changes.read, true), (&changes.unread, false)] {
            for id in ids.iter().filter(|id| !sync.was_changed_here(id)) {
                if let Some(index) = self.library.position(id) {
                    self.library.set_read(index, read);
                    self.queries.entry_changed(&self.library, index);
                }
            }
        }
        for (ids, starred) in [(&changes.starred, true), (&changes.unstarred, false)] {
            for id in ids.iter().filter(|id| !sync.was_changed_here(id)) {
                if let Some(index) = self.library.position(id) {
                    let entry = self.library.entry_mut(index);
                    let new_star = starred && !entry.bookmarked;
                    entry.bookmarked = starred;
                    if new_star {
                        self.library.saved_now(id, now);
                    }
                    self.queries.entry_changed(&self.library, index);
                }
                if starred {
                    self.list.starred_again(id);
                } else {
                    self.library.unsaved(id);
                    self.list.lost_stars([id.clone()], now);
                }
            }
        }
        for url in &outcome.removed_feeds {
            sync.let_go(url);
            self.feeds.remove(url);
            if let Some(source) = self.library.drop_feed(url) {
                self.list.forget_source(source);
            }
        }
        let summary = outcome.summary;
        let gone = outcome.removed_feeds.len();
        let tell = sync.succeeded(summary.new > 0 || summary.pulled > 0 || gone > 0);
        self.nav.relist(&self.library, Some);
        self.list.refilter_all(&self.library, now);
        self.recount_queries();
        self.list.keep_row(place);
        if tell {
            let mut text = format!("synced: {}", summary.describe());
            if gone > 0 {
                text.push_str(&format!(" · {} left the server", counted(gone, "feed")));
            }
            self.set_info(text);
        }
    }
}
