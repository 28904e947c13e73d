//! The store's side of sync: the queue written with each change, applying the server's state
//! where no change waits, stars removed elsewhere, mark-all-read, and the server's feeds.

use std::collections::HashSet;

use super::feed::{FEED_A, FEED_B, blank_state, feed_article};
use super::{article, at, open};
use crate::model::Article;
use crate::store::columns::stored_time;
use crate::store::*;

/// A store with four cached articles of FEED_A, the first three of them server items
/// 101-103 (stream feed/1, got by the server at 1000, 2000, 3000 µs); the fourth is local.
fn server_store(dir: &std::path::Path) -> (Store, Vec<Article>) {
    let store = open(dir);
    let articles: Vec<Article> = (0..4)
        .map(|n| feed_article(FEED_A, n, Some(at(n as u32))))
        .collect();
    store
        .ingest(FEED_A, &articles, &blank_state(FEED_A), at(10))
        .unwrap();
    store
        .set_server_feeds(&[ServerFeed {
            stream: "feed/1".into(),
            url: FEED_A.into(),
            title: "A".into(),
            tags: vec!["News".into()],
        }])
        .unwrap();
    let items: Vec<ServerItem> = articles[..3]
        .iter()
        .zip(101..)
        .map(|(a, item)| ServerItem {
            article: a.id.clone(),
            item,
            stream: "feed/1".into(),
            crawl_usec: (item - 100) * 1000,
        })
        .collect();
    store.record_items(&items).unwrap();
    (store, articles)
}

fn marks(store: &Store) -> Vec<(i64, MarkKind, bool)> {
    store
        .queued_changes()
        .unwrap()
        .into_iter()
        .filter_map(|q| match q.change {
            Change::Mark { item, kind, on } => Some((item, kind, on)),
            Change::ReadAll { .. } => None,
        })
        .collect()
}

fn state(unread: &[i64], starred: &[i64]) -> ServerState {
    ServerState {
        unread: unread.iter().copied().collect(),
        starred: starred.iter().copied().collect(),
        listed: (101..=103).collect(),
    }
}

#[test]
fn each_change_of_a_server_article_is_queued_with_it_and_the_latest_wins() {
    let dir = tempfile::tempdir().unwrap();
    let (store, articles) = server_store(dir.path());
    // A local article: nothing to send.
    store.mark_read(&articles[3].id, at(1)).unwrap();
    store.add_bookmark(&articles[3], at(1)).unwrap();
    assert_eq!(store.queue_len().unwrap(), 0);

    store.mark_read(&articles[0].id, at(2)).unwrap();
    // Read again: no change, nothing more queued.
    store.mark_read(&articles[0].id, at(3)).unwrap();
    store.add_bookmark(&articles[1], at(4)).unwrap();
    assert_eq!(
        marks(&store),
        [(101, MarkKind::Read, true), (102, MarkKind::Starred, true)]
    );
    let before = store.queued_changes().unwrap();
    // Unbookmarked before it was sent: the unstar replaces the star, with a new place.
    assert!(store.remove_bookmark(&articles[1].id).unwrap());
    assert_eq!(
        marks(&store),
        [(101, MarkKind::Read, true), (102, MarkKind::Starred, false)]
    );
    // What was read from the queue and accepted goes; the change made since stays.
    let seqs: Vec<i64> = before.iter().map(|q| q.seq).collect();
    store.unqueue(&seqs).unwrap();
    assert_eq!(marks(&store), [(102, MarkKind::Starred, false)]);
}

#[test]
fn the_server_state_applies_where_no_change_waits() {
    let dir = tempfile::tempdir().unwrap();
    let (store, articles) = server_store(dir.path());
    let id = |n: usize| articles[n].id.clone();
    // A server item retention removed from the cache gets no read mark.
    let pruned = ArticleId::from_identity("pruned");
    store
        .record_items(&[ServerItem {
            article: pruned.clone(),
            item: 104,
            stream: "feed/1".into(),
            crawl_usec: 4000,
        }])
        .unwrap();
    // Read here and queued: the server's "unread" does not undo it.
    store.mark_read(&id(0), at(1)).unwrap();
    let changes = store
        .apply_server_state(&state(&[101, 102], &[]), at(20))
        .unwrap();
    assert_eq!(changes.read, [id(2)]);
    assert!(changes.unread.is_empty());
    let read = store.read_ids().unwrap();
    assert!(read.contains(&id(0)) && !read.contains(&id(1)) && read.contains(&id(2)));
    assert!(!read.contains(&pruned));

    // Sent: now the server's state wins.
    let seqs: Vec<i64> = store
        .queued_changes()
        .unwrap()
        .iter()
        .map(|q| q.seq)
        .collect();
    store.unqueue(&seqs).unwrap();
    let changes = store
        .apply_server_state(&state(&[101, 102], &[]), at(21))
        .unwrap();
    assert_eq!(changes.unread, [id(0)]);
    assert!(!store.read_ids().unwrap().contains(&id(0)));
    // Applied again, nothing changes.
    assert!(
        store
            .apply_server_state(&state(&[101, 102], &[]), at(22))
            .unwrap()
            .is_empty()
    );
    // The local article is never touched.
    assert!(!store.read_ids().unwrap().contains(&id(3)));
}

