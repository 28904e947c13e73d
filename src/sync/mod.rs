//! Sync with a feed server over the Google Reader API: the server is the source of the feeds
//! it holds, and read state and bookmarks (stars) go both ways without loss. A sync sends the
//! queue of local changes first ([`push`]), then takes the server's feeds, new items and
//! state ([`pull`]). It runs off the UI thread: `tidings sync` in the foreground, the reader
//! on its worker (`worker/sync.rs`).

pub mod client;
pub mod greader;
mod pull;
mod push;
pub mod subscriptions;

pub use crate::config::sync::{PASSWORD_VARIABLE, Password, PasswordSource, SyncConfig};
pub use client::{Client, SyncError};
pub use pull::{CONTENTS_BATCH, RECENT};

use chrono::Utc;
use serde::Serialize;

use crate::config::Config;
use crate::model::Article;
use crate::model::filter::Filter;
use crate::model::library::Library;
use crate::store::{MovedFeed, ReadScope, ServerFeed, StateChanges, Store};

/// What a sync did, for `tidings sync` and the status line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Local changes the server accepted.
    pub pushed: usize,
    /// Read and starred states taken from the server.
    pub pulled: usize,
    /// Articles new here.
    pub new: usize,
    /// Local changes the server did not accept; they stay queued.
    pub failed: usize,
    /// Feeds the server holds.
    pub feeds: usize,
    /// Changes still waiting.
    pub queued: usize,
}

impl Summary {
    /// "+12 new · 3 sent · 5 from the server".
    pub fn describe(&self) -> String {
        let mut parts = vec![format!("+{} new", self.new)];
        if self.pushed > 0 {
            parts.push(format!("{} sent", self.pushed));
        }
        if self.pulled > 0 {
            parts.push(format!("{} from the server", self.pulled));
        }
        if self.failed > 0 {
            parts.push(format!("{} refused", self.failed));
        }
        parts.join(" · ")
    }
}

/// Where a sync is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Pushing,
    Listing,
    Fetching,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub stage: Stage,
    pub done: usize,
    pub total: usize,
}

impl Progress {
    /// "sending 3/10", "listing", "syncing 200/5000".
    pub fn describe(&self) -> String {
        match self.stage {
            Stage::Pushing => format!("sending changes {}/{}", self.done, self.total),
            Stage::Listing => "listing the server's feeds".to_string(),
            Stage::Fetching => format!("syncing {}/{} articles", self.done, self.total),
        }
    }
}

/// Everything a sync brought, for the reader to show.
#[derive(Debug, Default)]
pub struct Outcome {
    pub summary: Summary,
    pub changes: StateChanges,
    /// New articles by feed address, without bodies.
    pub new: Vec<(String, Vec<Article>)>,
    pub feeds: Vec<ServerFeed>,
    pub removed_feeds: Vec<String>,
    /// Feeds moved to other folders on the server.
    pub moved_feeds: Vec<MovedFeed>,
}

/// How long cached articles are kept, as for feeds refreshed here.
#[derive(Debug, Clone, Copy, Default)]
pub struct Retention {
    pub keep_days: Option<u32>,
    pub keep_per_feed: Option<usize>,
}

impl Retention {
    pub fn from_config(config: &Config) -> Self {
        Self {
            keep_days: (config.keep_days > 0).then_some(config.keep_days),
            keep_per_feed: (config.keep_per_feed > 0).then_some(config.keep_per_feed as usize),
        }
    }
}

/// What a list shown with `filter` is on the server, for a mark-all-read of it: everything,
/// one feed or one tag (a folder there), narrowed by nothing else than unread-only. `None`
/// when it is anything else, as a search: its articles are then marked one by one.
pub fn read_scope(filter: &Filter, library: &Library) -> Option<ReadScope> {
    if !filter.search_words().is_empty() || filter.bookmarks_only {
        return None;
    }
    let source = filter.sources.iter().next();
    let tag = filter.tags.iter().next();
    match (filter.sources.len(), filter.tags.len()) {
        (0, 0) => Some(ReadScope::Everything),
        (1, 0) => {
            let url = library.sources()[*source?].key.feed_url()?;
            Some(ReadScope::Feed(url.to_string()))
        }
        (0, 1) => Some(ReadScope::Tag(library.tags()[*tag?].tag.to_string())),
        _ => None,
    }
}

/// A client for the config's server, with its password read now.
pub fn connect(config: &Config) -> Result<Client, SyncError> {
    let password = config
        .sync
        .as_ref()
        .ok_or_else(|| {
            SyncError(
                "sync is not set up: add a [sync] section to the config (see \
                 config.example.toml)"
                    .to_string(),
            )
        })?
        .password()
        .map_err(SyncError)?;
    connect_with(config, password)
}

/// A client for the config's server with a password read before.
pub fn connect_with(config: &Config, password: Password) -> Result<Client, SyncError> {
    let sync = config.sync.as_ref().ok_or_else(|| {
        SyncError("sync is not set up: the config has no [sync] section".to_string())
    })?;
    Ok(Client::new(sync, password, &config.fetch.settings()))
}

/// One sync: the queue sent, then the server's side taken, then retention; what it came to is
/// recorded in the store either way. On an error the queue keeps every change not accepted.
pub fn sync(
    client: &mut Client,
    store: &Store,
    retention: Retention,
    mut progress: impl FnMut(Progress),
) -> Result<Outcome, SyncError> {
    let server = client.server().to_string();
    let attempt = Utc::now();
    let result = run(client, store, retention, &mut progress);
    let mut status = store
        .sync_status(&server)
        .ok()
        .flatten()
        .unwrap_or_default();
    status.last_attempt = Some(attempt);
    match &result {
        Ok(_) => {
            status.last_success = Some(Utc::now());
            status.last_error = None;
        }
        Err(error) => status.last_error = Some(error.to_string()),
    }
    // The sync's own result matters more than a failure to note it.
    let _ = store.save_sync_status(&server, &status);
    result
}

fn run(
    client: &mut Client,
    store: &Store,
    retention: Retention,
    progress: &mut dyn FnMut(Progress),
) -> Result<Outcome, SyncError> {
    let pushed = push::push(client, store, progress)?;
    let pulled = pull::pull(client, store, progress)?;
    if retention.keep_days.is_some() || retention.keep_per_feed.is_some() {
        store
            .prune(retention.keep_days, retention.keep_per_feed, Utc::now())
            .map_err(push::store_error)?;
    }
    let summary = Summary {
        pushed: pushed.accepted,
        pulled: pulled.changes.len(),
        new: pulled.new_count,
        failed: pushed.refused,
        feeds: pulled.feeds.len(),
        queued: store.queue_len().map_err(push::store_error)?,
    };
    Ok(Outcome {
        summary,
        changes: pulled.changes,
        new: pulled.new,
        feeds: pulled.feeds,
        removed_feeds: pulled.removed_feeds,
        moved_feeds: pulled.moved_feeds,
    })
}
