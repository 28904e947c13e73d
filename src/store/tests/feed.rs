//! Schema version 2: the migration from version 1, subscriptions and feed state; and helpers
//! shared with the other tests.

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::{SHORT_TIMEOUT, article, at, db_file, open};
use crate::model::{Article, Body};
use crate::store::columns::stored_time;
use crate::store::*;

pub(super) const FEED_A: &str = "https://a.example/feed.xml";
pub(super) const FEED_B: &str = "https://b.example/atom";

/// A small article of a feed, numbered.
pub(super) fn feed_article(feed: &str, n: usize, published: Option<DateTime<Utc>>) -> Article {
    Article {
        id: ArticleId::from_identity(&format!("url:{feed}#{n}")),
        title: format!("Item {n}"),
        source: feed.to_string(),
        author: None,
        published,
        url: Some(format!("{feed}/{n}")),
        tags: Vec::new(),
        body: Body::default(),
    }
}

/// The state of a feed that has never been fetched.
pub(super) fn blank_state(url: &str) -> FeedState {
    FeedState {
        url: url.to_string(),
        ..FeedState::default()
    }
}

/// `PRAGMA user_version` and the names of the tables, read beside the store.
fn version_and_tables(dir: &Path) -> (i64, Vec<String>) {
    let raw = Connection::open(db_file(dir)).unwrap();
    let version = raw
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap();
    let mut statement = raw
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap();
    let tables = statement
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<rusqlite::Result<Vec<String>>>()
        .unwrap();
    (version, tables)
}

fn subscription(url: &str, name: Option<&str>, tags: &[&str]) -> Subscription {
    Subscription {
        full_text: false,
        url: url.to_string(),
        name: name.map(str::to_string),
        tags: tags.iter().map(|tag| tag.to_string()).collect(),
        every: None,
    }
}

#[test]
fn a_version_1_database_migrates_keeping_every_bookmark_and_read_mark() {
    let dir = tempfile::tempdir().unwrap();
    let mut expected_bookmarks = Vec::new();
    let mut expected_read = HashSet::new();
    {
        let v1 = Store::open_at_version(dir.path(), SHORT_TIMEOUT, 1).unwrap();
        for n in 0..20 {
            let saved = article(&format!("sample:{n}"));
            // As a version 1 build wrote them: today's writes also queue changes for sync.
            v1.conn
                .execute(
                    "INSERT INTO bookmarks (article_id, saved_at, snapshot) VALUES (?1, ?2, ?3)",
                    rusqlite::params![
                        saved.id.as_str(),
                        stored_time(at(n)),
                        serde_json::to_string(&saved).unwrap()
                    ],
                )
                .unwrap();
            expected_bookmarks.insert(
                0,
                Bookmark {
                    article: saved,
                    saved_at: at(n),
                },
            );
            let read = ArticleId::from_identity(&format!("read:{n}"));
            v1.conn
                .execute(
                    "INSERT INTO read_marks (article_id, read_at) VALUES (?1, ?2)",
                    rusqlite::params![read.as_str(), stored_time(at(n))],
                )
                .unwrap();
            expected_read.insert(read);
        }
    }
    let tables = |names: &[&str]| names.iter().map(|name| name.to_string()).collect();
    assert_eq!(
        version_and_tables(dir.path()),
        (1, tables(&["bookmarks", "read_marks"]))
    );

    let store = open(dir.path());
    assert_eq!(
        version_and_tables(dir.path()),
        (
            schema::CURRENT_VERSION,
            tables(&[
                "bookmarks",
                "feed_articles",
                "feed_grams",
                "feed_grams_config",
                "feed_grams_data",
                "feed_grams_docsize",
                "feed_grams_idx",
                "feed_state",
                "feed_text",
                "feed_text_config",
                "feed_text_data",
                "feed_text_docsize",
                "feed_text_idx",
                "full_texts",
                "hidden_articles",
                "pruned_articles",
                "read_marks",
                "rules",
                "saved_queries",
                "search_reindex",
                "sqlite_sequence",
                "subscriptions",
                "sync_feeds",
                "sync_items",
                "sync_queue",
                "sync_status",
                "unstarred_bookmarks"
            ])
        )
    );
    let bookmarks = store.bookmarks().unwrap();
    assert!(bookmarks.unreadable.is_empty());
    assert_eq!(bookmarks.saved, expected_bookmarks);
    assert_eq!(store.read_ids().unwrap(), expected_read);
    assert!(store.subscriptions().unwrap().is_empty());
    assert!(
        store
            .add_subscription(&subscription(FEED_A, None, &[]), at(30))
            .unwrap()
    );
    let raw = Connection::open(db_file(dir.path())).unwrap();
    let application_id: i64 = raw
        .pragma_query_value(None, "application_id", |row| row.get(0))
        .unwrap();
    assert_eq!(application_id, schema::APPLICATION_ID);
}

