//! The reader's workers, spawned together as the reader starts, each effect handed to the
//! worker it names, and stopped together as it ends.

use std::path::PathBuf;
use std::sync::mpsc::Sender;

use crate::config::Config;
use crate::effect::Effect;
use crate::event::Event;
use crate::model::Subscription;
use crate::picture;
use crate::refresh::Options;
use crate::store::Store;
use crate::sync::Password;
use crate::worker::Handle;
use crate::worker::desktop::{Desktop, DesktopRequest};
use crate::worker::discovery::{DiscoveryRequest, DiscoveryWorker};
use crate::worker::full_text::{FullTextRequest, FullTextWorker};
use crate::worker::list::{ListLoader, ListRequest, ReadAll};
use crate::worker::pictures::{PictureRequest, PictureWorker};
use crate::worker::refresh::{RefreshRequest, RefreshWorker};
use crate::worker::reindex::{ReindexRequest, Reindexer};
use crate::worker::store::{StoreRequest, StoreWorker};
use crate::worker::sync::{SyncRequest, SyncWorker};

/// What the workers of a reader are made of, as start-up found it. A worker that has
/// nothing to work with is not started: the app, told as much by its start, never asks it.
pub struct Setup {
    /// The store, for bookmarks, read marks, bodies and searches; `None` when it cannot
    /// be opened.
    pub store: Option<Store>,
    /// The feeds refreshed here, and how.
    pub feeds: Vec<Subscription>,
    pub options: Options,
    /// Where the store is, for the workers that keep what they bring; `None` for feeds
    /// shown for one run only.
    pub data_dir: Option<PathBuf>,
    /// Sync with the `[sync]` server, when it is on: the config, the data folder and the
    /// password read before the screen was taken.
    pub sync: Option<(Config, PathBuf, Password)>,
    /// Pictures, when they are shown.
    pub pictures: Option<picture::worker::Settings>,
    /// How the whole list is read, for a reader that starts on part of a large cache.
    pub read_all: Option<ReadAll>,
    /// Where the store is, when its cache is to be indexed anew for search.
    pub reindex: Option<PathBuf>,
}

/// Where effects go: one handle a worker. Anything that takes effects does.
pub trait Dispatch {
    /// Hands an effect to the worker it names; never waits.
    fn carry_out(&self, effect: Effect);
}

/// The running workers of a reader.
pub struct Workers {
    store: Option<Handle<StoreRequest>>,
    refresh: Handle<RefreshRequest>,
    full_text: Handle<FullTextRequest>,
    pictures: Option<Handle<PictureRequest>>,
    sync: Option<Handle<SyncRequest>>,
    list: Option<Handle<ListRequest>>,
    reindex: Option<Handle<ReindexRequest>>,
    desktop: Handle<DesktopRequest>,
    discovery: Handle<DiscoveryRequest>,
}

impl Workers {
    /// Starts every worker that has something to work with; each reports to `events`.
    pub fn spawn(setup: Setup, events: &Sender<Event>) -> Self {
        let Setup {
            store,
            feeds,
            options,
            data_dir,
            sync,
            pictures,
            read_all,
            reindex,
        } = setup;
        let fetch = options.fetch.clone();
        let (refreshed, full_text_dir) = (feeds.clone(), data_dir.clone());
        let (known, discovery_dir, discovery_fetch) = (
            feeds.iter().map(|f| f.url.clone()).collect(),
            data_dir.clone(),
            fetch.clone(),
        );
        Self {
            store: store
                .map(|store| Handle::spawn(events, move |reply| StoreWorker::new(store, reply))),
            refresh: Handle::spawn(events, move |reply| {
                RefreshWorker::new(refreshed, options, data_dir, reply)
            }),
            full_text: Handle::spawn(events, move |reply| {
                FullTextWorker::new(feeds, fetch, full_text_dir, reply)
            }),
            pictures: pictures.map(|settings| {
                Handle::spawn(events, move |reply| {
                    PictureWorker::spawn(settings, move |report| reply.send(report))
                })
            }),
            sync: sync.map(|(config, data_dir, password)| {
                Handle::spawn(events, move |reply| {
                    SyncWorker::new(config, data_dir, password, reply)
                })
            }),
            list: read_all
                .map(|read| Handle::spawn(events, move |reply| ListLoader::new(read, reply))),
            reindex: reindex.map(|data_dir| {
                Handle::spawn(events, move |reply| Reindexer::new(data_dir, reply))
            }),
            desktop: Handle::inline(events, Desktop::new),
            discovery: Handle::spawn(events, move |reply| {
                DiscoveryWorker::new(discovery_fetch, discovery_dir, known, reply)
            }),
        }
    }

    /// Stops every worker: only the store's is waited for, and for at most two seconds, to
    /// save what is queued; the others end with the process, wherever they are.
    pub fn stop(self) {
        let Self {
            store,
            refresh,
            full_text,
            pictures,
            sync,
            list,
            reindex,
            desktop,
            discovery,
        } = self;
        refresh.stop();
        discovery.stop();
        full_text.stop();
        desktop.stop();
        // Stopping a handle is dropping it.
        drop((pictures, sync, list, reindex));
        // Last: the only one waited for.
        drop(store);
    }
}

impl Dispatch for Workers {
    /// One arm a worker. A worker that was not started (no store, pictures or sync in this
    /// run) is never asked by the app, which knows from its start what this run has.
    fn carry_out(&self, effect: Effect) {
        fn to<R: Send + std::fmt::Debug + 'static>(worker: Option<&Handle<R>>, request: R) {
            match worker {
                Some(worker) => worker.send(request),
                None => debug_assert!(false, "asked of a worker this run has not: {request:?}"),
            }
        }
        match effect {
            Effect::Store(request) => to(self.store.as_ref(), request),
            Effect::Refresh(request) => self.refresh.send(request),
            Effect::FullText(request) => self.full_text.send(request),
            Effect::Pictures(request) => to(self.pictures.as_ref(), request),
            Effect::Sync(request) => to(self.sync.as_ref(), request),
            Effect::List(request) => to(self.list.as_ref(), request),
            Effect::Reindex(request) => to(self.reindex.as_ref(), request),
            Effect::Desktop(request) => self.desktop.send(request),
            Effect::Discovery(request) => self.discovery.send(request),
        }
    }
}

#[cfg(test)]
#[path = "workers_tests.rs"]
mod tests;
