//! What a refresh costs and how it ends: a feed file that did not change is not read again (nor
//! one only touched, nor parsed when its bytes are the same), a refresh where nothing changed
//! writes no article, search finds what a refresh brought as soon as it is stored, and
//! `tidings refresh` exits 1 when feeds failed and none was refreshed, feeds left alone
//! (still fresh) counted as not refreshed.

mod support;

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use rusqlite::Connection;
use support::cli::Env;
use support::feed_fixtures::fixture;
use tidings::model::Subscription;
use tidings::refresh::{self, FeedReport, FeedResult, Options};
use tidings::source::fetch::FetchSettings;
use tidings::store::Store;

fn options() -> Options {
    Options {
        fetch: FetchSettings::default(),
        force: true,
        keep_days: None,
        keep_per_feed: None,
        report_articles: false,
    }
}

/// Refreshes the one feed at `url` into `store`: its result.
fn refresh_one(store: &Store, url: &str) -> FeedResult {
    let feed = Subscription {
        url: url.to_string(),
        name: None,
        tags: Vec::new(),
        every: None,
        full_text: false,
    };
    let mut reports: Vec<FeedReport> = Vec::new();
    refresh::refresh(&[feed], Some(store), &options(), |_, report| {
        reports.push(report.clone());
    });
    assert_eq!(reports.len(), 1);
    reports.remove(0).result
}

/// Every cached row as written: id, when last written, hash and packed body.
fn rows(data_dir: &Path) -> Vec<(String, String, i64, Vec<u8>)> {
    let raw = Connection::open(data_dir.join(Store::FILE_NAME)).expect("open beside");
    let mut statement = raw
        .prepare("SELECT id, last_seen, hash, body FROM feed_articles ORDER BY id")
        .expect("a query");
    statement
        .query_map([], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })
        .expect("rows")
        .collect::<rusqlite::Result<_>>()
        .expect("rows read")
}

fn touch(path: &Path, when: SystemTime) {
    fs::File::options()
        .write(true)
        .open(path)
        .and_then(|file| file.set_modified(when))
        .expect("set the modification time");
}

#[test]
fn a_feed_file_that_did_not_change_is_not_read_again_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("gazette.xml");
    fs::write(&path, fixture("rss2.xml")).expect("write the feed");
    // Written a while ago: its stamp is kept (one written just now is read every time).
    touch(&path, SystemTime::now() - Duration::from_secs(3600));
    let url = format!("file://{}", path.display());
    let data_dir = dir.path().join("data");
    let store = Store::open(&data_dir).expect("a store");
    assert_eq!(
        refresh_one(&store, &url),
        FeedResult::Updated { new: 3, updated: 0 }
    );
    let stored = rows(&data_dir);
    assert_eq!(stored.len(), 3);

    // The same file: not read.
    assert_eq!(refresh_one(&store, &url), FeedResult::NotModified);
    // Touched: read, found the same, not parsed.
    touch(&path, SystemTime::now() + Duration::from_secs(60));
    assert_eq!(refresh_one(&store, &url), FeedResult::NotModified);
    assert_eq!(rows(&data_dir), stored, "no article written");

    // Something else of the feed changed (its ttl): parsed, and still no article written.
    let text = String::from_utf8(fixture("rss2.xml")).expect("UTF-8");
    fs::write(&path, text.replace("<ttl>60</ttl>", "<ttl>61</ttl>")).expect("write");
    assert_eq!(
        refresh_one(&store, &url),
        FeedResult::Updated { new: 0, updated: 0 }
    );
    assert_eq!(
        rows(&data_dir),
        stored,
        "unchanged articles are not rewritten"
    );

    // One item changed: that one is written, the others not.
    fs::write(
        &path,
        text.replace("Night ferry returns</title>", "Night ferry is back</title>"),
    )
    .expect("write");
    assert_eq!(
        refresh_one(&store, &url),
        FeedResult::Updated { new: 0, updated: 1 }
    );
    let after = rows(&data_dir);
    let changed: Vec<bool> = stored.iter().zip(&after).map(|(a, b)| a != b).collect();
    assert_eq!(changed.iter().filter(|&&c| c).count(), 1, "{changed:?}");
}