#[test]
fn stars_bookmark_and_a_star_removed_elsewhere_keeps_the_copy() {
    let dir = tempfile::tempdir().unwrap();
    let (store, articles) = server_store(dir.path());
    let id = |n: usize| articles[n].id.clone();
    let changes = store
        .apply_server_state(&state(&[], &[101]), at(20))
        .unwrap();
    assert_eq!(changes.starred, [id(0)]);
    let saved = store.bookmarks().unwrap().saved;
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].article, articles[0]);
    // Starred from the server: nothing to send back.
    assert_eq!(store.queue_len().unwrap(), 0);

    // The star goes on another device: the bookmark goes here, its copy is kept.
    let changes = store.apply_server_state(&state(&[], &[]), at(21)).unwrap();
    assert_eq!(changes.unstarred, [id(0)]);
    assert!(store.bookmarks().unwrap().saved.is_empty());
    let kept = store.unstarred_bookmarks().unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].bookmark.article, articles[0]);
    assert_eq!(kept[0].unstarred_at, at(21));

    // Bookmarked here again: it is no longer among the un-starred, and the star is queued.
    store.add_bookmark(&articles[0], at(22)).unwrap();
    assert!(store.unstarred_bookmarks().unwrap().is_empty());
    assert_eq!(marks(&store), [(101, MarkKind::Starred, true)]);
    // A waiting star wins over the server's "not starred".
    let changes = store.apply_server_state(&state(&[], &[]), at(23)).unwrap();
    assert!(changes.unstarred.is_empty());
    assert_eq!(store.bookmarked_ids().unwrap(), HashSet::from([id(0)]));
}

#[test]
fn mark_all_read_queues_the_newest_time_seen_and_its_acceptance_covers_the_marks() {
    let dir = tempfile::tempdir().unwrap();
    let (store, articles) = server_store(dir.path());
    let ids: Vec<ArticleId> = articles[..2].iter().map(|a| a.id.clone()).collect();
    store
        .mark_all_read(&ids, &ReadScope::Feed(FEED_A.into()), at(5))
        .unwrap();
    let queued = store.queued_changes().unwrap();
    let read_all: Vec<&Queued> = queued
        .iter()
        .filter(|q| matches!(q.change, Change::ReadAll { .. }))
        .collect();
    // The newest of the two the reader saw (102, got at 2000 µs), not the time of marking.
    assert_eq!(
        read_all[0].change,
        Change::ReadAll {
            stream: "feed/1".into(),
            ts_usec: 2000
        }
    );
    assert_eq!(
        marks(&store),
        [(101, MarkKind::Read, true), (102, MarkKind::Read, true)]
    );
    // A read mark made after it is not covered.
    store.mark_read(&articles[2].id, at(6)).unwrap();
    store.read_all_accepted(read_all[0].seq).unwrap();
    assert_eq!(marks(&store), [(103, MarkKind::Read, true)]);

    // A tag the server has as a folder, any case; one it does not know queues no mark-all.
    store
        .mark_all_read(
            &[articles[2].id.clone()],
            &ReadScope::Tag("news".into()),
            at(7),
        )
        .unwrap();
    store
        .mark_all_read(
            &[articles[2].id.clone()],
            &ReadScope::Tag("Sport".into()),
            at(7),
        )
        .unwrap();
    store
        .mark_all_read(&[articles[3].id.clone()], &ReadScope::Everything, at(7))
        .unwrap();
    let streams: Vec<String> = store
        .queued_changes()
        .unwrap()
        .into_iter()
        .filter_map(|q| match q.change {
            Change::ReadAll { stream, .. } => Some(stream),
            Change::Mark { .. } => None,
        })
        .collect();
    // The local article alone gives no time to mark up to.
    assert_eq!(streams, ["user/-/label/News"]);
}

