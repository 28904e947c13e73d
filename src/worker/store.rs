//! The store worker: saves bookmarks and read marks, and reads what the screen asks of the
//! store (an article's body, a search of the cache), on a thread of its own, so the screen
//! never waits on the disk or a lock; each outcome is reported. As the reader ends, what is
//! queued is still saved, for at most [`SAVE_AT_EXIT`].

use std::time::Duration;

use chrono::Utc;

use super::{Reply, Worker};
use crate::model::{Article, ArticleId, Body};
use crate::store::{ReadScope, Store, StoredFullText};

/// The longest the reader waits, as it ends, for the changes asked for to be saved: a
/// write waits at most this long for another instance's lock, so a healthy store is done
/// well within it, and a store that hangs (a dead network file system) does not keep the
/// reader from quitting.
pub const SAVE_AT_EXIT: Duration = Duration::from_secs(2);

/// What the app asks of the store.
#[derive(Debug, Clone, PartialEq)]
pub enum StoreRequest {
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
    /// Read the body of a cached article from the store, and what it keeps of its full text.
    LoadBody(ArticleId),
    /// Search the bodies of cached articles for these words, in the store's index.
    Search(String),
    /// What the saved queries need of the store: the cached articles its index finds for
    /// each of their text terms (a term's words), and the articles whose full text was read.
    QueryFacts(Vec<Vec<String>>),
    /// The same for a query typed in the search box, for that very text.
    SearchFacts {
        search: String,
        terms: Vec<Vec<String>>,
    },
}

impl StoreRequest {
    /// A request that only reads, whose answer is for the screen.
    fn only_reads(&self) -> bool {
        matches!(
            self,
            StoreRequest::Search(_)
                | StoreRequest::LoadBody(_)
                | StoreRequest::QueryFacts(_)
                | StoreRequest::SearchFacts { .. }
        )
    }

    /// A change of bookmarks or read marks, which the sync server is told of.
    fn changes_marks(&self) -> bool {
        !self.only_reads()
    }
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

/// What the store worker did with a request.
#[derive(Debug, Clone, PartialEq)]
pub enum StoreReport {
    BookmarkSaved(ArticleId),
    BookmarkRemoved(ArticleId),
    MarkedRead(ArticleId),
    /// Read marks set or cleared by [`StoreRequest::SetRead`].
    ReadSet {
        ids: Vec<ArticleId>,
        read: bool,
        change: ReadChange,
    },
    /// Read marks that could not be saved.
    ReadSetFailed {
        read: bool,
        error: String,
    },
    /// How many changes wait to be sent to the sync server, after a change was saved.
    Queued(usize),
    /// The body of a cached article, read when it was opened.
    BodyLoaded(ArticleId, Box<Body>),
    /// What the store keeps of an article's full text, read when its body was.
    FullTextKept {
        id: ArticleId,
        kept: StoredFullText,
    },
    /// What a query typed in the search box needs of the store (see
    /// [`StoreRequest::SearchFacts`]).
    SearchFacts {
        search: String,
        found: Vec<Vec<ArticleId>>,
        full_text: Vec<ArticleId>,
    },
    /// What the saved queries need of the store (see [`StoreRequest::QueryFacts`]).
    QueryFacts {
        found: Vec<Vec<ArticleId>>,
        full_text: Vec<ArticleId>,
    },
    /// The cached articles the full-text index found for a search.
    SearchHits {
        query: String,
        found: Vec<ArticleId>,
    },
    /// A change could not be saved; `what` says which ("save the bookmark").
    Failed {
        id: ArticleId,
        what: &'static str,
        error: String,
    },
}

/// The store worker, with its own connection to the store.
pub struct StoreWorker {
    store: Store,
    reply: Reply<StoreReport>,
}

impl StoreWorker {
    pub fn new(store: Store, reply: Reply<StoreReport>) -> Self {
        Self { store, reply }
    }
}

impl Worker for StoreWorker {
    type Request = StoreRequest;
    type Report = StoreReport;
    const AT_EXIT: Duration = SAVE_AT_EXIT;

    fn handle(&mut self, request: StoreRequest) {
        self.handle_all(vec![request]);
    }

