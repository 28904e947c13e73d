//! The whole refresh pipeline — fetch, parse, store — against a real HTTP server on
//! loopback and a real store in a temporary folder; then the same through the binary:
//! `feeds add|list|remove`, `refresh`, OPML import and export, and feeds given as SOURCE.
//!
//! Each case checks what became of the feed at fault (its result and message), that the
//! other feeds of the same refresh still load, and that what was cached before is intact.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::support::cli::Env;
use crate::support::feed_fixtures::{GAZETTE, LEDGER, fixture};
use crate::support::http_server::{ServerRequest, ServerResponse, TestServer};
use chrono::Utc;
use serde_json::{Value, json};
use tempfile::TempDir;
use tidings::config::Config;
use tidings::model::{Article, Subscription};
use tidings::net::FetchSettings;
use tidings::refresh::{self, FeedReport, FeedResult, Options, Summary};
use tidings::store::Store;

// ---------------------------------------------------------------------------------------
// Fixtures, the server and the store
// ---------------------------------------------------------------------------------------

const LAST_MODIFIED: &str = "Wed, 01 Jan 2025 00:00:00 GMT";

/// The bytes of a fixture in tests/fixtures/feeds.
/// A fixture as text, edited by replacing `from` with `to` (which must be there).
fn edited(name: &str, from: &str, to: &str) -> Vec<u8> {
    let text = String::from_utf8(fixture(name)).expect("a UTF-8 fixture");
    assert!(text.contains(from), "{name} holds {from:?}");
    text.replace(from, to).into_bytes()
}

/// 200 with the body and validators (an ETag made from the path, a Last-Modified), or 304
/// when the request carries that ETag.
fn with_validators(request: &ServerRequest, body: Vec<u8>) -> ServerResponse {
    let etag = format!("\"{}\"", request.path.trim_start_matches('/'));
    if request.header("if-none-match") == Some(etag.as_str()) {
        return ServerResponse::new(304);
    }
    ServerResponse::ok(body)
        .header("ETag", &etag)
        .header("Last-Modified", LAST_MODIFIED)
}

/// Counts the requests for each path inside a handler, so it can answer the first and the
/// later ones differently.
#[derive(Clone, Default)]
struct Counter(Arc<Mutex<HashMap<String, usize>>>);

impl Counter {
    /// Which request for this path this is, from 1.
    fn next(&self, path: &str) -> usize {
        let mut counts = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let count = counts.entry(path.to_string()).or_default();
        *count += 1;
        *count
    }
}

/// How many requests the server saw for `path`.
fn hits(server: &TestServer, path: &str) -> usize {
    server
        .requests()
        .iter()
        .filter(|r| r.request.path == path)
        .count()
}

fn subscription(url: &str) -> Subscription {
    Subscription {
        full_text: false,
        url: url.to_string(),
        name: None,
        tags: Vec::new(),
        every: None,
    }
}

/// Short timeouts and back-off, so failures fail fast.
fn options(force: bool) -> Options {
    Options {
        fetch: FetchSettings {
            connect_timeout: Duration::from_secs(1),
            timeout: Duration::from_secs(2),
            retry_backoff: Duration::from_millis(50),
            ..FetchSettings::default()
        },
        force,
        keep_days: None,
        keep_per_feed: None,
        report_articles: true,
    }
}

/// A store in a temporary folder.
struct Bed {
    _dir: TempDir,
    store: Store,
}

impl Bed {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let store = Store::open(&dir.path().join("data")).expect("open the store");
        Self { _dir: dir, store }
    }

    /// Refreshes `urls`; checks the progress counts 1, 2, … N and returns the summary and
    /// the reports in the order they came.
    fn refresh(&self, urls: &[String], options: &Options) -> (Summary, Vec<FeedReport>) {
        let feeds: Vec<Subscription> = urls.iter().map(|u| subscription(u)).collect();
        let mut reports = Vec::new();
        let mut counts = Vec::new();
        let summary = refresh::refresh(&feeds, Some(&self.store), options, |done, report| {
            counts.push(done);
            reports.push(report.clone());
        });
        assert_eq!(counts, (1..=urls.len()).collect::<Vec<_>>(), "progress");
        assert_eq!(summary.feeds, urls.len());
        (summary, reports)
    }

    /// Every cached article with its feed.
    fn cached(&self) -> Vec<(String, Article)> {
        let (cached, unreadable) = self.store.cached_articles().expect("read the cache");
        assert_eq!(unreadable, 0, "every cached snapshot reads back");
        cached
    }

    /// The titles cached for one feed, newest first.
    fn titles(&self, url: &str) -> Vec<String> {
        let mut articles: Vec<Article> = self
            .cached()
            .into_iter()
            .filter(|(feed, _)| feed == url)
            .map(|(_, a)| a)
            .collect();
        articles.sort_by_key(|a| std::cmp::Reverse(a.published));
        articles.into_iter().map(|a| a.title).collect()
    }

    /// A cached article, with its body read from the store as the reader does.
    fn article(&self, url: &str, title: &str) -> Article {
        let mut article = self
            .cached()
            .into_iter()
            .find(|(feed, a)| feed == url && a.title == title)
            .unwrap_or_else(|| panic!("{title:?} is cached for {url}"))
            .1;
        article.body = self
            .store
            .cached_body(&article.id)
            .expect("read the body")
            .expect("the body is cached");
        article
    }

    fn last_error(&self, url: &str) -> Option<String> {
        let states = self.store.feed_states().expect("read the feed states");
        states
            .get(url)
            .expect("a state for the feed")
            .last_error
            .clone()
    }
}

