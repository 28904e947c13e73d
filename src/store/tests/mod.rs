//! Tests of the store: round trips and concurrency here, with the helpers the tests of each
//! concern (the files beside this one) share.

use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use rusqlite::Connection;

use super::*;
use crate::model::{Article, Block, Body, ListItem, Span, SpanStyle, Tag};

mod cache;
mod cache_v7;
mod feed;
mod full_text;
mod read_marks;
mod refusal;
mod reindex;
mod search;
mod sync;

pub(super) const SHORT_TIMEOUT: Duration = Duration::from_millis(100);

pub(super) fn at(second: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 14, 9, 26, second).unwrap()
}

pub(super) fn article(identity: &str) -> Article {
    Article {
        id: ArticleId::from_identity(identity),
        title: format!("Tides of {identity}"),
        source: "Samples".to_string(),
        author: Some("R. Ocean".to_string()),
        published: Some(at(53) + chrono::Duration::nanoseconds(123_456_789)),
        url: Some(format!("https://example.org/{identity}")),
        tags: vec![Tag::new("U.S.").unwrap(), Tag::new("Sea level").unwrap()],
        body: Body {
            blocks: vec![
                Block::Heading("High water".to_string()),
                Block::Paragraph(vec![
                    Span::plain("The moon pulls "),
                    Span::styled(
                        "twice",
                        SpanStyle {
                            strong: true,
                            ..SpanStyle::default()
                        },
                    ),
                    Span::plain(" a day — ½ of the story, 潮汐 🌊."),
                ]),
                Block::List(vec![ListItem {
                    depth: 1,
                    number: Some(2),
                    spans: vec![Span::plain("spring tides")],
                }]),
                Block::Quote(vec![vec![Span::plain("Time and tide")], vec![]]),
                Block::Code("tide --table\n\tlow 03:12".to_string()),
                Block::Image {
                    label: String::new(),
                    caption: "The harbour at dawn. Photo: Getty Images".to_string(),
                    picture: None,
                },
            ],
        },
    }
}

pub(super) fn open(dir: &Path) -> Store {
    Store::open_with_timeout(dir, SHORT_TIMEOUT).unwrap()
}

pub(super) fn db_file(dir: &Path) -> PathBuf {
    dir.join(Store::FILE_NAME)
}

/// What `PRAGMA integrity_check` says of a connection's database: "ok" when it is sound.
pub(super) fn integrity_check(conn: &Connection) -> String {
    conn.query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap()
}

/// A real database holding bookmarks and read marks, closed again.
pub(super) fn write_real_database(dir: &Path) {
    let store = open(dir);
    for n in 0..20 {
        store
            .add_bookmark(&article(&format!("sample:{n}")), at(n))
            .unwrap();
        store
            .mark_read(&ArticleId::from_identity(&format!("read:{n}")), at(n))
            .unwrap();
    }
}

#[test]
fn a_bookmark_round_trips_with_its_full_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let original = article("sample:01-tides.txt");
    let saved_at = at(7) + chrono::Duration::nanoseconds(5);
    open(dir.path()).add_bookmark(&original, saved_at).unwrap();

    let store = open(dir.path());
    assert_eq!(
        store.bookmarks().unwrap().saved,
        vec![Bookmark {
            article: original.clone(),
            saved_at
        }]
    );
    assert_eq!(
        store.bookmarked_ids().unwrap(),
        HashSet::from([original.id])
    );
    assert_eq!(store.path(), db_file(dir.path()));
}

#[test]
fn adding_twice_keeps_the_first_snapshot_and_time() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let first = article("sample:a");
    store.add_bookmark(&first, at(1)).unwrap();
    let mut changed = first.clone();
    changed.title = "Rewritten".to_string();
    store.add_bookmark(&changed, at(2)).unwrap();

    let bookmarks = store.bookmarks().unwrap().saved;
    assert_eq!(bookmarks.len(), 1);
    assert_eq!(bookmarks[0].saved_at, at(1));
    assert_eq!(bookmarks[0].article, first);
}