#[test]
fn a_feed_gone_from_the_server_takes_its_cache_but_not_its_bookmarks() {
    let dir = tempfile::tempdir().unwrap();
    let (store, articles) = server_store(dir.path());
    store.add_bookmark(&articles[0], at(1)).unwrap();
    store
        .ingest(
            FEED_B,
            &[feed_article(FEED_B, 9, None)],
            &blank_state(FEED_B),
            at(2),
        )
        .unwrap();
    let removed = store.set_server_feeds(&[]).unwrap();
    assert_eq!(removed.removed, [FEED_A]);
    assert!(store.server_feeds().unwrap().is_empty());
    let counts = store.cached_counts().unwrap();
    assert_eq!(counts.get(FEED_A), None);
    assert_eq!(counts.get(FEED_B), Some(&1));
    assert_eq!(store.bookmarks().unwrap().saved[0].article, articles[0]);
    assert!(
        store
            .known_items(&HashSet::from([101, 102]))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_feed_moved_to_other_folders_has_its_cached_articles_tagged_anew() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = server_store(dir.path());
    let moved = |tags: &[&str]| ServerFeed {
        stream: "feed/1".into(),
        url: FEED_A.into(),
        title: "A".into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
    };
    let tags_of_feed_a = |store: &Store| -> Vec<Vec<String>> {
        let (cached, _) = store.cached_articles().unwrap();
        cached
            .into_iter()
            .filter(|(feed, _)| feed == FEED_A)
            .map(|(_, a)| a.tags.iter().map(|t| t.as_str().to_string()).collect())
            .collect()
    };
    // As the first sync stored them: the feed's folder on each.
    let change = store.set_server_feeds(&[moved(&["News"])]).unwrap();
    assert!(change.moved.is_empty(), "{change:?}");
    let first = store
        .set_server_feeds(&[moved(&["Tech", "Reading"])])
        .unwrap();
    assert_eq!(
        first.moved,
        [MovedFeed {
            url: FEED_A.into(),
            from: vec!["News".into()],
            to: vec!["Tech".into(), "Reading".into()],
        }]
    );
    let tags = tags_of_feed_a(&store);
    assert_eq!(tags.len(), 4);
    assert!(tags.iter().all(|t| t == &["Tech", "Reading"]), "{tags:?}");
    assert_eq!(store.server_feeds().unwrap()[0].tags, ["Tech", "Reading"]);
}

#[test]
fn a_database_of_version_4_gains_the_sync_tables_and_keeps_its_bookmarks() {
    let dir = tempfile::tempdir().unwrap();
    let kept = article("kept");
    {
        let old = Store::open_at_version(dir.path(), super::SHORT_TIMEOUT, 4).unwrap();
        // Cached as that version cached it.
        super::cache_v7::store_as_before(&old.conn, &kept, FEED_A);
        old.conn
            .execute(
                "INSERT INTO bookmarks (article_id, saved_at, snapshot) VALUES (?1, ?2, ?3)",
                rusqlite::params![
                    kept.id.as_str(),
                    stored_time(at(1)),
                    serde_json::to_string(&kept).unwrap()
                ],
            )
            .unwrap();
    }
    let store = open(dir.path());
    assert_eq!(store.bookmarks().unwrap().saved[0].article, kept);
    assert_eq!(store.cached_counts().unwrap().get(FEED_A), Some(&1));
    assert_eq!(store.queue_len().unwrap(), 0);
    assert!(store.server_feeds().unwrap().is_empty());
    // Not a server item: unbookmarking it queues nothing.
    assert!(store.remove_bookmark(&kept.id).unwrap());
    assert_eq!(store.queue_len().unwrap(), 0);
}

#[test]
fn a_copy_unstarred_elsewhere_outlives_its_cached_article_and_can_be_starred_again() {
    let dir = tempfile::tempdir().unwrap();
    let (store, articles) = server_store(dir.path());
    let first = articles[0].id.clone();
    store
        .apply_server_state(&state(&[], &[101]), at(20))
        .unwrap();
    store.apply_server_state(&state(&[], &[]), at(21)).unwrap();
    assert_eq!(store.unstarred_times().unwrap(), [(first.clone(), at(21))]);
    // Retention takes the cached article (the oldest), and the server lists it no more.
    store.prune(None, Some(3), at(30)).unwrap();
    assert_eq!(store.cached_body(&first).unwrap(), None);
    let mut unlisted = state(&[], &[]);
    unlisted.listed.remove(&101);
    store.apply_server_state(&unlisted, at(31)).unwrap();
    assert_eq!(
        store.saved_body(&first).unwrap(),
        Some(articles[0].body.clone()),
        "read from the copy kept"
    );
    // Bookmarked here again: the star still goes to the server.
    store.add_bookmark(&articles[0], at(32)).unwrap();
    assert_eq!(marks(&store), [(101, MarkKind::Starred, true)]);
    assert!(store.unstarred_times().unwrap().is_empty());
}

#[test]
fn the_body_of_a_bookmark_is_found_without_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let saved = article("saved");
    store.add_bookmark(&saved, at(1)).unwrap();
    assert_eq!(store.saved_body(&saved.id).unwrap(), Some(saved.body));
    assert_eq!(store.saved_body(&article("other").id).unwrap(), None);
}
