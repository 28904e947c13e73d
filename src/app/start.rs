//! What the reader starts from: everything start-up read (the library, the settings, the
//! feeds and what the store knows of them, sync, what went wrong), from which `App` is built
//! once.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::settings::Settings;
use crate::config::ConfigWarning;
use crate::model::library::Library;
use crate::model::{ArticleId, Subscription};
use crate::query::SavedQuery;
use crate::store::FeedState;

/// What start-up read, for `App::new`.
pub struct Start {
    pub library: Library,
    pub settings: Settings,
    /// Files that could not be read and problems reading the store: the first is said.
    pub problems: Vec<String>,
    /// Why bookmarks and read marks cannot be saved in this run, if they cannot.
    pub store_problem: Option<String>,
    /// Actions the config's bindings left with no key.
    pub config_warnings: Vec<ConfigWarning>,
    /// The feeds of this run, each listed in the navigation pane even with no articles yet.
    pub feeds: Vec<Subscription>,
    /// What the store knows of each feed, by address.
    pub feed_states: HashMap<String, FeedState>,
    /// The saved queries, the config's then the store's, for the Queries section.
    pub queries: Vec<SavedQuery>,
    /// Sync with the `[sync]` server, when it is on in this run.
    pub sync: Option<SyncSetup>,
    /// Why sync is off in this run although the config asks for it.
    pub sync_problem: Option<String>,
    /// Bookmarks a star removed on another device took away, and when.
    pub unstarred: Vec<(ArticleId, DateTime<Utc>)>,
    /// Refresh as the reader starts.
    pub refresh: bool,
    /// The library holds only the newest cached articles: the rest are read in the
    /// background.
    pub newest_only: bool,
    /// Cached articles left to index anew for search (once, after an upgrade).
    pub reindex: Option<u64>,
    /// Pictures in the reading pane, each at most this many rows tall; `None`: off.
    pub picture_rows: Option<u16>,
}

/// Sync on for this run.
pub struct SyncSetup {
    /// Minutes between syncs (0: only as the reader starts and on `r`).
    pub every: u16,
    /// The feeds the server held at the last sync.
    pub server_feeds: Vec<String>,
}

impl Start {
    /// `library` shown with `settings`, and nothing else known: no feeds, no store problem,
    /// sync and pictures off.
    pub fn new(library: Library, settings: Settings) -> Self {
        Self {
            library,
            settings,
            problems: Vec::new(),
            store_problem: None,
            config_warnings: Vec::new(),
            feeds: Vec::new(),
            feed_states: HashMap::new(),
            queries: Vec::new(),
            sync: None,
            sync_problem: None,
            unstarred: Vec::new(),
            refresh: false,
            newest_only: false,
            reindex: None,
            picture_rows: None,
        }
    }
}
