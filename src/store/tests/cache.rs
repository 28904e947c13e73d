//! The feed cache: ingest, reading back, retention.

use chrono::{DateTime, TimeDelta, Utc};
use rusqlite::Connection;

use super::feed::{FEED_A, FEED_B, blank_state, feed_article};
use super::{at, db_file, integrity_check, open};
use crate::model::Article;
use crate::store::columns::stored_time;
use crate::store::*;

fn days_before(now: DateTime<Utc>, days: i64) -> DateTime<Utc> {
    now - TimeDelta::days(days)
}

/// The titles of the cached articles, sorted, each after its feed's letter.
fn cached_titles(store: &Store) -> Vec<String> {
    let (cached, unreadable) = store.cached_articles().unwrap();
    assert_eq!(unreadable, 0);
    let mut titles: Vec<String> = cached
        .into_iter()
        .map(|(url, article)| format!("{} {}", &url[8..9], article.title))
        .collect();
    titles.sort();
    titles
}

/// `first_seen` and `last_seen` of one cached article, read beside the store.
fn seen(dir: &std::path::Path, id: &ArticleId) -> (String, String) {
    Connection::open(db_file(dir))
        .unwrap()
        .query_row(
            "SELECT first_seen, last_seen FROM feed_articles WHERE id = ?1",
            [id.as_str()],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap()
}

#[test]
fn ingest_counts_new_and_updated_but_not_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let state = blank_state(FEED_A);
    let first: Vec<Article> = (0..3)
        .map(|n| feed_article(FEED_A, n, Some(at(n as u32))))
        .collect();
    let ingested = store.ingest(FEED_A, &first, &state, at(10)).unwrap();
    assert_eq!(
        ingested,
        Ingested {
            new: 3,
            updated: 0,
            ..Ingested::default()
        }
    );

    let mut second = first.clone();
    second[1].title = "Item 1, corrected".to_string();
    second.push(feed_article(FEED_A, 3, None));
    let ingested = store.ingest(FEED_A, &second, &state, at(20)).unwrap();
    assert_eq!(
        ingested,
        Ingested {
            new: 1,
            updated: 1,
            ..Ingested::default()
        }
    );

    let ingested = store.ingest(FEED_A, &second, &state, at(30)).unwrap();
    assert_eq!(
        ingested,
        Ingested {
            new: 0,
            updated: 0,
            ..Ingested::default()
        }
    );
    // An item gone from the feed stays cached.
    let ingested = store.ingest(FEED_A, &second[2..], &state, at(40)).unwrap();
    assert_eq!(ingested, Ingested::default());
    assert_eq!(store.cached_counts().unwrap()[FEED_A], 4);

    // An unchanged article is not written again: it was last written when first seen, the
    // corrected one when corrected.
    let first_seen = stored_time(at(10));
    assert_eq!(
        seen(dir.path(), &first[0].id),
        (first_seen.clone(), first_seen.clone())
    );
    assert_eq!(
        seen(dir.path(), &first[1].id),
        (first_seen, stored_time(at(20)))
    );
}

#[test]
fn storing_unchanged_rows_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let articles: Vec<Article> = (0..50)
        .map(|n| feed_article(FEED_A, n, Some(at(n as u32))))
        .collect();
    let rows: Vec<CacheRow> = articles.iter().map(CacheRow::from_article).collect();
    let ingested = store.store_rows(FEED_A, &rows, at(10)).unwrap();
    assert_eq!(ingested.new, 50);
    let before = store.conn.total_changes();
    let again = store.store_rows(FEED_A, &rows, at(20)).unwrap();
    assert_eq!(again, Ingested::default());
    assert_eq!(store.conn.total_changes(), before, "not a row written");
    let mut changed = articles[7].clone();
    changed.title = "Item 7, corrected".into();
    let ingested = store
        .store_rows(FEED_A, &[CacheRow::from_article(&changed)], at(30))
        .unwrap();
    assert_eq!(
        ingested,
        Ingested {
            new: 0,
            updated: 1,
            ..Ingested::default()
        }
    );
    assert!(store.conn.total_changes() > before);
}

#[test]
fn an_updated_article_is_replaced_in_place_under_its_id() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let original = feed_article(FEED_A, 1, Some(at(1)));
    let state = blank_state(FEED_A);
    store
        .ingest(FEED_A, std::slice::from_ref(&original), &state, at(10))
        .unwrap();
    let mut revised = original.clone();
    revised.title = "Revised".to_string();
    revised.published = Some(at(2));
    store
        .ingest(FEED_A, std::slice::from_ref(&revised), &state, at(20))
        .unwrap();

    let (cached, _) = open(dir.path()).cached_articles().unwrap();
    assert_eq!(cached, [(FEED_A.to_string(), revised)]);
    assert_eq!(cached[0].1.id, original.id);
    let (first_seen, last_seen) = seen(dir.path(), &original.id);
    assert_eq!(first_seen, stored_time(at(10)));
    assert_eq!(last_seen, stored_time(at(20)));
}