/// What became of the feed at `url`.
fn result<'a>(reports: &'a [FeedReport], url: &str) -> &'a FeedResult {
    &reports
        .iter()
        .find(|r| r.url == url)
        .unwrap_or_else(|| panic!("a report for {url} in {reports:#?}"))
        .result
}

fn failure<'a>(reports: &'a [FeedReport], url: &str) -> &'a str {
    match result(reports, url) {
        FeedResult::Failed(message) => message,
        other => panic!("{url} should have failed, got {other:?}"),
    }
}

fn skipped<'a>(reports: &'a [FeedReport], url: &str) -> &'a str {
    match result(reports, url) {
        FeedResult::Skipped(reason) => reason,
        other => panic!("{url} should have been skipped, got {other:?}"),
    }
}

fn updated(new: usize, updated: usize) -> FeedResult {
    FeedResult::Updated { new, updated }
}

// ---------------------------------------------------------------------------------------
// The pipeline against the loopback server
// ---------------------------------------------------------------------------------------

#[test]
fn every_format_loads_in_one_refresh() {
    let server = TestServer::start(|request| {
        let name = match request.path.as_str() {
            "/rss2.xml" => "rss2.xml",
            "/rss1.rdf" => "rss1.rdf",
            "/atom.xml" => "atom.xml",
            "/feed.json" => "jsonfeed.json",
            "/long.xml" => "html-heavy.xml",
            "/latin1.xml" => "latin1.xml",
            _ => return ServerResponse::new(404),
        };
        ServerResponse::ok(fixture(name))
    });
    let paths = [
        "/rss2.xml",
        "/rss1.rdf",
        "/atom.xml",
        "/feed.json",
        "/long.xml",
        "/latin1.xml",
    ];
    let urls: Vec<String> = paths.iter().map(|p| server.url(p)).collect();
    let bed = Bed::new();
    let (summary, reports) = bed.refresh(&urls, &options(false));

    assert_eq!(
        summary,
        Summary {
            feeds: 6,
            new: 8,
            ..Summary::default()
        }
    );
    let expected: [(&str, &[&str], &str); 6] = [
        ("/rss2.xml", &GAZETTE, "Harbour Gazette"),
        ("/rss1.rdf", &["Comet seen over the bay"], "Science Notes"),
        ("/atom.xml", &[LEDGER], "Open Ledger"),
        ("/feed.json", &["A cubesat phones home"], "Tiny Satellites"),
        ("/long.xml", &["A table, a list and a quote"], "Long Reads"),
        ("/latin1.xml", &["Crème brûlée naïve"], "Café Journal"),
    ];
    for (path, titles, name) in expected {
        let url = server.url(path);
        assert_eq!(result(&reports, &url), &updated(titles.len(), 0), "{path}");
        let report = reports.iter().find(|r| r.url == url).expect("a report");
        assert_eq!(report.name, name, "{path}: the feed's own title");
        assert_eq!(report.articles.len(), titles.len(), "{path}");
        assert_eq!(bed.titles(&url), titles, "{path}: cached, newest first");
        for (_, article) in bed.cached().iter().filter(|(feed, _)| *feed == url) {
            assert_eq!(article.source, name, "{path}");
        }
    }
    assert_eq!(bed.cached().len(), 8);

    let latin1 = bed.article(&server.url("/latin1.xml"), "Crème brûlée naïve");
    assert!(
        latin1.body.plain_text().contains("À la carte, £ and °C."),
        "decoded from ISO-8859-1: {:?}",
        latin1.body.plain_text()
    );
    let long = bed
        .article(&server.url("/long.xml"), "A table, a list and a quote")
        .body
        .plain_text();
    for kept in ["Section one", "bold", "Nested", "Quoted words.", "Ashby"] {
        assert!(long.contains(kept), "{kept:?} in {long:?}");
    }
    for dropped in ["alert(", "color:red", "a comment", "<p>", "&amp;"] {
        assert!(!long.contains(dropped), "{dropped:?} dropped from {long:?}");
    }
    let states = bed.store.feed_states().expect("feed states");
    for url in &urls {
        let state = &states[url];
        assert!(state.last_success.is_some(), "{url}");
        assert_eq!(state.last_error, None, "{url}");
    }
}

