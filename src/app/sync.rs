//! What the reader knows of sync with the `[sync]` server: when it syncs, the sync under way
//! and how far it got, whether the server is away and how many changes wait, the feeds the
//! server holds (not refreshed here), and the articles whose marks changed here meanwhile.

use std::collections::HashSet;

use chrono::{DateTime, TimeDelta, Utc};

use crate::model::{ArticleId, counted};
use crate::sync::Progress;

#[derive(Debug, Clone, Default)]
pub struct SyncView {
    /// How often the clock syncs; `None`: only as the reader starts and on `r`.
    every: Option<TimeDelta>,
    /// When the last sync started.
    started: Option<DateTime<Utc>>,
    /// Whether a sync is under way, and how far it got.
    running: Option<Option<Progress>>,
    /// The sync under way was started by the clock: it tells only of what it brought.
    by_the_clock: bool,
    /// Changes waiting while the server is away (the last sync failed).
    offline: Option<usize>,
    /// Articles whose marks changed here since the last sync ended: what a sync says of
    /// them may be older than the change, which wins.
    touched: HashSet<ArticleId>,
    /// The addresses of the feeds the server holds: they are not refreshed here.
    server_feeds: HashSet<String>,
    /// The feeds the server stopped holding in this run, taken out of the library: taken out
    /// again of a whole list read in the background meanwhile.
    dropped: HashSet<String>,
}

impl SyncView {
    /// Sync every `every` minutes (0: only as the reader starts and on `r`), with the feeds
    /// the server held at the last sync.
    pub(super) fn new(every: u16, server_feeds: impl IntoIterator<Item = String>) -> Self {
        Self {
            every: (every > 0).then(|| TimeDelta::minutes(i64::from(every))),
            server_feeds: server_feeds.into_iter().collect(),
            ..Self::default()
        }
    }

    /// Whether a sync is under way.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// "syncing 200/5000 articles", while a sync runs.
    pub fn activity(&self) -> Option<String> {
        let running = self.running?;
        Some(running.map_or_else(|| "syncing…".to_string(), |p| p.describe()))
    }

    /// How many changes wait while the server is away.
    pub fn offline(&self) -> Option<usize> {
        self.offline
    }

    /// "offline: 3 changes waiting", while the server is away.
    pub fn offline_text(&self) -> Option<String> {
        Some(match self.offline? {
            0 => "offline: no changes waiting".to_string(),
            waiting => format!("offline: {} waiting", counted(waiting, "change")),
        })
    }

    /// A sync starts `now`, unless one is under way: whether it starts.
    pub(super) fn start(&mut self, now: DateTime<Utc>, by_the_clock: bool) -> bool {
        if self.running.is_some() {
            return false;
        }
        self.running = Some(None);
        self.started = Some(now);
        self.by_the_clock = by_the_clock;
        true
    }

    /// Whether the clock says it is time to sync.
    pub(super) fn is_due(&self, now: DateTime<Utc>) -> bool {
        self.every
            .is_some_and(|every| self.started.is_none_or(|last| now - last >= every))
    }

    /// Whether the server holds the feed at `url`: the sync brings it, not a refresh.
    pub(super) fn holds(&self, url: &str) -> bool {
        self.server_feeds.contains(url)
    }

    /// The marks of these articles changed here.
    pub(super) fn changed_here<'a>(&mut self, ids: impl IntoIterator<Item = &'a ArticleId>) {
        self.touched.extend(ids.into_iter().cloned());
    }

    /// Whether this article's marks changed here since the last sync ended.
    pub(super) fn was_changed_here(&self, id: &ArticleId) -> bool {
        self.touched.contains(id)
    }

    /// How many changes wait for the server, after one was saved: counted while it is away.
    pub(super) fn queued(&mut self, queued: usize) {
        if let Some(waiting) = &mut self.offline {
            *waiting = queued;
        }
    }

    pub(super) fn progressed(&mut self, progress: Progress) {
        self.running = Some(Some(progress));
    }

    /// The sync failed, with `queued` changes waiting: whether to say so (not again for a
    /// sync of the clock while the server is away).
    pub(super) fn failed(&mut self, queued: usize) -> bool {
        self.running = None;
        let quiet = self.by_the_clock && self.offline.is_some();
        self.offline = Some(queued);
        !quiet
    }

    /// The server holds the feed at `url`.
    pub(super) fn holds_now(&mut self, url: &str) {
        self.server_feeds.insert(url.to_string());
        self.dropped.remove(url);
    }

    /// The server stopped holding the feed at `url`.
    pub(super) fn let_go(&mut self, url: &str) {
        self.server_feeds.remove(url);
        self.dropped.insert(url.to_string());
    }

    /// The feeds the server stopped holding in this run.
    pub(super) fn dropped(&self) -> impl Iterator<Item = &String> {
        self.dropped.iter()
    }

    /// The sync ended well, having brought something (`brought`): whether to say what it
    /// brought (a sync of the clock that brought nothing, with the server there before,
    /// says nothing).
    pub(super) fn succeeded(&mut self, brought: bool) -> bool {
        let tell = !self.by_the_clock || brought || self.offline.is_some();
        self.touched.clear();
        self.running = None;
        self.offline = None;
        tell
    }
}

#[cfg(test)]
#[path = "sync_tests.rs"]
mod tests;