#[test]
fn ingest_saves_the_feed_state_with_the_articles() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let state = FeedState {
        title: Some("A news".to_string()),
        etag: Some("\"v1\"".to_string()),
        last_attempt: Some(at(9)),
        last_success: Some(at(9)),
        ..blank_state(FEED_A)
    };
    let articles = [feed_article(FEED_A, 0, None)];
    store.ingest(FEED_A, &articles, &state, at(9)).unwrap();
    assert_eq!(open(dir.path()).feed_states().unwrap()[FEED_A], state);
}

#[test]
fn cached_articles_all_come_back_and_a_bad_row_is_counted() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let a = [
        feed_article(FEED_A, 0, Some(at(5))),
        // Undated: placed by when it was first seen, at(20).
        feed_article(FEED_A, 1, None),
        feed_article(FEED_A, 2, Some(at(30))),
        // Same date as the one before it: feed order.
        feed_article(FEED_A, 3, Some(at(30))),
    ];
    let b = [
        feed_article(FEED_B, 0, Some(at(25))),
        feed_article(FEED_B, 1, Some(at(1) + TimeDelta::milliseconds(5))),
        feed_article(FEED_B, 2, Some(at(1))),
    ];
    store
        .ingest(FEED_A, &a, &blank_state(FEED_A), at(20))
        .unwrap();
    store
        .ingest(FEED_B, &b, &blank_state(FEED_B), at(21))
        .unwrap();
    assert_eq!(
        cached_titles(&open(dir.path())),
        [
            "a Item 0", "a Item 1", "a Item 2", "a Item 3", "b Item 0", "b Item 1", "b Item 2"
        ]
    );

    let raw = Connection::open(db_file(dir.path())).unwrap();
    raw.execute(
        "INSERT INTO feed_articles (id, feed_url, snapshot, published, first_seen, last_seen,
                                    title, source, tags)
         VALUES ('bad0bad0bad0', ?1, '{\"title\": 3}', 'not a time', ?2, ?2, 'Bad', 'A', '')",
        rusqlite::params![FEED_A, stored_time(at(59))],
    )
    .unwrap();
    let (cached, unreadable) = store.cached_articles().unwrap();
    assert_eq!(unreadable, 1);
    assert_eq!(cached.len(), 7);
    assert_eq!(store.cached_counts().unwrap()[FEED_A], 5);
    let bad = ArticleId::from_stored("bad0bad0bad0".into());
    assert!(matches!(
        store.cached_body(&bad),
        Err(StoreError::BadSnapshot { .. })
    ));
}

#[test]
fn the_list_reads_no_bodies_and_a_body_is_read_on_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let mut article = feed_article(FEED_A, 0, Some(at(5)));
    article.author = Some("Ana".into());
    article.url = Some("https://a.example/0".into());
    article.tags = crate::model::tag::parse_tag_list("News, U.S., Open Source");
    article.body = crate::model::Body {
        blocks: vec![crate::model::Block::Heading("Inside".into())],
    };
    store
        .ingest(
            FEED_A,
            std::slice::from_ref(&article),
            &blank_state(FEED_A),
            at(6),
        )
        .unwrap();
    let (cached, _) = open(dir.path()).cached_articles().unwrap();
    let listed = &cached[0].1;
    assert_eq!(
        listed.body,
        crate::model::Body::default(),
        "no body at start"
    );
    let without_body = Article {
        body: crate::model::Body::default(),
        ..article.clone()
    };
    assert_eq!(*listed, without_body, "every list field round-trips");
    assert_eq!(store.cached_body(&article.id).unwrap(), Some(article.body));
    let gone = ArticleId::from_stored("0000000000aa".into());
    assert_eq!(store.cached_body(&gone).unwrap(), None);
}

