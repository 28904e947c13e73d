//! Schema version 5: full texts kept with their article, through refreshes, searches and
//! bookmarks, and the migration that brings them.

use super::feed::{FEED_A, blank_state, feed_article};
use super::{SHORT_TIMEOUT, at, open};
use crate::model::{Article, Block, Body, Span, Subscription};
use crate::store::columns::stored_time;
use crate::store::*;

fn body(text: &str) -> Body {
    Body {
        blocks: vec![Block::Paragraph(vec![Span::plain(text)])],
    }
}

fn text_of(store: &Store, id: &ArticleId) -> Option<Result<Body, String>> {
    store.full_text(id).unwrap().map(|stored| stored.result)
}

#[test]
fn a_text_or_a_failure_is_kept_and_a_failure_never_replaces_a_text() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let article = feed_article(FEED_A, 1, Some(at(1)));
    let url = article.url.clone().unwrap();
    assert_eq!(text_of(&store, &article.id), None);

    store
        .save_full_text(&article.id, &url, &Err("HTTP 403 Forbidden".into()), at(2))
        .unwrap();
    assert_eq!(
        text_of(&store, &article.id),
        Some(Err("HTTP 403 Forbidden".into()))
    );
    store
        .save_full_text(&article.id, &url, &Ok(body("The whole story.")), at(3))
        .unwrap();
    let stored = store.full_text(&article.id).unwrap().unwrap();
    assert_eq!(stored.url, url);
    assert_eq!(stored.fetched_at, at(3));
    assert_eq!(stored.result, Ok(body("The whole story.")));
    store
        .save_full_text(
            &article.id,
            &url,
            &Err("timed out after 30 s".into()),
            at(4),
        )
        .unwrap();
    assert_eq!(
        text_of(&store, &article.id),
        Some(Ok(body("The whole story.")))
    );
}

#[test]
fn a_refresh_keeps_the_text_unless_the_link_changed() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let state = blank_state(FEED_A);
    let mut article = feed_article(FEED_A, 1, Some(at(1)));
    store
        .ingest(FEED_A, std::slice::from_ref(&article), &state, at(1))
        .unwrap();
    let url = article.url.clone().unwrap();
    store
        .save_full_text(&article.id, &url, &Ok(body("Whole story.")), at(2))
        .unwrap();

    article.title = "Item 1, corrected".into();
    let ingested = store
        .ingest(FEED_A, std::slice::from_ref(&article), &state, at(3))
        .unwrap();
    assert_eq!(ingested.updated, 1);
    assert_eq!(text_of(&store, &article.id), Some(Ok(body("Whole story."))));

    article.url = Some(format!("{FEED_A}/moved"));
    store
        .ingest(FEED_A, std::slice::from_ref(&article), &state, at(4))
        .unwrap();
    assert_eq!(text_of(&store, &article.id), None);
}

#[test]
fn search_finds_words_of_the_full_text() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let article = feed_article(FEED_A, 1, Some(at(1)));
    store
        .ingest(
            FEED_A,
            std::slice::from_ref(&article),
            &blank_state(FEED_A),
            at(1),
        )
        .unwrap();
    let words = |text: &str| vec![text.to_string()];
    assert!(store.search_cached(&words("zeppelin")).unwrap().is_empty());
    store
        .save_full_text(
            &article.id,
            article.url.as_deref().unwrap(),
            &Ok(body("A zeppelin over the harbour.")),
            at(2),
        )
        .unwrap();
    let found = store.search_cached(&words("zeppelin")).unwrap();
    assert!(found.contains(&article.id), "{found:?}");
    // A refresh that changes the item keeps the full text searchable.
    let mut changed = article.clone();
    changed.title = "Item 1, corrected".into();
    store
        .ingest(
            FEED_A,
            std::slice::from_ref(&changed),
            &blank_state(FEED_A),
            at(3),
        )
        .unwrap();
    assert!(
        store
            .search_cached(&words("zeppelin"))
            .unwrap()
            .contains(&article.id)
    );
    assert!(
        store
            .search_cached(&words("item"))
            .unwrap()
            .contains(&article.id)
    );
}

