//! Sync in the reader: asked for as the reader starts, on `r` and by the clock every `every`
//! minutes, and run on a worker; what it brings joins the library; a mark-all-read of a list
//! the server knows goes to it as one request; and while the server is away the status line
//! says how many changes wait.

use std::collections::HashSet;

use chrono::{DateTime, TimeDelta, Utc};

use super::{App, Effect, FeedStatus};
use crate::model::library::Library;
use crate::model::{ArticleId, counted};
use crate::store::ReadScope;
use crate::sync::{Outcome, Progress};
use crate::worker::store::StoreRequest;
use crate::worker::sync::{SyncReport, SyncRequest};

/// What the reader knows of sync with the `[sync]` server.
#[derive(Debug, Clone, Default)]
pub struct SyncView {
    /// How often the clock syncs; `None`: only as the reader starts and on `r`.
    every: Option<TimeDelta>,
    /// When the last sync started.
    started: Option<DateTime<Utc>>,
    /// Whether a sync is under way, and how far it got.
    pub running: Option<Option<Progress>>,
    /// The sync under way was started by the clock: it tells only of what it brought.
    by_the_clock: bool,
    /// Changes waiting while the server is away (the last sync failed).
    pub offline: Option<usize>,
    /// Articles whose marks changed here since the last sync ended: what a sync says of
    /// them may be older than the change, which wins.
    touched: HashSet<ArticleId>,
    /// The addresses of the feeds the server holds: they are not refreshed here.
    server_feeds: HashSet<String>,
    /// The feeds the server stopped holding in this run, taken out of the library: taken out
    /// again of a whole list read in the background meanwhile.
    dropped: HashSet<String>,
}

impl App {
    /// Turns sync on for this run: every `every` minutes (0: only as the reader starts and
    /// on `r`), with the feeds the server held at the last sync.
    pub fn enable_sync(&mut self, every: u16, server_feeds: impl IntoIterator<Item = String>) {
        self.sync = Some(SyncView {
            every: (every > 0).then(|| TimeDelta::minutes(i64::from(every))),
            server_feeds: server_feeds.into_iter().collect(),
            ..SyncView::default()
        });
    }

    /// Asks for a sync, unless one is under way or sync is off.
    pub(super) fn start_sync(&mut self, by_the_clock: bool) -> Vec<Effect> {
        let now = self.now;
        match &mut self.sync {
            Some(sync) if sync.running.is_none() => {
                sync.running = Some(None);
                sync.started = Some(now);
                sync.by_the_clock = by_the_clock;
                vec![Effect::Sync(SyncRequest::Now)]
            }
            _ => Vec::new(),
        }
    }