#[test]
fn remove_says_whether_there_was_one() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let saved = article("sample:a");
    store.add_bookmark(&saved, at(1)).unwrap();
    assert!(store.remove_bookmark(&saved.id).unwrap());
    assert!(!store.remove_bookmark(&saved.id).unwrap());
    assert!(store.bookmarks().unwrap().saved.is_empty());
    assert!(open(dir.path()).bookmarked_ids().unwrap().is_empty());
}

#[test]
fn bookmarks_come_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    // Added out of order, and with times whose RFC 3339 text would sort wrongly if the
    // fractional digits were left out when zero ("30Z" sorts after "30.123Z" as text).
    store.add_bookmark(&article("middle"), at(30)).unwrap();
    store.add_bookmark(&article("oldest"), at(3)).unwrap();
    let newest = at(30) + chrono::Duration::milliseconds(123);
    store.add_bookmark(&article("newest"), newest).unwrap();

    let titles: Vec<String> = store
        .bookmarks()
        .unwrap()
        .saved
        .into_iter()
        .map(|bookmark| bookmark.article.title)
        .collect();
    assert_eq!(
        titles,
        ["Tides of newest", "Tides of middle", "Tides of oldest"]
    );
}

#[test]
fn read_marks_survive_reopening_and_are_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let one = ArticleId::from_identity("one");
    let two = ArticleId::from_identity("two");
    {
        let store = open(dir.path());
        store.mark_read(&one, at(1)).unwrap();
        store.mark_read(&one, at(2)).unwrap();
        store.mark_read(&two, at(3)).unwrap();
    }
    let store = open(dir.path());
    assert_eq!(store.read_ids().unwrap(), HashSet::from([one, two]));
    assert!(store.bookmarked_ids().unwrap().is_empty());
}

#[test]
fn a_bookmark_outlives_its_source() {
    let data = tempfile::tempdir().unwrap();
    let sources = tempfile::tempdir().unwrap();
    let file = sources.path().join("tides.txt");
    std::fs::write(&file, "Tides\n\nThe moon pulls twice a day.\n").unwrap();
    let mut saved = article(&format!("file:{}", file.display()));
    saved.source = "tides.txt".to_string();
    open(data.path()).add_bookmark(&saved, at(1)).unwrap();

    drop(sources);
    assert!(!file.exists());
    let bookmarks = open(data.path()).bookmarks().unwrap().saved;
    assert_eq!(bookmarks.len(), 1);
    assert_eq!(bookmarks[0].article, saved);
}

#[test]
fn two_handles_on_one_dir_both_write_and_see_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let first = open(dir.path());
    let second = open(dir.path());
    let from_first = article("first");
    let from_second = article("second");
    first.add_bookmark(&from_first, at(1)).unwrap();
    second.add_bookmark(&from_second, at(2)).unwrap();
    second.mark_read(&from_first.id, at(3)).unwrap();
    first.mark_read(&from_second.id, at(4)).unwrap();

    for store in [&first, &second] {
        let ids = HashSet::from([from_first.id.clone(), from_second.id.clone()]);
        assert_eq!(store.bookmarked_ids().unwrap(), ids);
        assert_eq!(store.read_ids().unwrap(), ids);
        assert_eq!(store.bookmarks().unwrap().saved[0].article, from_second);
    }
    assert!(first.remove_bookmark(&from_second.id).unwrap());
    assert!(!second.remove_bookmark(&from_second.id).unwrap());
}

