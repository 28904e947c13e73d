//! How long a feed stays fresh across refreshes that ask again (issue 18, point 3): the
//! feed's `<ttl>` and the `max-age` of its answer hold after a 304, which sends neither the
//! document nor (often) a `Cache-Control`; a 304's own `Cache-Control` takes the place of the
//! one the document came with, but never shortens the ttl; and `refresh --force` asks anyway
//! without changing any of it. Against a real HTTP server on 127.0.0.1, through the library
//! and through the binary, as a person runs it.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::support::cli::Env;
use crate::support::http_server::{ServerRequest, ServerResponse, TestServer};
use chrono::{DateTime, Utc};
use tidings::model::Subscription;
use tidings::net::FetchSettings;
use tidings::refresh::{self, FeedReport, FeedResult, Options};
use tidings::store::{FeedState, Store};

const ETAG: &str = "\"v1\"";

/// An RSS feed of one item, with `<ttl>` when `ttl` is given (minutes).
fn feed(ttl: Option<u32>) -> String {
    let ttl = ttl.map_or(String::new(), |minutes| format!("<ttl>{minutes}</ttl>"));
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Tide Tables</title>\
         <link>https://tides.example/</link>{ttl}\
         <item><title>High water at noon</title><link>https://tides.example/1</link>\
         <guid>tides-1</guid></item></channel></rss>"
    )
}

/// The headers the server adds to its 200 and to its 304.
#[derive(Clone, Default)]
struct Answers {
    on_200: Vec<(&'static str, &'static str)>,
    on_304: Vec<(&'static str, &'static str)>,
}

/// A server of one feed at `/feed.xml`: 200 with an ETag, 304 when asked with it. The
/// headers of each answer can be changed between refreshes.
fn serve(body: String, answers: Arc<Mutex<Answers>>) -> TestServer {
    TestServer::start(move |request: &ServerRequest| {
        let answers = answers.lock().unwrap_or_else(|e| e.into_inner()).clone();
        if request.path != "/feed.xml" {
            return ServerResponse::new(404);
        }
        let (mut response, headers) = if request.header("if-none-match") == Some(ETAG) {
            (ServerResponse::new(304), answers.on_304)
        } else {
            (ServerResponse::ok(body.clone()), answers.on_200)
        };
        response = response.header("ETag", ETAG);
        for (name, value) in headers {
            response = response.header(name, value);
        }
        response
    })
}

fn hits(server: &TestServer) -> usize {
    server.requests().len()
}

fn options(force: bool) -> Options {
    Options {
        fetch: FetchSettings {
            connect_timeout: Duration::from_secs(2),
            timeout: Duration::from_secs(5),
            retry_backoff: Duration::from_millis(50),
            ..FetchSettings::default()
        },
        force,
        keep_days: None,
        keep_per_feed: None,
        report_articles: false,
    }
}

/// A store in a temporary folder and the one feed refreshed into it.
struct Bed {
    _dir: tempfile::TempDir,
    store: Store,
    url: String,
}

impl Bed {
    fn new(url: String) -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let store = Store::open(&dir.path().join("data")).expect("open the store");
        Self {
            _dir: dir,
            store,
            url,
        }
    }

    fn refresh(&self, force: bool) -> FeedResult {
        let feed = Subscription {
            url: self.url.clone(),
            name: None,
            tags: Vec::new(),
            every: None,
            full_text: false,
        };
        let mut reports: Vec<FeedReport> = Vec::new();
        refresh::refresh(&[feed], Some(&self.store), &options(force), |_, report| {
            reports.push(report.clone());
        });
        assert_eq!(reports.len(), 1);
        reports.remove(0).result
    }

    fn state(&self) -> FeedState {
        self.store.feed_states().expect("feed states")[&self.url].clone()
    }
}

/// How far ahead of `from` the feed is fresh until, in whole minutes (rounded).
fn fresh_minutes(state: &FeedState, from: DateTime<Utc>) -> i64 {
    let until = state.fresh_until.expect("the feed is fresh for a while");
    ((until - from).num_seconds() + 30) / 60
}

fn assert_fresh(result: &FeedResult) {
    match result {
        FeedResult::Skipped(reason) => {
            assert!(reason.starts_with("fresh until "), "{reason}");
        }
        other => panic!("the feed should be left alone as still fresh, got {other:?}"),
    }
}

#[test]
fn a_ttl_holds_after_a_304_and_a_forced_refresh_changes_nothing_of_it() {
    let server = serve(feed(Some(15)), Arc::default());
    let bed = Bed::new(server.url("/feed.xml"));
    assert_eq!(
        bed.refresh(false),
        FeedResult::Updated { new: 1, updated: 0 }
    );
    assert_eq!(bed.state().ttl, Some(Duration::from_secs(15 * 60)));
    assert_fresh(&bed.refresh(false));
    assert_eq!(hits(&server), 1, "a fresh feed is not asked");

    // Forced: asked anyway, 304; the document it confirms still asks for 15 minutes.
    let asked = Utc::now();
    assert_eq!(bed.refresh(true), FeedResult::NotModified);
    assert_eq!(hits(&server), 2);
    let state = bed.state();
    assert_eq!(state.ttl, Some(Duration::from_secs(15 * 60)), "kept");
    assert_eq!(fresh_minutes(&state, asked), 15);

    // So the next refresh (and the reader's start) leaves it alone.
    assert_fresh(&bed.refresh(false));
    assert_eq!(
        hits(&server),
        2,
        "not asked again before the ttl has passed"
    );
}

