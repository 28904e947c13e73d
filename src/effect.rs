//! `Effect`: what `App::update` asks the outside world to do (save, load, search the store,
//! refresh, open, copy). The event loop hands each to the store worker or a thread of its own.

use crate::model::{Article, ArticleId};

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    SaveBookmark(Box<Article>),
    RemoveBookmark(ArticleId),
    MarkRead(ArticleId),
    /// Read the body of a cached article from the store.
    LoadBody(ArticleId),
    /// Search the bodies of cached articles for these words, in the store's index.
    SearchCache(String),
    /// Refresh every feed, or the one with this address; `force` asks even fresh feeds.
    Refresh {
        only: Option<String>,
        force: bool,
    },
    OpenUrl(String),
    CopyUrl(String),
}