    /// A search typed on before the last one was answered is not answered: only the text on
    /// screen now is searched. As the reader ends, reads are no longer answered, and only
    /// changes are saved.
    fn handle_all(&mut self, requests: Vec<StoreRequest>) {
        let is_search = |request: &StoreRequest| {
            matches!(
                request,
                StoreRequest::Search(_) | StoreRequest::SearchFacts { .. }
            )
        };
        let last_search = requests.iter().rposition(is_search);
        for (at, request) in requests.into_iter().enumerate() {
            if is_search(&request) && Some(at) != last_search {
                continue;
            }
            if request.only_reads() && self.reply.is_stopping() {
                continue;
            }
            apply_and_report(&self.store, request, &self.reply);
        }
    }
}

/// Applies one request and sends what came of it: the store's report, the full text kept, and
/// how many changes wait for the sync server.
fn apply_and_report(store: &Store, request: StoreRequest, reply: &Reply<StoreReport>) {
    let kept = kept_full_text(store, &request);
    let changes_marks = request.changes_marks();
    // When the screen is gone the send fails; saving goes on all the same.
    reply.send(apply(store, request));
    if let Some(report) = kept {
        reply.send(report);
    }
    // What waits for the sync server, for the status line while it is away.
    if changes_marks && let Ok(queued @ 1..) = store.queue_len() {
        reply.send(StoreReport::Queued(queued));
    }
}

/// With the body of an article, what the store keeps of its full text, if anything.
fn kept_full_text(store: &Store, request: &StoreRequest) -> Option<StoreReport> {
    let StoreRequest::LoadBody(id) = request else {
        return None;
    };
    let kept = store.full_text(id).ok().flatten()?;
    Some(StoreReport::FullTextKept {
        id: id.clone(),
        kept,
    })
}

/// Carries out one request.
fn apply(store: &Store, request: StoreRequest) -> StoreReport {
    let now = Utc::now();
    match request {
        StoreRequest::SaveBookmark(mut article) => {
            // A bookmark keeps the whole article; the list's copy of a cached one has no body.
            if article.body.blocks.is_empty()
                && let Ok(Some(body)) = stored_body(store, &article.id)
            {
                article.body = body;
            }
            match store.add_bookmark(&article, now) {
                Ok(()) => StoreReport::BookmarkSaved(article.id),
                Err(e) => failed(article.id, "save the bookmark", &e),
            }
        }
        StoreRequest::Search(query) => {
            let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
            let found = store.search_cached(&words).unwrap_or_default();
            StoreReport::SearchHits {
                query,
                found: found.into_iter().collect(),
            }
        }
        StoreRequest::SearchFacts { search, terms } => StoreReport::SearchFacts {
            search,
            found: terms
                .iter()
                .map(|words| store.search_cached(words).unwrap_or_default())
                .collect(),
            full_text: store.full_text_ids().unwrap_or_default(),
        },
        StoreRequest::QueryFacts(terms) => StoreReport::QueryFacts {
            found: terms
                .iter()
                .map(|words| store.search_cached(words).unwrap_or_default())
                .collect(),
            full_text: store.full_text_ids().unwrap_or_default(),
        },
        StoreRequest::LoadBody(id) => match stored_body(store, &id) {
            Ok(Some(body)) => StoreReport::BodyLoaded(id, Box::new(body)),
            Ok(None) => failed(id, "read the article", &"it is no longer in the cache"),
            Err(e) => failed(id, "read the article", &e),
        },
        StoreRequest::RemoveBookmark(id) => match store.remove_bookmark(&id) {
            Ok(_) => StoreReport::BookmarkRemoved(id),
            Err(e) => failed(id, "remove the bookmark", &e),
        },
        StoreRequest::MarkRead(id) => match store.mark_read(&id, now) {
            Ok(()) => StoreReport::MarkedRead(id),
            Err(e) => failed(id, "mark the article read", &e),
        },
        StoreRequest::SetRead { ids, read, change } => match store.set_read(&ids, read, now) {
            Ok(_) => StoreReport::ReadSet { ids, read, change },
            Err(e) => StoreReport::ReadSetFailed {
                read,
                error: e.to_string(),
            },
        },
        StoreRequest::MarkAllRead { ids, scope } => match store.mark_all_read(&ids, &scope, now) {
            Ok(_) => StoreReport::ReadSet {
                ids,
                read: true,
                change: ReadChange::MarkAll,
            },
            Err(e) => StoreReport::ReadSetFailed {
                read: true,
                error: e.to_string(),
            },
        },
    }
}

/// The body of an article from the feed cache, else, when its cached copy went (its feed
/// left the sync server), from the copy kept of it.
fn stored_body(store: &Store, id: &ArticleId) -> Result<Option<Body>, crate::store::StoreError> {
    match store.cached_body(id)? {
        Some(body) => Ok(Some(body)),
        None => store.saved_body(id),
    }
}

fn failed(id: ArticleId, what: &'static str, error: &dyn std::fmt::Display) -> StoreReport {
    StoreReport::Failed {
        id,
        what,
        error: error.to_string(),
    }
}

#[cfg(test)]
#[path = "store_tests.rs"]
mod tests;