#[test]
fn a_second_refresh_sends_validators_gets_304_and_respects_ttl_unless_forced() {
    let server = TestServer::start(|request| {
        let name = match request.path.as_str() {
            "/rss2.xml" => "rss2.xml",
            "/atom.xml" => "atom.xml",
            "/feed.json" => "jsonfeed.json",
            _ => return ServerResponse::new(404),
        };
        with_validators(request, fixture(name))
    });
    let (rss2, atom, json) = (
        server.url("/rss2.xml"),
        server.url("/atom.xml"),
        server.url("/feed.json"),
    );
    let urls = [rss2.clone(), atom.clone(), json.clone()];
    let bed = Bed::new();
    let (first, _) = bed.refresh(&urls, &options(false));
    assert_eq!(first.new, 5);
    let before = bed.cached();
    let first_requests = server.requests();
    assert_eq!(first_requests.len(), 3);
    for recorded in &first_requests {
        assert_eq!(recorded.request.header("if-none-match"), None);
        assert_eq!(recorded.request.header("if-modified-since"), None);
    }

    // Not forced: the feed with <ttl>60</ttl> is left alone, the others answer 304.
    let (second, reports) = bed.refresh(&urls, &options(false));
    let reason = skipped(&reports, &rss2);
    assert!(reason.starts_with("fresh until "), "{reason}");
    assert!(reason.ends_with(", as the feed asks"), "{reason}");
    assert_eq!(result(&reports, &atom), &FeedResult::NotModified);
    assert_eq!(result(&reports, &json), &FeedResult::NotModified);
    assert_eq!(
        second,
        Summary {
            feeds: 3,
            unchanged: 2,
            skipped: 1,
            ..Summary::default()
        }
    );
    assert_eq!(hits(&server, "/rss2.xml"), 1, "a fresh feed is not asked");
    let requests = server.requests();
    assert_eq!(requests.len(), 5);
    for recorded in &requests[3..] {
        let path = recorded.request.path.trim_start_matches('/');
        assert_eq!(
            recorded.request.header("if-none-match"),
            Some(format!("\"{path}\"").as_str()),
            "{path}"
        );
        assert_eq!(
            recorded.request.header("if-modified-since"),
            Some(LAST_MODIFIED),
            "{path}"
        );
    }
    assert_eq!(bed.cached(), before, "the cache is unchanged");

    // Forced: the fresh feed is asked too, with its validators, and is not modified.
    let (third, reports) = bed.refresh(&urls, &options(true));
    assert_eq!(result(&reports, &rss2), &FeedResult::NotModified);
    assert_eq!(third.unchanged, 3);
    let gazette = server
        .requests()
        .into_iter()
        .rfind(|r| r.request.path == "/rss2.xml")
        .expect("the feed was asked");
    assert_eq!(
        gazette.request.header("if-none-match"),
        Some("\"rss2.xml\"")
    );
    assert_eq!(hits(&server, "/rss2.xml"), 2);
    assert_eq!(bed.cached(), before, "the cache is unchanged");
}

#[test]
fn too_many_requests_with_retry_after_is_skipped_and_not_asked_again_even_forced() {
    let counter = Counter::default();
    let server = TestServer::start(move |request| {
        let n = counter.next(&request.path);
        match request.path.as_str() {
            "/busy.rdf" if n == 1 => ServerResponse::ok(fixture("rss1.rdf")),
            "/busy.rdf" => ServerResponse::new(429).header("Retry-After", "600"),
            "/atom.xml" => ServerResponse::ok(fixture("atom.xml")),
            _ => ServerResponse::new(404),
        }
    });
    let (busy, atom) = (server.url("/busy.rdf"), server.url("/atom.xml"));
    let urls = [busy.clone(), atom.clone()];
    let bed = Bed::new();
    bed.refresh(&urls, &options(false));
    let before = bed.cached();
    assert_eq!(before.len(), 2);

    let asked_at = Utc::now();
    let (summary, reports) = bed.refresh(&urls, &options(true));
    let reason = skipped(&reports, &busy);
    assert!(
        reason.starts_with("HTTP 429: the server asked to wait until "),
        "{reason}"
    );
    assert_eq!(
        result(&reports, &atom),
        &FeedResult::NotModified,
        "the other feed"
    );
    assert_eq!(summary.skipped, 1);
    assert_eq!(summary.failed, 0);
    let state = bed.store.feed_states().expect("states")[&busy].clone();
    let wait = (state.retry_after.expect("retry_after is set") - asked_at).num_seconds();
    assert!((590..=601).contains(&wait), "{wait} s ahead");
    assert_eq!(state.last_error.as_deref(), Some(reason));
    assert_eq!(bed.cached(), before, "the cache is intact");
    assert_eq!(hits(&server, "/busy.rdf"), 2);

    // Even a forced refresh leaves it alone until then.
    let (summary, reports) = bed.refresh(&urls, &options(true));
    let reason = skipped(&reports, &busy);
    assert!(
        reason.starts_with("the server asked to wait until "),
        "{reason}"
    );
    assert_eq!(result(&reports, &atom), &FeedResult::NotModified);
    assert_eq!(summary.skipped, 1);
    assert_eq!(hits(&server, "/busy.rdf"), 2, "no request to the feed");
    assert_eq!(hits(&server, "/atom.xml"), 3);
    assert_eq!(bed.cached(), before, "the cache is intact");
}

