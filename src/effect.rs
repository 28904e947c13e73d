//! `Effect`: what `App::update` asks the outside world to do (save, load, search the store,
//! refresh, open, copy, fetch pictures). The event loop hands each to the store worker or a thread of its own.

use crate::model::{Article, ArticleId};
use crate::picture::worker::Job;
use crate::store::ReadScope;

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    SaveBookmark(Box<Article>),
    RemoveBookmark(ArticleId),
    /// Opening an article marks it read (the first time it was read is kept).
    MarkRead(ArticleId),
    /// Marks articles read or unread, all in one transaction.
    SetRead {
        ids: Vec<ArticleId>,
        read: bool,
        change: ReadChange,
    },
    /// `A` over a list the sync server knows as a whole (everything, a feed, a folder):
    /// marked read in one transaction, and queued as one mark-all-read for the server.
    MarkAllRead {
        ids: Vec<ArticleId>,
        scope: ReadScope,
    },
    /// Read the body of a cached article from the store.
    LoadBody(ArticleId),
    /// Search the bodies of cached articles for these words, in the store's index.
    SearchCache(String),
    /// Refresh every feed, or the feeds with these addresses; `force` asks even feeds that
    /// said they are still fresh.
    Refresh {
        only: Option<Vec<String>>,
        force: bool,
    },
    OpenUrl(String),
    CopyUrl(String),
    /// Read an article's full text from its page (or the store), off the UI thread.
    ReadFullText(Box<crate::full_text::Job>),
    /// Read the page a link points to as an article.
    ReadPage(String),
    /// Fetch and draw these pictures, most wanted first, in place of those asked before.
    Pictures(Vec<Job>),
    /// Keep these pictures on disk (fetching those not there yet): a bookmark's.
    KeepPictures(Vec<String>),
    /// Sync with the `[sync]` server.
    Sync,
}

/// Why read marks change, for what the status line says and what can be undone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadChange {
    /// `m` on one article.
    Toggle,
    /// `A`: the whole list as shown.
    MarkAll,
    /// `U`: the last `A` undone.
    Undo,
}