    /// Every minute: a sync when its time has come.
    pub(super) fn sync_due(&mut self, now: DateTime<Utc>) -> Vec<Effect> {
        let due = self.sync.as_ref().is_some_and(|sync| {
            sync.every
                .is_some_and(|every| sync.started.is_none_or(|last| now - last >= every))
        });
        if due {
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
        let urls = only.unwrap_or_else(|| self.feeds.iter().map(|f| f.url.clone()).collect());
        Some(
            urls.into_iter()
                .filter(|url| !sync.server_feeds.contains(url))
                .collect(),
        )
    }

    /// What the list as shown is on the server, for `A` to send as one mark-all-read.
    pub(super) fn server_scope(&self) -> Option<ReadScope> {
        self.sync.as_ref()?;
        crate::sync::read_scope(&self.filter, &self.library)
    }

    /// Notes the articles whose marks the effects change, while sync is on.
    pub(super) fn remember_changes(&mut self, effects: &[Effect]) {
        let Some(sync) = &mut self.sync else {
            return;
        };
        for effect in effects {
            match effect {
                Effect::Store(StoreRequest::SaveBookmark(article)) => {
                    sync.touched.insert(article.id.clone());
                }
                Effect::Store(StoreRequest::RemoveBookmark(id) | StoreRequest::MarkRead(id)) => {
                    sync.touched.insert(id.clone());
                }
                Effect::Store(
                    StoreRequest::SetRead { ids, .. } | StoreRequest::MarkAllRead { ids, .. },
                ) => {
                    sync.touched.extend(ids.iter().cloned());
                }
                _ => {}
            }
        }
    }

    /// How many changes wait for the server, after one was saved: counted while it is away.
    pub(super) fn on_queued(&mut self, queued: usize) {
        if let Some(SyncView {
            offline: Some(waiting),
            ..
        }) = &mut self.sync
        {
            *waiting = queued;
        }
    }

    pub(super) fn on_sync(&mut self, event: SyncReport) {
        let Some(sync) = &mut self.sync else {
            return;
        };
        match event {
            SyncReport::Progress(progress) => sync.running = Some(Some(progress)),
            SyncReport::Finished(Ok(outcome)) => self.on_synced(*outcome),
            SyncReport::Finished(Err(failure)) => {
                sync.running = None;
                let quiet = sync.by_the_clock && sync.offline.is_some();
                sync.offline = Some(failure.queued);
                if !quiet {
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
    fn on_synced(&mut self, outcome: Outcome) {
        let Some(mut sync) = self.sync.take() else {
            return;
        };
        let now = self.now;
        for feed in &outcome.feeds {
            sync.server_feeds.insert(feed.url.clone());
            sync.dropped.remove(&feed.url);
            let name = if feed.title.is_empty() {
                feed.url.clone()
            } else {
                feed.title.clone()
            };
            self.library.add_feed(&feed.url, Some(&name));
            match self.feeds.iter_mut().find(|f| f.url == feed.url) {
                Some(status) => {
                    status.name = name;
                    status.last_refresh = Some(now);
                    status.last_checked = Some(now);
                    status.error = None;
                }
                None => self.feeds.push(FeedStatus {
                    url: feed.url.clone(),
                    name,
                    last_refresh: Some(now),
                    last_checked: Some(now),
                    every: None,
                    error: None,
                    note: None,
                }),
            }
        }
        let row = self.selected.saturating_sub(self.list_offset);
        if !outcome.new.is_empty()
            || !outcome.removed_feeds.is_empty()
            || !outcome.moved_feeds.is_empty()
        {
            // Laid out before, an article may be a saved copy now (its feed went), or the
            // cached article again (its feed came back).
            self.wrap_cache.clear();
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
            for id in ids.iter().filter(|id| !sync.touched.contains(id)) {
                if let Some(index) = self.library.position(id) {
                    self.library.set_read(index, read);
                }
            }
        }
        for (ids, starred) in [(&changes.starred, true), (&changes.unstarred, false)] {
            for id in ids.iter().filter(|id| !sync.touched.contains(id)) {
                if let Some(index) = self.library.position(id) {
                    let entry = self.library.entry_mut(index);
                    let new_star = starred && !entry.bookmarked;
                    entry.bookmarked = starred;
                    if new_star {
                        self.library.saved_now(id, self.now);
                    }
                }
                if starred {
                    self.starred_again(id);
                } else {
                    self.library.unsaved(id);
                    self.lost_stars([id.clone()]);
                }
            }
        }
        for url in &outcome.removed_feeds {
            sync.server_feeds.remove(url);
            sync.dropped.insert(url.clone());
            self.feeds.retain(|feed| feed.url != *url);
            if let Some(source) = self.library.drop_feed(url) {
                self.filter.sources.remove(&source);
            }
        }
        self.relist_nav();
        self.refilter_all();
        self.list_offset = self.selected.saturating_sub(row);
        let summary = outcome.summary;
        let gone = outcome.removed_feeds.len();
        if !sync.by_the_clock
            || summary.new > 0
            || summary.pulled > 0
            || gone > 0
            || sync.offline.is_some()
        {
            let mut text = format!("synced: {}", summary.describe());
            if gone > 0 {
                text.push_str(&format!(" · {} left the server", counted(gone, "feed")));
            }
            self.set_info(text);
        }
        sync.touched.clear();
        sync.running = None;
        sync.offline = None;
        self.sync = Some(sync);
    }

    /// Takes the feeds the server stopped holding in this run out of a library read
    /// meanwhile.
    pub(super) fn drop_feeds_left(&self, library: &mut Library) {
        for url in self.sync.iter().flat_map(|sync| &sync.dropped) {
            library.drop_feed(url);
        }
    }

    /// "syncing 200/5000 articles", while a sync runs.
    pub fn sync_activity(&self) -> Option<String> {
        let running = self.sync.as_ref()?.running?;
        Some(running.map_or_else(|| "syncing…".to_string(), |p| p.describe()))
    }

    /// "offline: 3 changes waiting", while the server is away.
    pub fn offline_text(&self) -> Option<String> {
        Some(match self.sync.as_ref()?.offline? {
            0 => "offline: no changes waiting".to_string(),
            waiting => format!("offline: {} waiting", counted(waiting, "change")),
        })
    }
}