#[test]
fn not_found_and_server_error_fail_in_words_and_keep_the_cache() {
    let counter = Counter::default();
    let server = TestServer::start(move |request| {
        let n = counter.next(&request.path);
        match request.path.as_str() {
            "/gone.rdf" if n == 1 => ServerResponse::ok(fixture("rss1.rdf")),
            "/gone.rdf" => ServerResponse::new(404).body("no such feed"),
            "/broken.json" if n == 1 => ServerResponse::ok(fixture("jsonfeed.json")),
            "/broken.json" => ServerResponse::new(500).body("oops"),
            "/atom.xml" => ServerResponse::ok(fixture("atom.xml")),
            _ => ServerResponse::new(404),
        }
    });
    let (gone, broken, atom) = (
        server.url("/gone.rdf"),
        server.url("/broken.json"),
        server.url("/atom.xml"),
    );
    let urls = [gone.clone(), broken.clone(), atom.clone()];
    let bed = Bed::new();
    bed.refresh(&urls, &options(false));
    let before = bed.cached();
    assert_eq!(before.len(), 3);

    let (summary, reports) = bed.refresh(&urls, &options(true));
    assert_eq!(failure(&reports, &gone), "HTTP 404 Not Found");
    assert_eq!(failure(&reports, &broken), "HTTP 500 Internal Server Error");
    assert_eq!(
        result(&reports, &atom),
        &FeedResult::NotModified,
        "the other feed"
    );
    assert_eq!(
        summary,
        Summary {
            feeds: 3,
            failed: 2,
            unchanged: 1,
            ..Summary::default()
        }
    );
    assert!(!summary.failed_wholly());
    assert_eq!(summary.describe(), "+0 new · 2 failed");
    assert_eq!(
        bed.cached(),
        before,
        "the earlier articles are still cached"
    );
    assert_eq!(bed.titles(&gone), ["Comet seen over the bay"]);
    assert_eq!(bed.titles(&broken), ["A cubesat phones home"]);
    assert_eq!(bed.last_error(&gone).as_deref(), Some("HTTP 404 Not Found"));
    assert_eq!(
        bed.last_error(&broken).as_deref(),
        Some("HTTP 500 Internal Server Error")
    );
    assert_eq!(bed.last_error(&atom), None);
    let states = bed.store.feed_states().expect("states");
    assert!(
        states[&gone].last_success.is_some(),
        "the earlier success is remembered"
    );
    assert_eq!(hits(&server, "/gone.rdf"), 2, "a 404 is not retried");
    assert_eq!(hits(&server, "/broken.json"), 2, "a 500 is not retried");
}

#[test]
fn malformed_xml_fails_as_not_a_feed_and_an_empty_feed_is_updated_with_nothing() {
    let counter = Counter::default();
    let server = TestServer::start(move |request| {
        let n = counter.next(&request.path);
        match request.path.as_str() {
            "/flaky.rdf" if n == 1 => ServerResponse::ok(fixture("rss1.rdf")),
            "/flaky.rdf" => ServerResponse::ok(fixture("malformed.xml")),
            "/empty.xml" => ServerResponse::ok(fixture("empty.xml")),
            "/atom.xml" => ServerResponse::ok(fixture("atom.xml")),
            _ => ServerResponse::new(404),
        }
    });
    let (flaky, empty, atom) = (
        server.url("/flaky.rdf"),
        server.url("/empty.xml"),
        server.url("/atom.xml"),
    );
    let urls = [flaky.clone(), empty.clone(), atom.clone()];
    let bed = Bed::new();
    let (_, reports) = bed.refresh(&urls, &options(false));
    assert_eq!(result(&reports, &empty), &updated(0, 0));
    let report = reports.iter().find(|r| r.url == empty).expect("a report");
    assert_eq!(report.name, "Quiet Feed");
    let before = bed.cached();
    assert_eq!(before.len(), 2);

    let (summary, reports) = bed.refresh(&urls, &options(true));
    let message = failure(&reports, &flaky);
    assert!(message.starts_with("not a feed"), "{message}");
    assert!(!message.contains('\n'), "one line: {message:?}");
    assert_eq!(result(&reports, &empty), &FeedResult::NotModified);
    assert_eq!(
        result(&reports, &atom),
        &FeedResult::NotModified,
        "the other feed"
    );
    assert_eq!(summary.failed, 1);
    assert_eq!(bed.cached(), before, "the cache is intact");
    assert_eq!(bed.titles(&flaky), ["Comet seen over the bay"]);
    assert_eq!(bed.last_error(&flaky).as_deref(), Some(message));
    assert!(bed.titles(&empty).is_empty());
}

