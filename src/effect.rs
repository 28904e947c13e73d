//! `Effect`: what `App::update` asks the outside world to do. Each names the worker it is
//! for, with that worker's request (`src/worker/`); the event loop hands each to its worker.

use crate::worker::desktop::DesktopRequest;
use crate::worker::discovery::DiscoveryRequest;
use crate::worker::full_text::FullTextRequest;
use crate::worker::list::ListRequest;
use crate::worker::pictures::PictureRequest;
use crate::worker::refresh::RefreshRequest;
use crate::worker::reindex::ReindexRequest;
use crate::worker::store::StoreRequest;
use crate::worker::sync::SyncRequest;

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Save bookmarks and read marks, read a body, search the cache.
    Store(StoreRequest),
    /// Refresh feeds.
    Refresh(RefreshRequest),
    /// Read an article's full text, or a linked page.
    FullText(FullTextRequest),
    /// Fetch and draw pictures, or keep them on disk.
    Pictures(PictureRequest),
    /// Sync with the `[sync]` server.
    Sync(SyncRequest),
    /// Read the whole list of a large cache.
    List(ListRequest),
    /// Index the cache anew for search.
    Reindex(ReindexRequest),
    /// Open an address in the browser, or copy it.
    Desktop(DesktopRequest),
    /// Read an address typed after `+`, and subscribe to its feed.
    Discovery(DiscoveryRequest),
}
