//! Tests of the store worker.

use std::time::Instant;

use std::sync::mpsc;

use super::*;
use crate::model::Block;
use crate::store::FeedState;
use crate::worker::Handle;

fn spawn(store: Store) -> (Handle<StoreRequest>, mpsc::Receiver<StoreReport>) {
    let (events, inbox) = mpsc::channel();
    let worker = Handle::spawn(&events, move |reply| StoreWorker::new(store, reply));
    (worker, inbox)
}

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
    let (worker, _inbox) = spawn(Store::open(dir.path()).unwrap());
    for n in 0..20 {
        worker.send(StoreRequest::SaveBookmark(Box::new(article(n))));
    }
    worker.stop();
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
    let (worker, _inbox) = spawn(store);
    for n in 0..5 {
        worker.send(StoreRequest::SaveBookmark(Box::new(article(n))));
    }
    let dropping = Instant::now();
    worker.stop();
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
    let report = apply(
        &store,
        StoreRequest::SaveBookmark(Box::new(article.clone())),
    );
    assert_eq!(report, StoreReport::BookmarkSaved(article.id.clone()));
    assert_eq!(store.bookmarks().unwrap().saved[0].article.body, body);
    let loaded = apply(&store, StoreRequest::LoadBody(article.id.clone()));
    assert_eq!(
        loaded,
        StoreReport::BodyLoaded(article.id.clone(), Box::new(body.clone()))
    );

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
    let loaded = apply(&store, StoreRequest::LoadBody(article.id.clone()));
    assert_eq!(loaded, StoreReport::BodyLoaded(article.id, Box::new(body)));
}
