//! Schema version 7: a store written by the build before (version 6: a whole-article snapshot
//! per cached article, a full-text index with positions) migrates keeping every cached
//! article, bookmark, read mark and feed state; and search finds an article as soon as it is
//! stored, whichever connection stored it.

use rusqlite::params;

use super::feed::{FEED_A, FEED_B, blank_state};
use super::{SHORT_TIMEOUT, article, at, open};
use crate::model::Article;
use crate::store::columns::stored_time;
use crate::store::*;

/// Article `n` of feed A, with the word `lighthouse{n}` in its body.
fn cached(n: usize) -> Article {
    let mut made = article(&format!("url:{FEED_A}#{n}"));
    made.title = format!("Harbour note {n}");
    made.body.blocks.push(crate::model::Block::Paragraph(vec![
        crate::model::Span::plain(format!("Past the lighthouse{n} at dusk.")),
    ]));
    made
}

fn without_body(article: &Article) -> Article {
    Article {
        body: crate::model::Body::default(),
        ..article.clone()
    }
}

/// Stores `article` as versions 2 to 6 did: its snapshot, its list columns, its text indexed.
pub(super) fn store_as_before(conn: &rusqlite::Connection, article: &Article, feed: &str) {
    let tags: Vec<&str> = article.tags.iter().map(crate::model::Tag::as_str).collect();
    conn.execute(
        "INSERT INTO feed_articles (id, feed_url, snapshot, published, first_seen, last_seen,
                                    title, source, author, url, tags)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            article.id.as_str(),
            feed,
            serde_json::to_string(article).unwrap(),
            article.published.map(stored_time),
            stored_time(at(1)),
            article.title,
            article.source,
            article.author,
            article.url,
            tags.join("\u{1f}"),
        ],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO feed_text (rowid, title, body) VALUES (last_insert_rowid(), ?1, ?2)",
        params![article.title, article.body.plain_text()],
    )
    .unwrap();
}

#[test]
fn a_version_6_store_migrates_keeping_its_cache_bookmarks_read_marks_and_feed_states() {
    let dir = tempfile::tempdir().unwrap();
    let articles: Vec<Article> = (0..30).map(cached).collect();
    {
        let before = Store::open_at_version(dir.path(), SHORT_TIMEOUT, 6).unwrap();
        for article in &articles {
            store_as_before(&before.conn, article, FEED_A);
        }
        before.conn
            .execute(
                "INSERT INTO feed_state (url, title, etag, last_success) VALUES (?1, 'A', '\"e\"', ?2)",
                params![FEED_A, stored_time(at(3))],
            )
            .unwrap();
        before.add_bookmark(&articles[3], at(4)).unwrap();
        before.mark_read(&articles[4].id, at(5)).unwrap();
    }
    let store = open(dir.path());
    let (listed, unreadable) = store.cached_articles().unwrap();
    assert_eq!(unreadable, 0);
    let mut listed: Vec<Article> = listed.into_iter().map(|(_, article)| article).collect();
    listed.sort_by(|a, b| a.id.cmp(&b.id));
    let mut expected: Vec<Article> = articles.iter().map(without_body).collect();
    expected.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(listed, expected, "every list column is kept");
    for article in &articles {
        assert_eq!(
            store.cached_body(&article.id).unwrap().as_ref(),
            Some(&article.body),
            "the body from the old snapshot"
        );
    }
    let bookmarks = store.bookmarks().unwrap();
    assert_eq!(bookmarks.saved.len(), 1);
    assert_eq!(bookmarks.saved[0].article, articles[3]);
    assert!(store.read_ids().unwrap().contains(&articles[4].id));
    let state = &store.feed_states().unwrap()[FEED_A];
    assert_eq!(state.etag.as_deref(), Some("\"e\""));
    assert_eq!(state.content_hash, None);
    assert_eq!(
        store.search_cached(&["lighthouse17".into()]).unwrap(),
        std::slice::from_ref(&articles[17].id),
        "the index is made again from the old snapshots"
    );
    assert_eq!(store.search_cached(&["harbour".into()]).unwrap().len(), 30);

    // The first refresh after stores each article again in the new form, without calling
    // it updated; the next one writes nothing.
    let ingested = store
        .ingest(FEED_A, &articles, &blank_state(FEED_A), at(50))
        .unwrap();
    assert_eq!(ingested, Ingested::default());
    let snapshot: String = store
        .conn
        .query_row(
            "SELECT snapshot FROM feed_articles WHERE id = ?1",
            [articles[0].id.as_str()],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(snapshot, "", "no second copy beside the packed body");
    assert_eq!(
        store.cached_body(&articles[0].id).unwrap(),
        Some(articles[0].body.clone())
    );
    let rows: Vec<CacheRow> = articles.iter().map(CacheRow::from_article).collect();
    let before = store.conn.total_changes();
    store.store_rows(FEED_A, &rows, at(51)).unwrap();
    assert_eq!(store.conn.total_changes(), before);
    assert_eq!(
        store.search_cached(&["lighthouse17".into()]).unwrap().len(),
        1
    );
}

#[test]
fn search_finds_an_article_as_soon_as_it_is_stored_by_this_connection_or_another() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let other = open(dir.path());
    let found = |words: &[&str]| -> Vec<ArticleId> {
        let words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        let mut ids = store.search_cached(&words).unwrap();
        ids.sort();
        ids
    };
    assert!(found(&["lighthouse"]).is_empty());
    let first = cached(1);
    store
        .ingest(
            FEED_A,
            std::slice::from_ref(&first),
            &blank_state(FEED_A),
            at(1),
        )
        .unwrap();
    assert_eq!(
        found(&["lighth"]),
        std::slice::from_ref(&first.id),
        "stored here"
    );
    let second = cached(2);
    other
        .ingest(
            FEED_B,
            std::slice::from_ref(&second),
            &blank_state(FEED_B),
            at(2),
        )
        .unwrap();
    let mut both = vec![first.id.clone(), second.id.clone()];
    both.sort();
    assert_eq!(found(&["lighth"]), both, "stored by another connection");
    assert_eq!(found(&["lighthouse2"]), std::slice::from_ref(&second.id));
    assert_eq!(
        found(&["note", "lighthouse1"]),
        std::slice::from_ref(&first.id),
        "every word"
    );
    assert_eq!(
        found(&["dusk-lighthouse2"]),
        std::slice::from_ref(&second.id),
        "words within a word"
    );
    let subscription = Subscription {
        url: FEED_B.to_string(),
        name: None,
        tags: Vec::new(),
        every: None,
        full_text: false,
    };
    other.add_subscription(&subscription, at(3)).unwrap();
    assert!(other.remove_subscription(FEED_B).unwrap());
    assert_eq!(
        found(&["lighth"]),
        std::slice::from_ref(&first.id),
        "removed by another"
    );
}
