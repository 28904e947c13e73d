//! Schema version 9: a store of version 8, whose runs of Chinese, Japanese, Korean and Thai
//! are whole "words" of `feed_text`, is indexed anew once, a batch per transaction, keeping
//! every bookmark and read mark, and safely when interrupted; then its articles are found by
//! any string of those scripts, and by their words as before.

use std::borrow::Cow;
use std::time::Duration;

use rusqlite::params;

use super::feed::{FEED_A, feed_article};
use super::{SHORT_TIMEOUT, at, open};
use crate::model::{Article, Block, Body, Span};
use crate::store::body::{self, Stored};
use crate::store::columns::stored_time;
use crate::store::reindex::batch;
use crate::store::*;

fn paragraph(text: &str) -> Body {
    Body {
        blocks: vec![Block::Paragraph(vec![Span::plain(text)])],
    }
}

/// Stores `article` as version 8 did: its body packed, its title and text in `feed_text`,
/// tokenized there (a run of Chinese is one token).
fn store_as_version_8(conn: &rusqlite::Connection, article: &Article) {
    let packed = body::pack(&body::json(&Stored::Made(Cow::Borrowed(&article.body))));
    conn.execute(
        "INSERT INTO feed_articles (id, feed_url, snapshot, published, first_seen, last_seen,
                                    title, source, author, url, tags, hash, body)
         VALUES (?1, ?2, '', ?3, ?3, ?3, ?4, ?5, NULL, ?6, '', 1, ?7)",
        params![
            article.id.as_str(),
            FEED_A,
            stored_time(at(1)),
            article.title,
            article.source,
            article.url,
            packed
        ],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO feed_text (rowid, title, body) VALUES (last_insert_rowid(), ?1, ?2)",
        params![article.title, article.body.plain_text()],
    )
    .unwrap();
}

fn articles() -> Vec<Article> {
    let texts = [
        ("Delivery", "美团的智能配送系统正在改变外卖。"),
        ("東京都の天気", "ひらがなとカタカナ。"),
        ("Seoul", "우리는 서울에서 만났다."),
        ("Harbour", "The ferry left the harbour."),
        ("Thai in the full text", "Only English in the feed."),
    ];
    texts
        .iter()
        .enumerate()
        .map(|(n, (title, text))| Article {
            title: (*title).to_string(),
            body: paragraph(text),
            ..feed_article(FEED_A, n, Some(at(1)))
        })
        .collect()
}

#[test]
fn a_version_8_store_is_indexed_anew_once_keeping_marks_and_safe_when_interrupted() {
    let dir = tempfile::tempdir().unwrap();
    let articles = articles();
    {
        let before = Store::open_at_version(dir.path(), SHORT_TIMEOUT, 8).unwrap();
        for article in &articles {
            store_as_version_8(&before.conn, article);
        }
        // A full text read before, in Thai.
        before
            .conn
            .execute(
                "INSERT INTO full_texts (article_id, url, fetched_at, body)
                 VALUES (?1, ?2, ?3, ?4)",
                params![
                    articles[4].id.as_str(),
                    articles[4].url,
                    stored_time(at(2)),
                    serde_json::to_string(&paragraph("ภาษาไทยง่ายมาก")).unwrap()
                ],
            )
            .unwrap();
        before.add_bookmark(&articles[0], at(3)).unwrap();
        before.mark_read(&articles[1].id, at(4)).unwrap();
        before.mark_read(&articles[2].id, at(5)).unwrap();
    }

    let store = open(dir.path());
    let found = |query: &str| {
        let words: Vec<String> = query.split_whitespace().map(str::to_string).collect();
        let mut ids = store.search_cached(&words).unwrap();
        ids.sort();
        ids
    };
    assert_eq!(
        store.reindex_left().unwrap(),
        5,
        "migrated, not indexed yet"
    );
    assert!(found("智能").is_empty(), "the old index has no pairs");
    assert_eq!(
        found("harbour"),
        [articles[3].id.clone()],
        "words as before"
    );

    // A batch that does not commit (a reader killed half way) changes nothing.
    {
        let transaction = store.conn.unchecked_transaction().unwrap();
        assert_eq!(
            batch(&transaction, Duration::from_secs(60)).unwrap(),
            Some(5)
        );
        drop(transaction);
    }
    assert_eq!(store.reindex_left().unwrap(), 5);
    assert!(found("智能").is_empty());

    // One row, committed, then the store closed: the rest waits for the next opening.
    assert_eq!(
        store.change(|conn| batch(conn, Duration::ZERO)).unwrap(),
        Some(1)
    );
    assert_eq!(store.reindex_left().unwrap(), 4);
    assert_eq!(
        found("智能"),
        [articles[0].id.clone()],
        "the row done is found"
    );
    drop(store);

    let store = open(dir.path());
    let mut seen = Vec::new();
    store.reindex(|progress| seen.push(progress)).unwrap();
    assert_eq!(
        seen.last(),
        Some(&Reindexing { done: 4, total: 4 }),
        "{seen:?}"
    );
    assert_eq!(store.reindex_left().unwrap(), 0);
    let left: i64 = store
        .conn
        .query_row("SELECT count(*) FROM search_reindex", [], |row| row.get(0))
        .unwrap();
    assert_eq!(left, 0, "the mark goes when every row is done");
    let mut again = Vec::new();
    store.reindex(|progress| again.push(progress)).unwrap();
    assert!(again.is_empty(), "once only");

    let found = |query: &str| {
        let mut ids = store.search_cached(&[query.to_string()]).unwrap();
        ids.sort();
        ids
    };
    for (query, article) in [
        ("智", 0),
        ("智能", 0),
        ("智能配送", 0),
        ("東京都", 1),
        ("京", 1),
        ("ひらがな", 1),
        ("서울", 2),
        ("서울에서", 2),
        ("harbour", 3),
        ("ferr", 3),
        ("ไทย", 4),
        ("english", 4),
    ] {
        assert_eq!(found(query), [articles[article].id.clone()], "{query}");
    }
    for query in ["智配", "京大", "서울은", "ไทยไทย"] {
        assert!(found(query).is_empty(), "{query}");
    }

    // Nothing else was touched.
    let bookmarks = store.bookmarks().unwrap();
    assert_eq!(bookmarks.saved.len(), 1);
    assert_eq!(bookmarks.saved[0].article, articles[0]);
    let read = store.read_ids().unwrap();
    assert!(read.contains(&articles[1].id) && read.contains(&articles[2].id));
    assert_eq!(read.len(), 2);
    for article in &articles {
        assert_eq!(
            store.cached_body(&article.id).unwrap().as_ref(),
            Some(&article.body)
        );
    }
}

#[test]
fn a_new_store_and_a_store_with_an_empty_cache_have_nothing_to_index_anew() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(open(dir.path()).reindex_left().unwrap(), 0);
    let old = tempfile::tempdir().unwrap();
    drop(Store::open_at_version(old.path(), SHORT_TIMEOUT, 8).unwrap());
    let store = open(old.path());
    assert_eq!(store.reindex_left().unwrap(), 0);
    let mut seen = Vec::new();
    store.reindex(|progress| seen.push(progress)).unwrap();
    assert!(seen.is_empty());
}
