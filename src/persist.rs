//! The store worker: applies the app's `Effect`s to the store on a thread of its own, so the
//! screen never waits on the disk or a lock, and reports each outcome as an event.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use chrono::Utc;

use crate::effect::Effect;
use crate::event::{Event, FullTextEvent, StoreReport};
use crate::store::Store;

/// The longest the reader waits, as it ends, for the changes asked for to be saved: a
/// write waits at most this long for another instance's lock, so a healthy store is done
/// well within it, and a store that hangs (a dead network file system) does not keep the
/// reader from quitting.
pub const SAVE_AT_EXIT: Duration = Duration::from_secs(2);

/// The handle on the worker. Dropping it waits until every change asked for is saved,
/// however the reader ends, but never longer than [`SAVE_AT_EXIT`].
pub struct Persist {
    effects: Option<Sender<Effect>>,
    worker: Option<JoinHandle<()>>,
    /// Closed when the worker ends, however it ends: a wait for it with a bound.
    ended: Receiver<()>,
    /// The reader is ending: reads (a body, a search) are no longer answered, only changes
    /// are saved.
    ending: Arc<AtomicBool>,
}

impl Persist {
    pub fn spawn(store: Store, events: Sender<Event>) -> Self {
        let (effects, inbox) = mpsc::channel::<Effect>();
        let (ends, ended) = mpsc::channel::<()>();
        let ending = Arc::new(AtomicBool::new(false));
        let reads_wanted = {
            let ending = Arc::clone(&ending);
            move || !ending.load(Ordering::Relaxed)
        };
        let worker = thread::spawn(move || {
            let _ends = ends;
            while let Ok(first) = inbox.recv() {
                let mut queue = vec![first];
                queue.extend(inbox.try_iter());
                // A search typed on before the last one was answered is not answered: only
                // the text on screen now is searched.
                let last_search = queue
                    .iter()
                    .rposition(|effect| matches!(effect, Effect::SearchCache(_)));
                for (at, effect) in queue.into_iter().enumerate() {
                    if matches!(effect, Effect::SearchCache(_)) && Some(at) != last_search {
                        continue;
                    }
                    if is_read(&effect) && !reads_wanted() {
                        continue;
                    }
                    apply_and_report(&store, effect, &events);
                }
            }
        });
        Self {
            effects: Some(effects),
            worker: Some(worker),
            ended,
            ending,
        }
    }

    pub fn send(&self, effect: Effect) {
        if let Some(effects) = &self.effects {
            // The worker only stops once this sender is dropped, so the send cannot fail.
            let _ = effects.send(effect);
        }
    }
}

/// Applies one effect and sends what came of it: the store's report, the full text kept, and
/// how many changes wait for the sync server.
fn apply_and_report(store: &Store, effect: Effect, events: &Sender<Event>) {
    let kept = kept_full_text(store, &effect);
    let changes_marks = matches!(
        effect,
        Effect::SaveBookmark(_)
            | Effect::RemoveBookmark(_)
            | Effect::MarkRead(_)
            | Effect::SetRead { .. }
            | Effect::MarkAllRead { .. }
    );
    // When the screen is gone the send fails; saving goes on all the same.
    if let Some(report) = apply(store, effect) {
        let _ = events.send(Event::Store(report));
    }
    if let Some(event) = kept {
        let _ = events.send(event);
    }
    // What waits for the sync server, for the status line while it is away.
    if changes_marks && let Ok(queued @ 1..) = store.queue_len() {
        let _ = events.send(Event::Store(StoreReport::Queued(queued)));
    }
}

/// An effect that only reads, whose answer is for the screen.
fn is_read(effect: &Effect) -> bool {
    matches!(effect, Effect::SearchCache(_) | Effect::LoadBody(_))
}