#[test]
fn a_write_held_by_another_program_gives_locked_and_its_data_survives() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    store.add_bookmark(&article("before"), at(1)).unwrap();

    // In WAL mode readers never block, so what blocks a write is another open write
    // transaction (BEGIN EXCLUSIVE behaves as BEGIN IMMEDIATE there).
    let other = Connection::open(db_file(dir.path())).unwrap();
    other
        .execute_batch(
            "BEGIN IMMEDIATE;
             INSERT INTO read_marks (article_id, read_at) VALUES ('other', '2025-01-01T00:00:00Z');",
        )
        .unwrap();

    let error = store.add_bookmark(&article("during"), at(2)).unwrap_err();
    assert!(matches!(&error, StoreError::Locked { path } if *path == db_file(dir.path())));
    assert_eq!(
        error.to_string(),
        format!(
            "the database {} is locked by another program; close it and try again",
            db_file(dir.path()).display()
        )
    );
    let id = ArticleId::from_identity("x");
    assert!(matches!(
        store.mark_read(&id, at(2)),
        Err(StoreError::Locked { .. })
    ));
    // Reading and opening still work while the other program writes.
    assert_eq!(store.bookmarks().unwrap().saved.len(), 1);
    assert_eq!(open(dir.path()).bookmarked_ids().unwrap().len(), 1);

    other.execute_batch("COMMIT").unwrap();
    drop(other);
    let reopened = open(dir.path());
    let other_id = ArticleId::from_stored("other".to_string());
    assert_eq!(reopened.read_ids().unwrap(), HashSet::from([other_id]));
    assert_eq!(
        reopened.bookmarks().unwrap().saved[0].article,
        article("before")
    );
    store.add_bookmark(&article("after"), at(3)).unwrap();
    assert_eq!(reopened.bookmarked_ids().unwrap().len(), 2);
}

#[test]
fn a_missing_data_dir_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("deep").join("er").join("tidings");
    let store = open(&data_dir);
    assert!(data_dir.join(Store::FILE_NAME).is_file());
    store
        .mark_read(&ArticleId::from_identity("a"), at(1))
        .unwrap();
}

#[test]
fn the_database_is_sound_after_many_writes() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    for n in 0..300 {
        let saved = article(&format!("many:{n}"));
        store.add_bookmark(&saved, at(n % 60)).unwrap();
        store.mark_read(&saved.id, at(n % 60)).unwrap();
        if n % 3 == 0 {
            assert!(store.remove_bookmark(&saved.id).unwrap());
        }
    }
    assert_eq!(store.bookmarks().unwrap().saved.len(), 200);
    assert_eq!(store.read_ids().unwrap().len(), 300);
    drop(store);

    let raw = Connection::open(db_file(dir.path())).unwrap();
    assert_eq!(integrity_check(&raw), "ok");
    let mode: String = raw
        .query_row("PRAGMA journal_mode", [], |row| row.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn stores_opened_at_once_on_a_new_dir_take_turns_creating_it() {
    const STORES: u32 = 8;
    // The races are narrow, so they are run several times over.
    for round in 0..10 {
        let dir = tempfile::tempdir().unwrap();
        let data_dir = dir.path().join("fresh");
        let start_together = std::sync::Arc::new(std::sync::Barrier::new(STORES as usize));
        let threads: Vec<_> = (0..STORES)
            .map(|n| {
                let data_dir = data_dir.clone();
                let start_together = start_together.clone();
                std::thread::spawn(move || {
                    start_together.wait();
                    let store = Store::open(&data_dir).unwrap();
                    store
                        .add_bookmark(&article(&format!("thread:{n}")), at(n))
                        .unwrap();
                })
            })
            .collect();
        for thread in threads {
            thread.join().unwrap();
        }
        let saved = open(&data_dir).bookmarks().unwrap().saved.len();
        assert_eq!(saved, STORES as usize, "round {round}");
    }
}

#[test]
fn a_refresh_that_panics_ends_and_leaves_the_store_usable() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    // Before, the thread that checkpoints was told to stop only when the work returned: a
    // panic left `with_cache_writes` waiting for it for ever (`tidings refresh` never ended).
    let (done, finished) = std::sync::mpsc::channel();
    let dir_path = dir.path().to_path_buf();
    std::thread::spawn(move || {
        let store = Store::open(&dir_path).unwrap();
        let ended = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            store.with_cache_writes(|| panic!("a fault in the refresh"))
        }));
        let _ = done.send(ended.is_err());
    });
    let panicked = finished
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("with_cache_writes ends when its work panics");
    assert!(panicked, "the panic goes on to the caller");
    assert!(store.bookmarks().unwrap().saved.is_empty());
}