#[test]
fn search_finds_what_a_refresh_brought_as_soon_as_it_is_stored() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("ledger.xml");
    fs::write(&path, fixture("atom.xml")).expect("write the feed");
    let data_dir = dir.path().join("data");
    // The reader's own connection, searching before and after another one refreshes.
    let reader = Store::open(&data_dir).expect("a store");
    let words = vec!["volunteers".to_string()];
    assert!(reader.search_cached(&words).expect("search").is_empty());
    let refresher = Store::open(&data_dir).expect("a store");
    let url = format!("file://{}", path.display());
    assert!(matches!(
        refresh_one(&refresher, &url),
        FeedResult::Updated { new: 1, .. }
    ));
    let found = reader.search_cached(&words).expect("search");
    assert_eq!(found.len(), 1, "found right after the refresh");
    let (cached, _) = reader.cached_articles().expect("the cache");
    assert_eq!(found[0], cached[0].1.id);
}

#[test]
fn refresh_exits_1_when_feeds_failed_and_the_others_were_left_alone_and_0_when_all_were() {
    let env = Env::new();
    let fresh = env.write("gazette.xml", fixture("rss2.xml"));
    let fresh = format!("file://{}", fresh.display());
    env.ok(&["feeds", "add", &fresh]);
    let first = env.run(&["refresh"]);
    assert_eq!(first.code, Some(0), "{}", first.stderr);

    // The feed asks to be left alone for an hour (<ttl>60</ttl>): skipped, and every other
    // feed fails.
    for n in 0..3 {
        env.ok(&[
            "feeds",
            "add",
            &format!("file:///nonexistent/tidings/{n}.xml"),
        ]);
    }
    let run = env.run(&["refresh"]);
    assert_eq!(run.code, Some(1), "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.ends_with("+0 new · 3 failed · 1 skipped\n"),
        "{}",
        run.stdout
    );
    let error = run.stderr.lines().last().unwrap_or_default();
    assert_eq!(
        error,
        "error: no feed could be refreshed: +0 new · 3 failed · 1 skipped"
    );

    // Skipped alone, nothing failing: nothing went wrong.
    for n in 0..3 {
        env.ok(&[
            "feeds",
            "remove",
            &format!("file:///nonexistent/tidings/{n}.xml"),
        ]);
    }
    let run = env.run(&["refresh"]);
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.ends_with("+0 new · 1 skipped\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_feed_renamed_or_tagged_anew_gets_its_new_name_and_tags_though_its_file_is_the_same() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("gazette.xml");
    fs::write(&path, fixture("rss2.xml")).expect("write the feed");
    touch(&path, SystemTime::now() - Duration::from_secs(3600));
    let data_dir = dir.path().join("data");
    let store = Store::open(&data_dir).expect("a store");
    let mut feed = Subscription {
        url: format!("file://{}", path.display()),
        name: Some("First name".to_string()),
        tags: vec!["alpha".to_string()],
        every: None,
        full_text: false,
    };
    let refresh = |feed: &Subscription| {
        let mut results = Vec::new();
        refresh::refresh(
            std::slice::from_ref(feed),
            Some(&store),
            &options(),
            |_, r| {
                results.push(r.result.clone());
            },
        );
        results
    };
    assert_eq!(refresh(&feed), [FeedResult::Updated { new: 3, updated: 0 }]);
    feed.name = Some("Second name".to_string());
    feed.tags = vec!["beta".to_string()];
    assert_eq!(refresh(&feed), [FeedResult::Updated { new: 0, updated: 3 }]);
    let (cached, _) = store.cached_articles().expect("the cache");
    for (_, article) in &cached {
        assert_eq!(article.source, "Second name");
        let tags: Vec<&str> = article.tags.iter().map(|t| t.as_str()).collect();
        assert!(
            tags.contains(&"beta") && !tags.contains(&"alpha"),
            "{tags:?}"
        );
    }
    // Named the same again: the file is not read.
    assert_eq!(refresh(&feed), [FeedResult::NotModified]);
}

#[test]
fn a_feed_file_written_again_at_once_with_the_same_size_and_time_is_read_again() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("gazette.xml");
    let text = String::from_utf8(fixture("rss2.xml")).expect("UTF-8");
    fs::write(&path, &text).expect("write the feed");
    let written = fs::metadata(&path)
        .and_then(|m| m.modified())
        .expect("its time");
    let url = format!("file://{}", path.display());
    let store = Store::open(&dir.path().join("data")).expect("a store");
    assert_eq!(
        refresh_one(&store, &url),
        FeedResult::Updated { new: 3, updated: 0 }
    );
    // Written again within the same tick of a coarse clock: same size, same time.
    let again = text.replace("Night ferry returns</title>", "Night ferry Returns</title>");
    assert_eq!(again.len(), text.len());
    fs::write(&path, again).expect("write again");
    touch(&path, written);
    assert_eq!(
        refresh_one(&store, &url),
        FeedResult::Updated { new: 0, updated: 1 }
    );
}