impl Drop for Persist {
    /// Lets the worker save what is queued, then stop; waits for that at most
    /// [`SAVE_AT_EXIT`]. A worker still busy then is left to the end of the process: what
    /// it had not committed is not in the store, which stays whole (every change is a
    /// transaction).
    fn drop(&mut self) {
        self.ending.store(true, Ordering::Relaxed);
        drop(self.effects.take());
        match self.ended.recv_timeout(SAVE_AT_EXIT) {
            Err(RecvTimeoutError::Disconnected) | Ok(()) => {
                if let Some(worker) = self.worker.take() {
                    let _ = worker.join();
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
        }
    }
}

/// With the body of an article, what the store keeps of its full text, if anything.
fn kept_full_text(store: &Store, effect: &Effect) -> Option<Event> {
    let Effect::LoadBody(id) = effect else {
        return None;
    };
    let kept = store.full_text(id).ok().flatten()?;
    Some(Event::FullText(FullTextEvent::Kept {
        id: id.clone(),
        kept,
    }))
}

/// Saves one change. Effects that are not changes to the store never reach the worker.
fn apply(store: &Store, effect: Effect) -> Option<StoreReport> {
    let now = Utc::now();
    Some(match effect {
        Effect::SaveBookmark(mut article) => {
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
        Effect::SearchCache(query) => {
            let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
            let found = store.search_cached(&words).unwrap_or_default();
            StoreReport::SearchHits {
                query,
                found: found.into_iter().collect(),
            }
        }
        Effect::LoadBody(id) => match stored_body(store, &id) {
            Ok(Some(body)) => StoreReport::BodyLoaded(id, Box::new(body)),
            Ok(None) => failed(id, "read the article", &"it is no longer in the cache"),
            Err(e) => failed(id, "read the article", &e),
        },
        Effect::RemoveBookmark(id) => match store.remove_bookmark(&id) {
            Ok(_) => StoreReport::BookmarkRemoved(id),
            Err(e) => failed(id, "remove the bookmark", &e),
        },
        Effect::MarkRead(id) => match store.mark_read(&id, now) {
            Ok(()) => StoreReport::MarkedRead(id),
            Err(e) => failed(id, "mark the article read", &e),
        },
        Effect::SetRead { ids, read, change } => match store.set_read(&ids, read, now) {
            Ok(_) => StoreReport::ReadSet { ids, read, change },
            Err(e) => StoreReport::ReadSetFailed {
                read,
                error: e.to_string(),
            },
        },
        Effect::MarkAllRead { ids, scope } => match store.mark_all_read(&ids, &scope, now) {
            Ok(_) => StoreReport::ReadSet {
                ids,
                read: true,
                change: crate::effect::ReadChange::MarkAll,
            },
            Err(e) => StoreReport::ReadSetFailed {
                read: true,
                error: e.to_string(),
            },
        },
        Effect::Refresh { .. }
        | Effect::OpenUrl(_)
        | Effect::CopyUrl(_)
        | Effect::Sync
        | Effect::Pictures(_)
        | Effect::KeepPictures(_)
        | Effect::ReadFullText(_)
        | Effect::ReadPage(_) => return None,
    })
}

/// The body of an article from the feed cache, else, when its cached copy went (its feed
/// left the sync server), from the copy kept of it.
fn stored_body(
    store: &Store,
    id: &crate::model::ArticleId,
) -> Result<Option<crate::model::Body>, crate::store::StoreError> {
    match store.cached_body(id)? {
        Some(body) => Ok(Some(body)),
        None => store.saved_body(id),
    }
}

fn failed(
    id: crate::model::ArticleId,
    what: &'static str,
    error: &dyn std::fmt::Display,
) -> StoreReport {
    StoreReport::Failed {
        id,
        what,
        error: error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use super::*;
    use crate::model::{ArticleId, Block, Body};
    use crate::store::FeedState;

    fn article(n: usize) -> crate::model::Article {
        crate::model::Article {
            id: ArticleId::from_identity(&format!("file:{n}")),
            title: format!("Article {n}"),
            source: "Here".into(),
            author: None,
            published: None,
            url: None,
            tags: Vec::new(),
            body: Body {
                blocks: vec![Block::Heading("Kept".into())],
            },
        }
    }

    #[test]
    fn dropping_it_saves_what_is_queued() {
        let dir = tempfile::tempdir().unwrap();
        let (events, _inbox) = mpsc::channel();
        let persist = Persist::spawn(Store::open(dir.path()).unwrap(), events);
        for n in 0..20 {
            persist.send(Effect::SaveBookmark(Box::new(article(n))));
        }
        drop(persist);
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.bookmarks().unwrap().saved.len(), 20);
    }

    #[test]
    fn dropping_it_waits_for_a_store_that_does_not_answer_at_most_the_bound() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        // Another process holds the write lock: each save waits out the busy timeout (2 s)
        // and fails, so five take 10 s.
        let holder = rusqlite::Connection::open(store.path()).unwrap();
        holder.execute_batch("BEGIN IMMEDIATE").unwrap();
        let (events, _inbox) = mpsc::channel();
        let persist = Persist::spawn(store, events);
        for n in 0..5 {
            persist.send(Effect::SaveBookmark(Box::new(article(n))));
        }
        let dropping = Instant::now();
        drop(persist);
        let took = dropping.elapsed();
        assert!(took >= SAVE_AT_EXIT, "it waits for the queue: {took:?}");
        assert!(took < SAVE_AT_EXIT * 3, "but not for ever: {took:?}");
    }

    #[test]
    fn a_bookmark_of_a_cached_article_keeps_its_body() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let mut article = crate::model::Article {
            id: ArticleId::from_identity("feed:x\n1"),
            title: "Cached".into(),
            source: "X".into(),
            author: None,
            published: None,
            url: None,
            tags: Vec::new(),
            body: Body {
                blocks: vec![Block::Heading("Kept".into())],
            },
        };
        let state = FeedState {
            url: "x".into(),
            ..FeedState::default()
        };
        store
            .ingest("x", std::slice::from_ref(&article), &state, Utc::now())
            .unwrap();
        let body = std::mem::take(&mut article.body);
        let report = apply(&store, Effect::SaveBookmark(Box::new(article.clone())));
        assert_eq!(report, Some(StoreReport::BookmarkSaved(article.id.clone())));
        assert_eq!(store.bookmarks().unwrap().saved[0].article.body, body);
        let loaded = apply(&store, Effect::LoadBody(article.id.clone()));
        assert_eq!(
            loaded,
            Some(StoreReport::BodyLoaded(
                article.id.clone(),
                Box::new(body.clone())
            ))
        );
        assert_eq!(apply(&store, Effect::OpenUrl("https://e.com".into())), None);

        // Its feed goes (it left the sync server): the body is read from the bookmark.
        let held = crate::store::ServerFeed {
            stream: "feed/1".into(),
            url: "x".into(),
            title: "X".into(),
            tags: Vec::new(),
        };
        store.set_server_feeds(&[held]).unwrap();
        assert_eq!(store.set_server_feeds(&[]).unwrap().removed, ["x"]);
        assert_eq!(store.cached_body(&article.id).unwrap(), None);
        let loaded = apply(&store, Effect::LoadBody(article.id.clone()));
        assert_eq!(
            loaded,
            Some(StoreReport::BodyLoaded(article.id, Box::new(body)))
        );
    }
}