#[test]
fn an_item_updated_between_fetches_changes_in_place_and_its_bookmark_keeps_the_old_copy() {
    let counter = Counter::default();
    let server = TestServer::start(move |request| {
        let n = counter.next(&request.path);
        match request.path.as_str() {
            "/rss2.xml" if n == 1 => ServerResponse::ok(fixture("rss2.xml")),
            "/rss2.xml" => ServerResponse::ok(edited(
                "rss2.xml",
                "<title>Night ferry returns</title>",
                "<title>Night ferry returns for good</title>",
            )),
            "/feed.json" => ServerResponse::ok(fixture("jsonfeed.json")),
            _ => ServerResponse::new(404),
        }
    });
    let (rss2, json) = (server.url("/rss2.xml"), server.url("/feed.json"));
    let urls = [rss2.clone(), json.clone()];
    let bed = Bed::new();
    bed.refresh(&urls, &options(false));
    let old = bed.article(&rss2, "Night ferry returns");
    bed.store
        .add_bookmark(&old, Utc::now())
        .expect("bookmark the article");

    let (summary, reports) = bed.refresh(&urls, &options(true));
    assert_eq!(result(&reports, &rss2), &updated(0, 1));
    assert_eq!(
        result(&reports, &json),
        &FeedResult::NotModified,
        "the other feed"
    );
    assert_eq!(summary.updated, 1);
    assert_eq!(summary.new, 0);
    assert_eq!(summary.describe(), "+0 new · 1 updated");
    let new = bed.article(&rss2, "Night ferry returns for good");
    assert_eq!(new.id, old.id, "updated in place, same id");
    assert_eq!(
        bed.titles(&rss2),
        [
            "Night ferry returns for good",
            "Market hall clock ticks again",
            "Harbour notes"
        ]
    );
    assert_eq!(bed.titles(&json), ["A cubesat phones home"]);
    let bookmarks = bed.store.bookmarks().expect("bookmarks");
    assert!(bookmarks.unreadable.is_empty());
    assert_eq!(bookmarks.saved.len(), 1);
    assert_eq!(
        bookmarks.saved[0].article, old,
        "the bookmark keeps the snapshot it was made with"
    );
}

#[test]
fn a_redirect_a_redirect_loop_and_a_stalled_server_do_not_hold_up_the_others() {
    let counter = Counter::default();
    let server = TestServer::start(move |request| {
        let n = counter.next(&request.path);
        match request.path.as_str() {
            "/old.xml" => ServerResponse::new(301).header("Location", "/rss2.xml"),
            "/rss2.xml" => ServerResponse::ok(fixture("rss2.xml")),
            "/loop" => ServerResponse::new(302).header("Location", "/loop"),
            "/slow.rdf" if n == 1 => ServerResponse::ok(fixture("rss1.rdf")),
            "/slow.rdf" => ServerResponse::ok(fixture("rss1.rdf")).stall(Duration::from_secs(6)),
            "/atom.xml" => ServerResponse::ok(fixture("atom.xml")),
            "/feed.json" => ServerResponse::ok(fixture("jsonfeed.json")),
            _ => ServerResponse::new(404),
        }
    });
    let (slow, atom) = (server.url("/slow.rdf"), server.url("/atom.xml"));
    let bed = Bed::new();
    bed.refresh(std::slice::from_ref(&slow), &options(false));
    let before = bed.cached();
    assert_eq!(bed.titles(&slow), ["Comet seen over the bay"]);

    let (old, looping, json) = (
        server.url("/old.xml"),
        server.url("/loop"),
        server.url("/feed.json"),
    );
    let urls = [
        old.clone(),
        slow.clone(),
        looping.clone(),
        atom.clone(),
        json.clone(),
    ];
    let (summary, reports) = bed.refresh(&urls, &options(true));
    assert_eq!(
        result(&reports, &old),
        &updated(3, 0),
        "the redirect is followed"
    );
    assert_eq!(
        bed.titles(&old),
        GAZETTE,
        "cached under the subscribed address"
    );
    let stalled = failure(&reports, &slow);
    assert!(stalled.starts_with("timed out"), "{stalled}");
    let looped = failure(&reports, &looping);
    assert!(looped.contains("redirect"), "{looped}");
    assert_eq!(result(&reports, &atom), &updated(1, 0));
    assert_eq!(result(&reports, &json), &updated(1, 0));
    assert_eq!(summary.failed, 2);
    assert_eq!(summary.new, 5);
    assert_eq!(
        bed.titles(&slow),
        ["Comet seen over the bay"],
        "cache intact"
    );
    let slow_now: Vec<_> = bed
        .cached()
        .into_iter()
        .filter(|(f, _)| *f == slow)
        .collect();
    assert_eq!(slow_now, before, "the stalled feed's cache is intact");
    assert_eq!(bed.last_error(&slow).as_deref(), Some(stalled));
}

#[test]
fn retention_keeps_the_newest_per_feed_and_never_removes_a_bookmark() {
    let server = TestServer::start(|request| match request.path.as_str() {
        "/a.xml" | "/b.xml" => ServerResponse::ok(fixture("rss2.xml")),
        _ => ServerResponse::new(404),
    });
    let (a, b) = (server.url("/a.xml"), server.url("/b.xml"));
    let urls = [a.clone(), b.clone()];
    let bed = Bed::new();
    bed.refresh(&urls, &options(false));
    assert_eq!(bed.cached().len(), 6);
    let oldest_of_b = bed.article(&b, "Harbour notes");
    bed.store
        .add_bookmark(&oldest_of_b, Utc::now())
        .expect("bookmark");

    let keep_two = Options {
        keep_per_feed: Some(2),
        ..options(true)
    };
    let (summary, _) = bed.refresh(&urls, &keep_two);
    assert_eq!(summary.removed, 1);
    assert_eq!(bed.titles(&a), GAZETTE[..2], "the two newest are kept");
    assert_eq!(bed.titles(&b), GAZETTE, "the bookmarked older one stays");
}