#[test]
fn a_current_database_opened_again_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = open(dir.path());
        store.add_bookmark(&article("kept"), at(1)).unwrap();
        store
            .add_subscription(&subscription(FEED_A, Some("A"), &["news"]), at(2))
            .unwrap();
        let articles = [feed_article(FEED_A, 1, Some(at(3)))];
        store
            .ingest(FEED_A, &articles, &blank_state(FEED_A), at(4))
            .unwrap();
    }
    let before = std::fs::read(db_file(dir.path())).unwrap();
    let (version, tables) = version_and_tables(dir.path());
    assert_eq!(version, schema::CURRENT_VERSION);

    let store = open(dir.path());
    assert_eq!(store.subscriptions().unwrap().len(), 1);
    assert_eq!(store.cached_counts().unwrap()[FEED_A], 1);
    drop(store);
    assert_eq!(version_and_tables(dir.path()), (version, tables));
    assert!(
        std::fs::read(db_file(dir.path())).unwrap() == before,
        "opening changed the file"
    );
}

#[test]
fn subscriptions_come_in_the_order_added_and_a_duplicate_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let first = subscription(FEED_B, Some("Bee news"), &["Science", "U.S."]);
    let second = subscription(FEED_A, None, &[]);
    let third = subscription("file:///home/me/feed.json", Some("Local"), &["mine"]);
    // Times out of order: the order is the order of adding.
    assert!(store.add_subscription(&first, at(30)).unwrap());
    assert!(store.add_subscription(&second, at(10)).unwrap());
    assert!(store.add_subscription(&third, at(20)).unwrap());
    let renamed = subscription(FEED_B, Some("Renamed"), &["other"]);
    assert!(!store.add_subscription(&renamed, at(40)).unwrap());
    assert_eq!(
        open(dir.path()).subscriptions().unwrap(),
        [first.clone(), second.clone(), third.clone()]
    );

    assert!(store.remove_subscription(FEED_A).unwrap());
    assert!(!store.remove_subscription(FEED_A).unwrap());
    assert!(!store.remove_subscription("https://never.example/").unwrap());
    assert_eq!(
        store.subscriptions().unwrap(),
        [first.clone(), third.clone()]
    );
    assert!(store.add_subscription(&second, at(50)).unwrap());
    assert_eq!(store.subscriptions().unwrap(), [first, third, second]);
}

#[test]
fn removing_a_subscription_drops_its_cache_and_state_but_not_its_bookmarks() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    for url in [FEED_A, FEED_B] {
        store
            .add_subscription(&subscription(url, None, &[]), at(1))
            .unwrap();
    }
    let from_a: Vec<Article> = (0..3)
        .map(|n| feed_article(FEED_A, n, Some(at(10 + n as u32))))
        .collect();
    let from_b: Vec<Article> = (0..2)
        .map(|n| feed_article(FEED_B, n, Some(at(20 + n as u32))))
        .collect();
    store
        .ingest(FEED_A, &from_a, &blank_state(FEED_A), at(30))
        .unwrap();
    store
        .ingest(FEED_B, &from_b, &blank_state(FEED_B), at(30))
        .unwrap();
    store.add_bookmark(&from_a[1], at(31)).unwrap();

    assert!(store.remove_subscription(FEED_A).unwrap());
    let store = open(dir.path());
    assert_eq!(
        store.cached_counts().unwrap(),
        HashMap::from([(FEED_B.to_string(), 2)])
    );
    let (cached, unreadable) = store.cached_articles().unwrap();
    assert_eq!(unreadable, 0);
    assert!(cached.iter().all(|(url, _)| url == FEED_B));
    assert_eq!(
        store.feed_states().unwrap().into_keys().collect::<Vec<_>>(),
        [FEED_B]
    );
    let bookmarks = store.bookmarks().unwrap().saved;
    assert_eq!(bookmarks.len(), 1);
    assert_eq!(bookmarks[0].article, from_a[1]);
    assert_eq!(store.subscriptions().unwrap()[0].url, FEED_B);
}

#[test]
fn feed_state_round_trips_with_and_without_its_fields() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let full = FeedState {
        url: FEED_A.to_string(),
        title: Some("Ａ news — 潮汐".to_string()),
        etag: Some("W/\"5e-1f\"".to_string()),
        last_modified: Some("Fri, 14 Mar 2025 09:26:53 GMT".to_string()),
        last_attempt: Some(at(5) + chrono::Duration::nanoseconds(7)),
        last_success: Some(at(4)),
        last_error: Some("HTTP 503 Service Unavailable".to_string()),
        retry_after: Some(at(59)),
        fresh_until: Some(at(58)),
        content_hash: Some(u64::MAX - 1),
        file_stamp: Some(crate::net::FileStamp {
            size: 74_000_000,
            modified: -1,
        }),
        source_hash: Some(1 << 63),
        ttl: Some(std::time::Duration::from_secs(15 * 60)),
        max_age: Some(std::time::Duration::from_secs(86_400)),
    };
    let empty = blank_state(FEED_B);
    store.save_feed_state(&full).unwrap();
    store.save_feed_state(&empty).unwrap();
    let expected = HashMap::from([
        (FEED_A.to_string(), full.clone()),
        (FEED_B.to_string(), empty.clone()),
    ]);
    assert_eq!(open(dir.path()).feed_states().unwrap(), expected);

    // Saving again replaces every field, a `None` included.
    let cleared = FeedState {
        last_error: None,
        retry_after: None,
        etag: Some("\"new\"".to_string()),
        file_stamp: None,
        max_age: None,
        ..full
    };
    store.save_feed_state(&cleared).unwrap();
    let states = open(dir.path()).feed_states().unwrap();
    assert_eq!(states.len(), 2);
    assert_eq!(states[FEED_A], cleared);
    assert_eq!(states[FEED_B], empty);
}
