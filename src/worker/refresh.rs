//! The refresh worker: refreshes the reader's feeds, each refresh on a thread of its own
//! with its own connection to the store, reporting each feed as it is done and the end.

use std::path::PathBuf;
use std::thread;

use super::{Reply, Worker};
use crate::model::Subscription;
use crate::refresh::{self, FeedReport, Options, Summary};
use crate::store::Store;

/// Refresh every feed, or the feeds with these addresses; `force` asks even feeds that said
/// they are still fresh.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefreshRequest {
    pub only: Option<Vec<String>>,
    pub force: bool,
    /// Feeds subscribed to since the run started (`+`), refreshed from now on.
    pub add: Vec<Subscription>,
}

/// Progress of a refresh.
#[derive(Debug, Clone, PartialEq)]
pub enum RefreshReport {
    Feed { done: usize, report: FeedReport },
    Finished(Summary),
}

/// The feeds this run refreshes, and how.
pub struct RefreshWorker {
    feeds: Vec<Subscription>,
    options: Options,
    /// Where the store is, to keep what comes; `None` for feeds shown for one run only.
    data_dir: Option<PathBuf>,
    reply: Reply<RefreshReport>,
}

impl RefreshWorker {
    pub fn new(
        feeds: Vec<Subscription>,
        options: Options,
        data_dir: Option<PathBuf>,
        reply: Reply<RefreshReport>,
    ) -> Self {
        Self {
            feeds,
            options,
            data_dir,
            reply,
        }
    }
}

impl Worker for RefreshWorker {
    type Request = RefreshRequest;
    type Report = RefreshReport;

    /// Refreshes on a thread of its own: the app asks for one refresh at a time, and a long
    /// one does not hold up the worker.
    fn handle(&mut self, RefreshRequest { only, force, add }: RefreshRequest) {
        for feed in add {
            if !self.feeds.iter().any(|known| known.url == feed.url) {
                self.feeds.push(feed);
            }
        }
        let feeds: Vec<Subscription> = self
            .feeds
            .iter()
            .filter(|f| only.as_ref().is_none_or(|urls| urls.contains(&f.url)))
            .cloned()
            .collect();
        let options = Options {
            force,
            ..self.options.clone()
        };
        let data_dir = self.data_dir.clone();
        let reply = self.reply.clone();
        thread::spawn(move || {
            crate::isolate::test_crash("refresh");
            // Its own connection: SQLite in WAL mode lets it write while the reader saves.
            let store = data_dir.and_then(|dir| Store::open(&dir).ok());
            let summary = refresh::refresh(&feeds, store.as_ref(), &options, |done, report| {
                let report = report.clone();
                reply.send(RefreshReport::Feed { done, report });
            });
            reply.send(RefreshReport::Finished(summary));
        });
    }
}