#[test]
fn an_article_removed_by_retention_is_not_new_again_on_the_next_refresh() {
    let counter = Counter::default();
    // The second time the feed says something else of itself, so that it is read again.
    let server = TestServer::start(move |request| match counter.next(&request.path) {
        1 => ServerResponse::ok(fixture("rss2.xml")),
        _ => ServerResponse::ok(edited("rss2.xml", "<ttl>60</ttl>", "<ttl>61</ttl>")),
    });
    let url = server.url("/rss2.xml");
    let bed = Bed::new();
    let keep_two = Options {
        keep_per_feed: Some(2),
        ..options(true)
    };
    let (first, _) = bed.refresh(std::slice::from_ref(&url), &keep_two);
    assert_eq!((first.new, first.removed), (3, 1));
    let (second, reports) = bed.refresh(std::slice::from_ref(&url), &keep_two);
    assert_eq!(
        result(&reports, &url),
        &updated(0, 0),
        "the same feed again brings nothing new"
    );
    assert_eq!(second.describe(), "+0 new");
}

#[test]
fn subscriptions_put_the_config_first_without_duplicates() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let config = Config::parse(
        r#"
[[feeds]]
url = "https://a.example/rss"
name = "A in the config"
tags = ["News"]

[[feeds]]
url = "https://b.example/atom"
"#,
        &dir.path().join("config.toml"),
    )
    .expect("a valid config");
    let store = Store::open(&dir.path().join("data")).expect("open the store");
    let added = |url: &str, name: &str| Subscription {
        full_text: false,
        url: url.to_string(),
        name: Some(name.to_string()),
        tags: vec!["Added".to_string()],
        every: None,
    };
    for sub in [
        added("https://c.example/feed.json", "C"),
        added("https://a.example/rss", "A added too"),
        added("https://d.example/rdf", "D"),
    ] {
        assert!(store.add_subscription(&sub, Utc::now()).expect("add"));
    }
    let feeds = refresh::subscriptions(&config, Some(&store)).expect("subscriptions");
    assert_eq!(
        feeds,
        [
            Subscription {
                full_text: false,
                url: "https://a.example/rss".into(),
                name: Some("A in the config".into()),
                tags: vec!["News".into()],
                every: None,
            },
            subscription("https://b.example/atom"),
            added("https://c.example/feed.json", "C"),
            added("https://d.example/rdf", "D"),
        ]
    );
    let without_store = refresh::subscriptions(&config, None).expect("subscriptions");
    assert_eq!(without_store, feeds[..2]);
}

// ---------------------------------------------------------------------------------------
// Through the binary
// ---------------------------------------------------------------------------------------

impl Env {
    fn feeds(&self) -> Vec<Value> {
        self.json(&["feeds", "list", "--json"])
            .as_array()
            .expect("a JSON array")
            .clone()
    }

    /// `feeds list --json` as (url, name, tags).
    fn subscriptions(&self) -> Vec<(String, Value, Value)> {
        self.feeds()
            .iter()
            .map(|f| {
                (
                    f["url"].as_str().expect("a url").to_string(),
                    f["name"].clone(),
                    f["tags"].clone(),
                )
            })
            .collect()
    }

    fn titles(&self, args: &[&str]) -> Vec<String> {
        let mut all = vec!["list", "--json"];
        all.extend_from_slice(args);
        self.json(&all)
            .as_array()
            .expect("a JSON array")
            .iter()
            .map(|a| a["title"].as_str().expect("a title").to_string())
            .collect()
    }
}

