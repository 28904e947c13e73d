//! Read marks: many at once in one transaction, unread counts per feed, marks that outlive
//! an article's stay in the cache, and the migration that added refresh intervals.

use chrono::TimeDelta;

use super::feed::{FEED_A, FEED_B, blank_state, feed_article};
use super::{SHORT_TIMEOUT, at, open};
use crate::model::Article;
use crate::store::*;

fn feed_counts(store: &Store, url: &str) -> (usize, usize) {
    let counts = store.feed_counts().unwrap();
    let count = counts.get(url).copied().unwrap_or_default();
    (count.unread, count.total)
}

#[test]
fn many_marks_are_set_and_cleared_at_once_and_counted_per_feed() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let a: Vec<Article> = (0..3)
        .map(|n| feed_article(FEED_A, n, Some(at(n as u32))))
        .collect();
    let b = vec![feed_article(FEED_B, 9, None)];
    store
        .ingest(FEED_A, &a, &blank_state(FEED_A), at(10))
        .unwrap();
    store
        .ingest(FEED_B, &b, &blank_state(FEED_B), at(10))
        .unwrap();
    assert_eq!(feed_counts(&store, FEED_A), (3, 3));
    let ids: Vec<ArticleId> = a.iter().map(|a| a.id.clone()).collect();
    assert_eq!(store.set_read(&ids[..2], true, at(20)).unwrap(), 2);
    assert_eq!(
        store.set_read(&ids, true, at(21)).unwrap(),
        1,
        "marks already there are kept, not counted again"
    );
    assert_eq!(feed_counts(&store, FEED_A), (0, 3));
    assert_eq!(feed_counts(&store, FEED_B), (1, 1));
    assert_eq!(store.set_read(&ids[1..], false, at(22)).unwrap(), 2);
    assert_eq!(feed_counts(&store, FEED_A), (2, 3));
    assert_eq!(store.read_ids().unwrap(), [ids[0].clone()].into());
    assert!(store.set_read(&[], true, at(23)).is_ok());
}

#[test]
fn a_read_article_pruned_and_back_again_is_still_read() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let old = feed_article(FEED_A, 1, Some(at(1)));
    let new = feed_article(FEED_A, 2, Some(at(2)));
    let state = blank_state(FEED_A);
    store
        .ingest(FEED_A, &[old.clone(), new.clone()], &state, at(10))
        .unwrap();
    store.mark_read(&old.id, at(11)).unwrap();
    assert_eq!(store.prune(None, Some(1), at(12)).unwrap(), 1);
    // The feed drops the old item, then lists it again a day later.
    store
        .ingest(FEED_A, std::slice::from_ref(&new), &state, at(13))
        .unwrap();
    let later = at(14) + TimeDelta::days(1);
    let back = store
        .ingest(FEED_A, &[old.clone(), new], &state, later)
        .unwrap();
    assert_eq!(back.new, 1, "it is cached again");
    assert!(
        store.read_ids().unwrap().contains(&old.id),
        "and still read"
    );
    assert_eq!(feed_counts(&store, FEED_A), (1, 2));
}

#[test]
fn a_version_3_database_gains_refresh_intervals_and_keeps_its_subscriptions() {
    let dir = tempfile::tempdir().unwrap();
    {
        let v3 = Store::open_at_version(dir.path(), SHORT_TIMEOUT, 3).unwrap();
        v3.conn
            .execute(
                "INSERT INTO subscriptions (url, name, tags, added_at)
                 VALUES ('https://old.example/feed', 'Old', '[\"News\"]', '2026-01-01T00:00:00Z')",
                [],
            )
            .unwrap();
    }
    let store = open(dir.path());
    let subscriptions = store.subscriptions().unwrap();
    assert_eq!(
        subscriptions,
        [Subscription {
            full_text: false,
            url: "https://old.example/feed".into(),
            name: Some("Old".into()),
            tags: vec!["News".into()],
            every: None,
        }]
    );
    let every = Subscription {
        full_text: false,
        url: FEED_B.into(),
        name: None,
        tags: Vec::new(),
        every: Some(15),
    };
    store.add_subscription(&every, at(1)).unwrap();
    assert_eq!(store.subscriptions().unwrap()[1], every);
}