#[test]
fn cached_articles_are_found_by_the_words_of_their_title_and_text() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let with_text = |n: usize, title: &str, text: &str| {
        let mut article = feed_article(FEED_A, n, Some(at(n as u32)));
        article.title = title.into();
        article.body = crate::model::Body {
            blocks: vec![crate::model::Block::Paragraph(vec![
                crate::model::Span::plain(text),
            ])],
        };
        article
    };
    let articles = [
        with_text(0, "Ferry returns", "Late sailings to the harbour."),
        with_text(1, "Budget talks", "The council and the ferry operator met."),
        with_text(2, "Comet", "Seen over the bay, naïve café \"quoted\"."),
    ];
    store
        .ingest(FEED_A, &articles, &blank_state(FEED_A), at(5))
        .unwrap();
    let found = |words: &[&str]| -> Vec<String> {
        let words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        let mut titles: Vec<String> = store
            .search_cached(&words)
            .unwrap()
            .into_iter()
            .map(|id| articles.iter().find(|a| a.id == id).unwrap().title.clone())
            .collect();
        titles.sort();
        titles
    };
    assert_eq!(
        found(&["ferr"]),
        ["Budget talks", "Ferry returns"],
        "title or text, word prefixes"
    );
    assert_eq!(found(&["ferry", "council"]), ["Budget talks"], "every word");
    assert_eq!(found(&["naive", "cafe"]), ["Comet"], "without diacritics");
    assert_eq!(
        found(&["\"quoted"]),
        ["Comet"],
        "quotes are words, not syntax"
    );
    assert!(found(&[]).is_empty());
    assert_eq!(
        found(&["to"]),
        ["Ferry returns"],
        "a word of two letters is a whole word"
    );
    assert!(found(&["t"]).is_empty(), "not the start of every word");
    let mut revised = articles[0].clone();
    revised.body = crate::model::Body::default();
    revised.title = "Ferry delayed".into();
    store
        .ingest(FEED_A, &[revised], &blank_state(FEED_A), at(6))
        .unwrap();
    assert_eq!(
        found(&["sailings"]),
        Vec::<String>::new(),
        "an update re-indexes"
    );
    assert_eq!(
        found(&["delayed"]),
        ["Ferry returns"],
        "found by its new title (named here by its old one)"
    );
    store.prune(None, Some(1), at(10)).unwrap();
    assert!(
        found(&["council"]).is_empty(),
        "pruned articles leave the index"
    );
}

/// Feed A: items published 1, 3, 5, 10 and 40 days before `now`, and one undated item first
/// seen 20 days before; feed B: items 2 and 12 days before. Returns `now`.
fn fill_for_pruning(store: &Store) -> DateTime<Utc> {
    let now = at(0) + TimeDelta::days(100);
    let a: Vec<Article> = [1, 3, 5, 10, 40]
        .into_iter()
        .enumerate()
        .map(|(n, days)| feed_article(FEED_A, n, Some(days_before(now, days))))
        .collect();
    let b = [2, 12].map(|days| feed_article(FEED_B, days as usize, Some(days_before(now, days))));
    store
        .ingest(
            FEED_A,
            &[feed_article(FEED_A, 9, None)],
            &blank_state(FEED_A),
            days_before(now, 20),
        )
        .unwrap();
    store.ingest(FEED_A, &a, &blank_state(FEED_A), now).unwrap();
    store.ingest(FEED_B, &b, &blank_state(FEED_B), now).unwrap();
    now
}

#[test]
fn prune_by_age_goes_by_published_else_first_seen() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let now = fill_for_pruning(&store);
    assert_eq!(store.prune(Some(7), None, now).unwrap(), 4);
    assert_eq!(
        cached_titles(&store),
        ["a Item 0", "a Item 1", "a Item 2", "b Item 2"]
    );
    assert_eq!(store.prune(Some(7), None, now).unwrap(), 0);
}

#[test]
fn prune_by_count_keeps_the_newest_of_each_feed() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let now = fill_for_pruning(&store);
    assert_eq!(store.prune(None, Some(2), now).unwrap(), 4);
    assert_eq!(
        cached_titles(&store),
        ["a Item 0", "a Item 1", "b Item 12", "b Item 2"]
    );
    assert_eq!(store.prune(None, Some(0), now).unwrap(), 4);
    assert!(cached_titles(&store).is_empty());
}

#[test]
fn prune_by_age_and_count_together_removes_either() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let now = fill_for_pruning(&store);
    assert_eq!(store.prune(Some(11), Some(2), now).unwrap(), 5);
    assert_eq!(cached_titles(&store), ["a Item 0", "a Item 1", "b Item 2"]);
}

#[test]
fn prune_never_removes_a_bookmarked_article() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let now = fill_for_pruning(&store);
    let oldest = feed_article(FEED_A, 4, Some(days_before(now, 40)));
    store.add_bookmark(&oldest, now).unwrap();
    assert_eq!(store.prune(Some(7), Some(1), now).unwrap(), 5);
    assert_eq!(cached_titles(&store), ["a Item 0", "a Item 4", "b Item 2"]);
    assert_eq!(store.prune(Some(0), Some(0), now).unwrap(), 2);
    assert_eq!(cached_titles(&store), ["a Item 4"]);
}

#[test]
fn prune_without_limits_removes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let now = fill_for_pruning(&store);
    assert_eq!(store.prune(None, None, now).unwrap(), 0);
    assert_eq!(
        store.prune(Some(u32::MAX), Some(usize::MAX), now).unwrap(),
        0
    );
    assert_eq!(cached_titles(&store).len(), 8);
}