#[test]
fn feeds_add_list_and_remove() {
    let env = Env::with_config(
        "[[feeds]]\nurl = \"https://config.example/rss\"\nname = \"From the config\"\n",
    );
    let server = TestServer::start(|request| match request.path.as_str() {
        "/rss2.xml" => ServerResponse::ok(fixture("rss2.xml")),
        _ => ServerResponse::new(404),
    });
    let (gazette, other) = (server.url("/rss2.xml"), server.url("/other.xml"));
    let said = env.ok(&[
        "feeds", "add", &gazette, "--name", "Gazette", "--tag", "Local", "--tag", "Boats",
    ]);
    assert!(said.contains(&gazette), "{said}");
    let again = env.error(&["feeds", "add", &gazette]);
    assert!(again.contains("already subscribed"), "{again}");
    assert!(again.contains(&gazette), "{again}");
    let in_config = env.error(&["feeds", "add", "https://config.example/rss"]);
    assert!(in_config.contains("config"), "{in_config}");
    env.ok(&["feeds", "add", "--no-check", &other]);

    // A refresh to fill in the counts, times and errors.
    let run = env.run(&["refresh"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);

    let feeds = env.feeds();
    assert_eq!(feeds.len(), 3, "{feeds:#?}");
    let config = &feeds[0];
    assert_eq!(config["url"], "https://config.example/rss");
    assert_eq!(config["name"], "From the config");
    assert_eq!(config["origin"], "config");
    let added = &feeds[1];
    assert_eq!(added["url"], gazette.as_str());
    assert_eq!(added["name"], "Gazette");
    assert_eq!(added["tags"], json!(["Local", "Boats"]));
    assert_eq!(added["origin"], "added");
    assert_eq!(added["articles"], 3);
    let refreshed = added["last_refresh"].as_str().expect("a refresh time");
    assert!(
        chrono::DateTime::parse_from_rfc3339(refreshed).is_ok(),
        "{refreshed}"
    );
    assert_eq!(added["last_error"], Value::Null);
    let failed = &feeds[2];
    assert_eq!(failed["url"], other.as_str());
    assert_eq!(failed["name"], Value::Null);
    assert_eq!(failed["tags"], json!([]));
    assert_eq!(failed["articles"], 0);
    assert_eq!(failed["last_refresh"], Value::Null);
    assert_eq!(failed["last_error"], "HTTP 404 Not Found");

    // By name (in any case), then by address.
    let said = env.ok(&["feeds", "remove", "gazette"]);
    assert!(said.contains(&gazette), "{said}");
    env.ok(&["feeds", "remove", &other]);
    let left: Vec<Value> = env.feeds().iter().map(|f| f["url"].clone()).collect();
    assert_eq!(left, ["https://config.example/rss"]);
    let none = env.error(&["feeds", "remove", &other]);
    assert!(none.contains(&other), "{none}");

    for which in ["From the config", "https://config.example/rss"] {
        let refused = env.error(&["feeds", "remove", which]);
        assert!(refused.contains("config file"), "{refused}");
        assert!(refused.contains(which), "{refused}");
    }
    assert_eq!(env.feeds().len(), 1);
}

#[test]
fn refresh_exits_0_when_one_feed_answers_and_1_when_none_does() {
    let server = TestServer::start(|request| match request.path.as_str() {
        "/rss2.xml" => ServerResponse::ok(fixture("rss2.xml")),
        "/broken.xml" => ServerResponse::new(500),
        _ => ServerResponse::new(404),
    });
    let (gazette, gone) = (server.url("/rss2.xml"), server.url("/gone.xml"));
    let env = Env::new();
    env.ok(&["feeds", "add", "--no-check", &gazette]);
    env.ok(&["feeds", "add", "--no-check", &gone, "--name", "Gone"]);
    let run = env.run(&["refresh"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let mut stdout: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(stdout.len(), 3, "{}", run.stdout);
    assert_eq!(stdout.pop(), Some("+3 new · 1 failed"));
    stdout.sort_unstable();
    assert_eq!(
        stdout,
        [
            "✓ Harbour Gazette: 3 new, 0 updated",
            "✗ Gone: HTTP 404 Not Found"
        ]
    );
    // Not a terminal: plain progress lines, no bar, no escape sequences.
    let progress: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(progress.len(), 2, "{}", run.stderr);
    assert!(!run.stderr.contains('\x1b'), "{:?}", run.stderr);
    assert!(progress[0].starts_with("[1/2] "), "{progress:?}");
    assert!(progress[1].starts_with("[2/2] "), "{progress:?}");
    let mut named: Vec<&str> = progress.iter().map(|l| &l[6..]).collect();
    named.sort_unstable();
    assert_eq!(
        named,
        [
            "Gone: HTTP 404 Not Found",
            "Harbour Gazette: 3 new, 0 updated"
        ]
    );

    let env = Env::new();
    let broken = server.url("/broken.xml");
    env.ok(&["feeds", "add", "--no-check", &gone]);
    env.ok(&["feeds", "add", "--no-check", &broken]);
    let run = env.run(&["refresh"]);
    assert_eq!(run.code, Some(1), "{} {}", run.stdout, run.stderr);
    let stdout: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(stdout.len(), 3, "{}", run.stdout);
    assert!(
        stdout.contains(&format!("✗ {gone}: HTTP 404 Not Found").as_str()),
        "{stdout:?}"
    );
    assert!(
        stdout.contains(&format!("✗ {broken}: HTTP 500 Internal Server Error").as_str()),
        "{stdout:?}"
    );
    assert_eq!(stdout[2], "+0 new · 2 failed");
    let stderr: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(stderr.len(), 3, "{}", run.stderr);
    assert!(stderr[0].starts_with("[1/2] ") && stderr[1].starts_with("[2/2] "));
    assert!(stderr[2].starts_with("error: "), "{stderr:?}");
    assert!(stderr[2].contains("failed"), "{stderr:?}");
}

const NESTED_OPML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>from another reader</title></head>
  <body>
    <outline type="rss" text="Loose" xmlUrl="https://loose.example/feed.json"/>
    <outline text="News">
      <outline text="World &amp; more">
        <outline type="rss" text="Gazette" title="Gazette" xmlUrl="https://gazette.example/rss"/>
      </outline>
      <outline type="rss" title="Ledger" xmlUrl="https://ledger.example/atom" category="/Open source"/>
    </outline>
    <outline text="Empty folder"/>
  </body>
</opml>
"#;

#[test]
fn opml_import_export_import_round_trips() {
    let env = Env::new();
    let file = env.write("subscriptions.opml", NESTED_OPML);
    let said = env.ok(&["import-opml", file.to_str().expect("a UTF-8 path")]);
    assert!(said.starts_with("imported 3 feeds"), "{said}");
    let imported = env.subscriptions();
    assert_eq!(
        imported,
        [
            (
                "https://loose.example/feed.json".to_string(),
                json!("Loose"),
                json!([])
            ),
            (
                "https://gazette.example/rss".to_string(),
                json!("Gazette"),
                json!(["News", "World & more"])
            ),
            (
                "https://ledger.example/atom".to_string(),
                json!("Ledger"),
                json!(["News", "Open source"])
            ),
        ]
    );
    let again = env.ok(&["import-opml", file.to_str().expect("a UTF-8 path")]);
    assert!(again.starts_with("imported 0 feeds"), "{again}");
    assert_eq!(env.subscriptions(), imported, "no duplicates");

    let exported = env.ok(&["export-opml"]);
    assert!(exported.contains("<opml version=\"2.0\">"), "{exported}");
    let fresh = Env::new();
    let file = fresh.write("exported.opml", &exported);
    fresh.ok(&["import-opml", file.to_str().expect("a UTF-8 path")]);
    let mut round_tripped = fresh.subscriptions();
    let mut expected = imported;
    round_tripped.sort_by(|a, b| a.0.cmp(&b.0));
    expected.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(round_tripped, expected);
}

#[test]
fn a_feed_without_a_name_has_none_after_an_opml_round_trip() {
    let env = Env::new();
    env.ok(&["feeds", "add", "--no-check", "https://plain.example/rss"]);
    let exported = env.ok(&["export-opml"]);
    let fresh = Env::new();
    let file = fresh.write("exported.opml", &exported);
    fresh.ok(&["import-opml", file.to_str().expect("a UTF-8 path")]);
    assert_eq!(fresh.subscriptions(), env.subscriptions());
}

#[test]
fn a_feed_url_as_source_is_listed_without_being_stored() {
    let server = TestServer::start(|request| match request.path.as_str() {
        "/feed.xml" => ServerResponse::ok(fixture("rss2.xml")),
        _ => ServerResponse::new(404),
    });
    let env = Env::new();
    let url = server.url("/feed.xml");
    assert_eq!(env.titles(&[&url]), GAZETTE);
    let listed = env.json(&["list", "--json", &url]);
    let first = &listed[0];
    assert_eq!(first["source"], "Harbour Gazette");
    assert_eq!(first["url"], "https://example.com/ferry");
    assert_eq!(first["author"], "Mirela Okafor");
    let published = first["published"].as_str().expect("a date");
    assert_eq!(
        chrono::DateTime::parse_from_rfc3339(published).map(|d| d.to_utc()),
        Ok("2026-10-14T08:00:00Z".parse().expect("a date")),
        "{published}"
    );
    assert_eq!(first["tags"], json!(["Cities", "Transport"]));
    assert_eq!(env.feeds(), Vec::<Value>::new(), "nothing subscribed");
    let everything = env.titles(&[]);
    assert!(
        !everything.iter().any(|t| GAZETTE.contains(&t.as_str())),
        "nothing cached: {everything:?}"
    );
    assert_eq!(hits(&server, "/feed.xml"), 2);

    let gone = server.url("/gone.xml");
    let error = env.error(&["list", &gone]);
    assert!(error.contains(&gone), "{error}");
    assert!(error.contains("HTTP 404 Not Found"), "{error}");
}

#[test]
fn a_local_feed_file_as_source_is_listed() {
    let env = Env::new();
    env.write("feed.xml", fixture("rss2.xml"));
    env.write("satellites.json", fixture("jsonfeed.json"));
    assert_eq!(env.titles(&["./feed.xml"]), GAZETTE);
    assert_eq!(
        env.titles(&["./satellites.json", "./feed.xml"]),
        [
            "A cubesat phones home",
            "Night ferry returns",
            "Market hall clock ticks again",
            "Harbour notes"
        ]
    );
    let file_url = format!("file://{}", env.root().join("feed.xml").display());
    assert_eq!(env.titles(&[&file_url]), GAZETTE);
    assert_eq!(env.feeds(), Vec::<Value>::new(), "nothing subscribed");
}

#[test]
fn list_search_finds_cached_articles_by_the_text_of_their_bodies() {
    let server = TestServer::start(|request| match request.path.as_str() {
        "/feed.xml" => ServerResponse::ok(fixture("html-heavy.xml")),
        _ => ServerResponse::new(404),
    });
    let env = Env::new();
    let url = server.url("/feed.xml");
    env.ok(&["feeds", "add", "--no-check", &url]);
    assert_eq!(env.run(&["refresh"]).code, Some(0));
    // "Ashby" is only in the body (a table cell), which the list does not load.
    let found = env.json(&["list", "--json", "--search", "ashb"]);
    assert_eq!(found.as_array().map(Vec::len), Some(1), "{found}");
    assert_eq!(found[0]["title"], "A table, a list and a quote");
    let none = env.json(&["list", "--json", "--search", "ashby zebra"]);
    assert_eq!(none, json!([]), "every word must be found");
}
