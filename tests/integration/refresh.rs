//! What a refresh costs and how it ends: a feed file that did not change is not read again (nor
//! one only touched, nor parsed when its bytes are the same), a refresh where nothing changed
//! writes no article, search finds what a refresh brought as soon as it is stored, and
//! `tidings refresh` exits 1 when feeds failed and none was refreshed, feeds left alone
//! (still fresh) counted as not refreshed; and a feed whose parser panics (made to, in the
//! debug binary, by `TIDINGS_TEST_PANIC`) is that feed's error, in words, printing nothing.

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::support::cli::Env;
use crate::support::feed_fixtures::fixture;
use crate::support::http_server::{ServerResponse, TestServer};
use rusqlite::Connection;
use tidings::model::Subscription;
use tidings::net::FetchSettings;
use tidings::refresh::{self, FeedReport, FeedResult, Options};
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

/// Runs `tidings ARGS` with `TIDINGS_TEST_PANIC` (and `RUST_BACKTRACE=1`, so that a panic
/// that reached the terminal would bring its backtrace); killed, and the test failed, if it
/// has not ended within a generous minute.
fn run_with_panic(env: &Env, panic: &str, args: &[&str]) -> crate::support::cli::Run {
    let mut child = env
        .command(args)
        .env("TIDINGS_TEST_PANIC", panic)
        .env("RUST_BACKTRACE", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run tidings");
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while child.try_wait().expect("wait for tidings").is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let output = child.wait_with_output().expect("its output");
            panic!(
                "tidings {args:?} never ended; stderr: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    crate::support::cli::Run::from(child.wait_with_output().expect("its output"))
}

/// Neither a panic's message nor a backtrace.
fn assert_no_panic_printed(run: &crate::support::cli::Run) {
    for output in [&run.stdout, &run.stderr] {
        for sign in [
            "panicked at",
            "stack backtrace",
            "RUST_BACKTRACE",
            "TIDINGS_TEST_PANIC",
        ] {
            assert!(!output.contains(sign), "{sign:?} printed:\n{output}");
        }
    }
}

#[test]
fn a_feed_whose_parser_panics_is_that_feeds_error_and_the_others_are_refreshed() {
    let server = TestServer::start(|request| match request.path.as_str() {
        "/gazette.xml" => ServerResponse::ok(fixture("rss2.xml")),
        "/ledger.xml" => ServerResponse::ok(fixture("atom.xml")),
        "/trips.xml" => ServerResponse::ok(fixture("rss1.rdf")),
        _ => ServerResponse::new(404),
    });
    let env = Env::new();
    for path in ["/gazette.xml", "/trips.xml", "/ledger.xml"] {
        env.ok(&["feeds", "add", &server.url(path)]);
    }
    let trips = server.url("/trips.xml");
    let run = run_with_panic(&env, "feed:/trips.xml", &["refresh"]);
    assert_eq!(
        run.code,
        Some(0),
        "two feeds were refreshed: {}",
        run.stderr
    );
    assert_no_panic_printed(&run);
    let mut stdout: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(stdout.pop(), Some("+4 new · 1 failed"), "{}", run.stdout);
    stdout.sort_unstable();
    assert_eq!(
        stdout,
        [
            "✓ Harbour Gazette: 3 new, 0 updated",
            "✓ Open Ledger: 1 new, 0 updated",
            // Known by the title `feeds add` read, before the refresh whose parser panics.
            "✗ Science Notes: could not be read: internal error in the feed parser",
        ]
    );
    // Only the progress lines on stderr.
    assert_eq!(run.stderr.lines().count(), 3, "{}", run.stderr);

    let listed = env.ok(&["feeds", "list"]);
    let trips_line = listed
        .lines()
        .position(|line| line.contains(&trips))
        .expect("the feed is listed");
    assert_eq!(
        listed.lines().nth(trips_line + 1).map(str::trim),
        Some("last error: could not be read: internal error in the feed parser"),
        "{listed}"
    );
    let json = env.json(&["feeds", "list", "--json"]);
    let stored: Vec<(String, u64)> = json
        .as_array()
        .expect("an array")
        .iter()
        .map(|feed| {
            (
                feed["url"].as_str().expect("a url").to_string(),
                feed["articles"].as_u64().expect("a count"),
            )
        })
        .collect();
    assert!(
        stored.contains(&(server.url("/gazette.xml"), 3)),
        "{stored:?}"
    );
    assert!(
        stored.contains(&(server.url("/ledger.xml"), 1)),
        "{stored:?}"
    );
    assert!(stored.contains(&(trips.clone(), 0)), "{stored:?}");

    // Without the variable, the feed reads as ever.
    let run = env.run(&["refresh", "--force"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout.contains("✓ Science Notes: 1 new"),
        "{}",
        run.stdout
    );

    // The one feed, and its parser panics: nothing refreshed, exit 1, as documented.
    let alone = Env::new();
    alone.ok(&["feeds", "add", &trips]);
    let run = run_with_panic(&alone, "feed:/trips.xml", &["refresh"]);
    assert_eq!(run.code, Some(1), "{}\n{}", run.stdout, run.stderr);
    assert_no_panic_printed(&run);
    assert_eq!(
        run.stderr.lines().last(),
        Some("error: no feed could be refreshed: +0 new · 1 failed")
    );
}

#[test]
fn a_feed_file_given_as_source_whose_parser_panics_is_a_warning_naming_it() {
    let env = Env::new();
    let good = env.write("gazette.xml", fixture("rss2.xml"));
    let bad = env.write("ledger.xml", fixture("atom.xml"));
    let run = run_with_panic(
        &env,
        "feed:ledger.xml",
        &[
            "list",
            "--json",
            good.to_str().unwrap(),
            bad.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_no_panic_printed(&run);
    let titles: Vec<String> = serde_json::from_str::<serde_json::Value>(&run.stdout)
        .expect("JSON")
        .as_array()
        .expect("an array")
        .iter()
        .map(|a| a["title"].as_str().expect("a title").to_string())
        .collect();
    assert_eq!(titles.len(), 3, "the Gazette's: {titles:?}");
    assert_eq!(
        run.stderr,
        format!(
            "warning: {}: could not be read: internal error in the feed parser\n",
            bad.display()
        )
    );
}
