//! The reindexer: indexes the feed cache anew for search (once, after an upgrade to search
//! in every script), on its own connection to the store, reporting each batch done and the
//! end, while the reader runs.

use std::path::PathBuf;

use super::{Reply, Worker};
use crate::store::{Reindexing, Store};

/// Index the cache anew now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReindexRequest {
    Start,
}

/// Indexing the cache anew (schema version 9, search in every script).
#[derive(Debug, Clone, PartialEq)]
pub enum ReindexReport {
    /// A batch of articles was done.
    Progress(Reindexing),
    /// Every article is done, or why not.
    Finished(Result<(), String>),
}

pub struct Reindexer {
    data_dir: PathBuf,
    reply: Reply<ReindexReport>,
}

impl Reindexer {
    pub fn new(data_dir: PathBuf, reply: Reply<ReindexReport>) -> Self {
        Self { data_dir, reply }
    }
}

impl Worker for Reindexer {
    type Request = ReindexRequest;
    type Report = ReindexReport;

    fn handle(&mut self, ReindexRequest::Start: ReindexRequest) {
        let result = Store::open(&self.data_dir).and_then(|store| {
            store.reindex(|progress| {
                self.reply.send(ReindexReport::Progress(progress));
            })
        });
        let result = result.map_err(|error| error.to_string());
        self.reply.send(ReindexReport::Finished(result));
    }
}