#[test]
fn the_max_age_of_the_document_holds_after_a_304_without_cache_control() {
    let answers = Arc::new(Mutex::new(Answers {
        on_200: vec![("Cache-Control", "public, max-age=1200")],
        on_304: Vec::new(),
    }));
    let server = serve(feed(None), answers);
    let bed = Bed::new(server.url("/feed.xml"));
    bed.refresh(false);
    assert_eq!(bed.state().max_age, Some(Duration::from_secs(1200)));
    let asked = Utc::now();
    assert_eq!(bed.refresh(true), FeedResult::NotModified);
    assert_eq!(fresh_minutes(&bed.state(), asked), 20);
    assert_fresh(&bed.refresh(false));
    assert_eq!(hits(&server), 2);
}

#[test]
fn a_304s_own_max_age_takes_the_place_of_the_documents_but_never_shortens_the_ttl() {
    let answers = Arc::new(Mutex::new(Answers {
        on_200: vec![("Cache-Control", "max-age=3600")],
        // Many servers send this with every 304.
        on_304: vec![("Cache-Control", "max-age=0, must-revalidate")],
    }));
    let server = serve(feed(Some(15)), Arc::clone(&answers));
    let bed = Bed::new(server.url("/feed.xml"));
    bed.refresh(false);
    assert_eq!(fresh_minutes(&bed.state(), Utc::now()), 60);

    // The 304 says max-age=0: the document's hour is gone, its 15-minute ttl is not.
    let asked = Utc::now();
    assert_eq!(bed.refresh(true), FeedResult::NotModified);
    let state = bed.state();
    assert_eq!(state.max_age, None);
    assert_eq!(fresh_minutes(&state, asked), 15);
    assert_fresh(&bed.refresh(false));
    assert_eq!(hits(&server), 2);

    // A 304 with a longer max-age than the ttl: the longer holds.
    answers.lock().expect("answers").on_304 = vec![("Cache-Control", "max-age=7200")];
    let asked = Utc::now();
    assert_eq!(bed.refresh(true), FeedResult::NotModified);
    let state = bed.state();
    assert_eq!(state.max_age, Some(Duration::from_secs(7200)));
    assert_eq!(fresh_minutes(&state, asked), 120);
    assert_fresh(&bed.refresh(false));
    assert_eq!(hits(&server), 3);
}

#[test]
fn a_wait_the_server_asked_for_holds_through_forced_refreshes() {
    let busy = Arc::new(Mutex::new(false));
    let server = {
        let (busy, body) = (Arc::clone(&busy), feed(Some(15)));
        TestServer::start(move |request: &ServerRequest| {
            if *busy.lock().unwrap_or_else(|e| e.into_inner()) {
                return ServerResponse::new(503).header("Retry-After", "900");
            }
            if request.header("if-none-match") == Some(ETAG) {
                return ServerResponse::new(304).header("ETag", ETAG);
            }
            ServerResponse::ok(body.clone()).header("ETag", ETAG)
        })
    };
    let bed = Bed::new(server.url("/feed.xml"));
    bed.refresh(false);
    *busy.lock().expect("busy") = true;
    let asked = Utc::now();
    assert!(matches!(bed.refresh(true), FeedResult::Skipped(_)));
    let state = bed.state();
    let wait = (state.retry_after.expect("a wait") - asked).num_seconds();
    assert!((890..=901).contains(&wait), "{wait} s");
    assert_eq!(state.ttl, Some(Duration::from_secs(15 * 60)), "kept");
    *busy.lock().expect("busy") = false;
    for _ in 0..2 {
        match bed.refresh(true) {
            FeedResult::Skipped(reason) => {
                assert!(reason.starts_with("the server asked to wait"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(hits(&server), 2, "not asked while the server asked to wait");
    assert_eq!(bed.state().retry_after, state.retry_after, "unchanged");
}

/// The sequence of the issue, as a person types it: `refresh` (200), `refresh` (still
/// fresh), `refresh --force` (304), `refresh` (still fresh: the ttl has not passed).
#[test]
fn tidings_refresh_keeps_a_feeds_ttl_after_a_forced_304() {
    let server = serve(feed(Some(15)), Arc::default());
    let env = Env::new();
    env.ok(&["feeds", "add", "--no-check", &server.url("/feed.xml")]);
    let line = |stdout: &str| stdout.lines().next().unwrap_or_default().to_string();
    let first = env.run(&["refresh"]);
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    assert_eq!(line(&first.stdout), "✓ Tide Tables: 1 new, 0 updated");
    let second = env.run(&["refresh"]);
    assert_eq!(second.code, Some(0), "{}", second.stderr);
    assert!(
        line(&second.stdout).starts_with("– Tide Tables: skipped: fresh until "),
        "{}",
        second.stdout
    );
    let forced = env.run(&["refresh", "--force"]);
    assert_eq!(line(&forced.stdout), "✓ Tide Tables: unchanged");
    let after = env.run(&["refresh"]);
    assert!(
        line(&after.stdout).starts_with("– Tide Tables: skipped: fresh until "),
        "{}",
        after.stdout
    );
    assert_eq!(
        hits(&server),
        2,
        "asked by the first refresh and the forced one"
    );
}