#[test]
fn ten_thousand_articles_go_in_at_once_and_come_back() {
    const COUNT: usize = 10_000;
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let base = at(0);
    let articles: Vec<Article> = (0..COUNT)
        .map(|n| feed_article(FEED_A, n, Some(base + TimeDelta::seconds(n as i64))))
        .collect();
    let state = blank_state(FEED_A);
    let ingested = store.ingest(FEED_A, &articles, &state, base).unwrap();
    assert_eq!(
        ingested,
        Ingested {
            new: COUNT,
            updated: 0,
            ..Ingested::default()
        }
    );

    let (cached, unreadable) = open(dir.path()).cached_articles().unwrap();
    assert_eq!(unreadable, 0);
    assert_eq!(cached.len(), COUNT);
    // Newest first: the reverse of the order they were dated in.
    for ((url, article), expected) in cached.iter().zip(articles.iter().rev()) {
        assert_eq!(url, FEED_A);
        assert_eq!(article, expected);
    }
    let again = store.ingest(FEED_A, &articles, &state, base).unwrap();
    assert_eq!(again, Ingested::default());
    assert_eq!(store.cached_counts().unwrap()[FEED_A], COUNT);
}

#[test]
fn the_database_is_sound_after_ingest_and_prune() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let now = at(0) + TimeDelta::days(30);
    for round in 0..5_i64 {
        for feed in [FEED_A, FEED_B] {
            let articles: Vec<Article> = (0..500)
                .map(|n| {
                    let published = days_before(now, (n as i64 + round * 7) % 60);
                    feed_article(feed, n + 100 * round as usize, Some(published))
                })
                .collect();
            store
                .ingest(feed, &articles, &blank_state(feed), now)
                .unwrap();
        }
        store
            .add_bookmark(&feed_article(FEED_A, 7, None), now)
            .unwrap();
        assert!(store.prune(Some(20), Some(300), now).unwrap() > 0);
    }
    let counts = store.cached_counts().unwrap();
    assert!(counts[FEED_A] <= 301 && counts[FEED_B] <= 300, "{counts:?}");
    drop(store);

    let raw = Connection::open(db_file(dir.path())).unwrap();
    assert_eq!(integrity_check(&raw), "ok");
}

#[test]
fn the_newest_cached_articles_come_first_and_a_limit_takes_only_them() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let state = blank_state(FEED_A);
    // Stored out of date order, one undated.
    let articles: Vec<Article> = [3, 9, 1, 7]
        .into_iter()
        .map(|day| feed_article(FEED_A, day as usize, Some(at(day))))
        .chain([feed_article(FEED_A, 50, None)])
        .map(|mut article| {
            article
                .body
                .blocks
                .push(crate::model::Block::Heading("Body".into()));
            article
        })
        .collect();
    store.ingest(FEED_A, &articles, &state, at(20)).unwrap();
    let titles = |limit| {
        let mut titles = Vec::new();
        let unreadable = store
            .each_cached(limit, |url, article| {
                assert_eq!(url, FEED_A);
                assert!(article.body.blocks.is_empty(), "no body in the list");
                titles.push(article.title);
            })
            .unwrap();
        assert_eq!(unreadable, 0);
        titles
    };
    assert_eq!(
        titles(None),
        ["Item 9", "Item 7", "Item 3", "Item 1", "Item 50"],
        "newest first, the undated one last"
    );
    assert_eq!(titles(Some(2)), ["Item 9", "Item 7"]);
    assert_eq!(store.cached_count().unwrap(), 5);
    assert!(store.cached_more_than(4).unwrap());
    assert!(!store.cached_more_than(5).unwrap());
}

#[test]
fn the_list_is_read_from_its_index_without_the_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    open(dir.path());
    let plan: String = Connection::open(db_file(dir.path()))
        .unwrap()
        .query_row(
            "EXPLAIN QUERY PLAN SELECT feed_url, id, title, source, author, url, tags, published
             FROM feed_articles ORDER BY published DESC LIMIT 10",
            [],
            |row| row.get(3),
        )
        .unwrap();
    assert!(plan.contains("COVERING INDEX feed_articles_list"), "{plan}");
}

#[test]
fn read_marks_are_found_among_a_few_ids() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let ids: Vec<ArticleId> = (0..4)
        .map(|n| ArticleId::from_identity(&format!("n:{n}")))
        .collect();
    store.mark_read(&ids[1], at(1)).unwrap();
    store.mark_read(&ids[3], at(1)).unwrap();
    let read = store.read_among(&ids[..3]).unwrap();
    assert_eq!(read, HashSet::from([ids[1].clone()]));
}