#[test]
fn a_bookmark_keeps_the_full_text_when_its_feed_is_gone() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let subscription = Subscription {
        url: FEED_A.into(),
        name: None,
        tags: Vec::new(),
        every: None,
        full_text: true,
    };
    store.add_subscription(&subscription, at(0)).unwrap();
    let first = feed_article(FEED_A, 1, Some(at(1)));
    let second = feed_article(FEED_A, 2, Some(at(2)));
    store
        .ingest(
            FEED_A,
            &[first.clone(), second.clone()],
            &blank_state(FEED_A),
            at(2),
        )
        .unwrap();
    // Bookmarked before its text came, and after.
    store.add_bookmark(&first, at(3)).unwrap();
    for article in [&first, &second] {
        let url = article.url.as_deref().unwrap();
        let text = format!("Whole story {}.", article.title);
        store
            .save_full_text(&article.id, url, &Ok(body(&text)), at(4))
            .unwrap();
    }
    store.add_bookmark(&second, at(5)).unwrap();
    assert!(store.subscriptions().unwrap()[0].full_text);
    assert!(store.remove_subscription(FEED_A).unwrap());
    for article in [&first, &second] {
        let stored = store
            .full_text(&article.id)
            .unwrap()
            .expect("kept in the bookmark");
        assert_eq!(stored.url, article.url.clone().unwrap());
        assert_eq!(
            stored.result,
            Ok(body(&format!("Whole story {}.", article.title)))
        );
    }
    // The bookmark's article reads back as it was saved.
    let saved = store.bookmarks().unwrap().saved;
    assert_eq!(saved.len(), 2);
    assert!(saved.iter().any(|b| b.article == first));
}

#[test]
fn pending_texts_are_the_articles_never_tried() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let mut articles: Vec<Article> = (0..4)
        .map(|n| feed_article(FEED_A, n, Some(at(n as u32))))
        .collect();
    articles[0].url = None;
    articles[1].body = body("The feed's summary.");
    store
        .ingest(FEED_A, &articles, &blank_state(FEED_A), at(5))
        .unwrap();
    let pending = |store: &Store| -> Vec<String> {
        store
            .pending_full_texts(&[FEED_A.to_string()], 10)
            .unwrap()
            .into_iter()
            .map(|p| p.title)
            .collect()
    };
    assert_eq!(pending(&store), ["Item 3", "Item 2", "Item 1"]);
    let first = store.pending_full_texts(&[FEED_A.to_string()], 1).unwrap();
    assert_eq!(first.len(), 1);
    let one = &store.pending_full_texts(&[FEED_A.to_string()], 10).unwrap()[2];
    assert_eq!(one.summary, "The feed's summary.\n");
    assert_eq!(one.url, format!("{FEED_A}/1"));

    let url = |n: usize| articles[n].url.clone().unwrap();
    store
        .save_full_text(&articles[3].id, &url(3), &Ok(body("x")), at(6))
        .unwrap();
    store
        .save_full_text(
            &articles[2].id,
            &url(2),
            &Err("HTTP 404 Not Found".into()),
            at(6),
        )
        .unwrap();
    assert_eq!(pending(&store), ["Item 1"]);
    assert!(store.pending_full_texts(&[], 10).unwrap().is_empty());
}

#[test]
fn a_version_4_database_migrates_and_subscriptions_fetch_no_full_text() {
    let dir = tempfile::tempdir().unwrap();
    {
        let v4 = Store::open_at_version(dir.path(), SHORT_TIMEOUT, 4).unwrap();
        v4.conn
            .execute(
                "INSERT INTO subscriptions (url, name, tags, added_at) VALUES (?1, NULL, '[]', ?2)",
                rusqlite::params![FEED_A, stored_time(at(0))],
            )
            .unwrap();
        let article = feed_article(FEED_A, 1, Some(at(1)));
        v4.conn
            .execute_batch(&format!(
                "INSERT INTO feed_articles (id, feed_url, snapshot, first_seen, last_seen,
                                            title, source, url, tags)
                 VALUES ('{}', '{FEED_A}', '{}', 'x', 'x', 'Item 1', 'A', '{FEED_A}/1', '')",
                article.id,
                serde_json::to_string(&article).unwrap().replace('\'', "''"),
            ))
            .unwrap();
    }
    let store = open(dir.path());
    let subscriptions = store.subscriptions().unwrap();
    assert_eq!(subscriptions.len(), 1);
    assert!(!subscriptions[0].full_text);
    assert_eq!(store.cached_count().unwrap(), 1);
    assert_eq!(
        store
            .pending_full_texts(&[FEED_A.to_string()], 5)
            .unwrap()
            .len(),
        1
    );
}
