//! Feeds in the reader end to end: the real binary in tmux, with feeds served over HTTP by
//! a server on loopback inside the test. Subscribe, refresh on start, read, bookmark, see
//! the feeds list, quit; then with the server gone, start again offline.
//!
//! The tmux harness is tests/support/tmux.rs, shared with tests/e2e.rs: a private server
//! and temporary folder per test, killed and removed when the test ends; screens are polled
//! until the text looked for appears, nothing waits a fixed time.

use std::fs;

use crate::support::feed_fixtures::{GAZETTE, LEDGER, fixture};
use crate::support::http_server::{ServerResponse, TestServer};
use crate::support::tmux::{Tmux, status_line};

/// Whether the status line starts with `text` followed by a space or its end.
fn status_starts(screen: &str, text: &str) -> bool {
    status_line(screen)
        .strip_prefix(text)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

/// Whether a list row (`│▌●★ Title`) shows a title starting with `title_start` with the
/// bookmark star.
fn listed_bookmarked(screen: &str, title_start: &str) -> bool {
    screen.lines().any(|line| {
        line.match_indices(title_start).any(|(at, _)| {
            let before: Vec<char> = line[..at].chars().rev().take(5).collect();
            matches!(before[..], [' ', '★', _, _, '│'])
        })
    })
}

/// The first characters of a title, as the list shows them before truncating.
fn start_of(title: &str) -> String {
    title.chars().take(24).collect()
}

/// The RSS 2.0 fixture without its `<ttl>`: with it, the start after the first would leave
/// the feed alone as still fresh instead of asking (and failing) offline.
fn gazette_without_ttl() -> Vec<u8> {
    let text = String::from_utf8(fixture("rss2.xml")).expect("UTF-8");
    assert!(text.contains("<ttl>60</ttl>"));
    text.replace("<ttl>60</ttl>", "").into_bytes()
}

const ARTICLES: &str = "╭ Articles ";
const BOOKMARKS: &str = "╭ Bookmarks ";
const FEEDS: &str = "╭ Feeds · ";

// ---------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------

#[test]
fn feeds_refresh_read_bookmark_then_restart_offline() {
    let gazette = gazette_without_ttl();
    let server = TestServer::start(move |request| match request.path.as_str() {
        "/gazette.xml" => ServerResponse::ok(gazette.clone()),
        "/ledger.xml" => ServerResponse::ok(fixture("atom.xml")),
        _ => ServerResponse::new(404),
    });
    let mut tmux = Tmux::new("");
    tmux.cli(&["feeds", "add", "--no-check", &server.url("/gazette.xml")]);
    tmux.cli(&["feeds", "add", "--no-check", &server.url("/ledger.xml")]);

    tmux.start(&[], &[]);
    tmux.wait_until("the refresh on start to finish", |s| {
        status_line(s).contains("refreshed 2 feeds: +4 new")
    });
    let screen = tmux.wait_until("every article listed", |s| {
        GAZETTE
            .iter()
            .chain([&LEDGER])
            .all(|t| s.contains(&start_of(t)))
    });
    assert!(screen.contains(ARTICLES), "{screen}");
    assert_eq!(server.requests().len(), 2);

    // The newest, first in the list, is the Ledger's: open it and bookmark it. (The
    // selection stays on the article it was on as feeds come in, so go to the top first.)
    tmux.keys(&["g", "Enter"]);
    tmux.wait_until("the article in the reader", |s| {
        s.matches(&start_of(LEDGER)).count() >= 2 && s.contains("Two volunteers")
    });
    tmux.keys(&["b"]);
    tmux.wait_until("the status to say bookmarked", |s| {
        status_line(s).contains(&format!("★ bookmarked “{LEDGER}”"))
    });

    tmux.keys(&["F"]);
    tmux.wait_until("both feeds in the feeds list", |s| {
        s.contains(FEEDS)
            && s.contains("Harbour Gazette")
            && s.contains("Open Ledger")
            && s.contains(&server.url("/gazette.xml"))
            && s.contains(&server.url("/ledger.xml"))
    });
    tmux.keys(&["Escape"]);
    tmux.wait_until("the feeds list to close", |s| !s.contains(FEEDS));
    tmux.quit();

    // The network is gone: the server is stopped and its port closed.
    let port_url = server.url("/gazette.xml");
    drop(server);
    tmux.restart(&[]);
    tmux.wait_until("the failures of the refresh on start, in words", |s| {
        status_line(s).contains("2 feeds failed: connection refused")
    });
    tmux.wait_until("the cached articles, offline", |s| {
        GAZETTE
            .iter()
            .chain([&LEDGER])
            .all(|t| s.contains(&start_of(t)))
    });
    tmux.keys(&["B"]);
    tmux.wait_until("the bookmark listed, alone", |s| {
        s.contains(BOOKMARKS)
            && listed_bookmarked(s, &start_of(LEDGER))
            && status_starts(s, "1 bookmark")
    });
    tmux.keys(&["F"]);
    tmux.wait_until("the feeds list with the errors", |s| {
        s.contains(FEEDS) && s.contains(&port_url) && s.matches("✗ ").count() >= 2
    });
    tmux.keys(&["Escape"]);
    tmux.wait_until("the feeds list to close", |s| !s.contains(FEEDS));
    tmux.quit();

    let bookmarks = tmux.cli(&["bookmarks"]);
    assert_eq!(bookmarks.lines().count(), 1, "{bookmarks}");
    assert!(bookmarks.contains(LEDGER), "{bookmarks}");
}

#[test]
fn r_refreshes_and_the_feeds_list_says_why_a_feed_failed() {
    let server = TestServer::start(|request| match request.path.as_str() {
        "/gazette.xml" => ServerResponse::ok(fixture("rss2.xml")),
        _ => ServerResponse::new(404),
    });
    let mut tmux = Tmux::new("refresh_on_start = false\n");
    tmux.cli(&["feeds", "add", "--no-check", &server.url("/gazette.xml")]);
    tmux.cli(&[
        "feeds",
        "add",
        "--no-check",
        &server.url("/gone.xml"),
        "--name",
        "Gone",
    ]);

    tmux.start(&[], &[]);
    tmux.wait_for(ARTICLES);
    assert!(
        server.requests().is_empty(),
        "no refresh on start when it is off"
    );
    tmux.keys(&["r"]);
    tmux.wait_until("the refresh to finish with one failure", |s| {
        status_line(s).contains("refreshed 2 feeds: +3 new · 1 failed (HTTP 404 Not Found)")
    });
    tmux.wait_until("the feed's articles listed", |s| {
        GAZETTE.iter().all(|t| s.contains(&start_of(t)))
    });
    tmux.keys(&["F"]);
    tmux.wait_until("the feeds list with the 404 in words", |s| {
        s.contains(FEEDS)
            && s.contains("Harbour Gazette")
            && s.contains("Gone")
            && s.contains("✗ last tried now · HTTP 404 Not Found")
    });
    tmux.keys(&["Escape"]);
    tmux.wait_until("the feeds list to close", |s| !s.contains(FEEDS));
    tmux.quit();
}

#[test]
fn the_status_line_counts_the_articles_a_refresh_brought() {
    let server = TestServer::start(|_| ServerResponse::ok(fixture("rss2.xml")));
    let mut tmux = Tmux::new("");
    tmux.cli(&["feeds", "add", "--no-check", &server.url("/gazette.xml")]);
    tmux.start(&[], &[]);
    tmux.wait_until("the refresh on start to finish, naming the feed", |s| {
        status_line(s).contains("Harbour Gazette: +3 new")
    });
    tmux.wait_until("the count of every article shown", |s| {
        status_starts(s, "3 unread of 3")
    });
    tmux.quit();
}

/// An RSS feed of `count` items, newest first, a minute apart: "Item 0" is the newest; even
/// items are tagged Even, odd ones Odd.
fn big_feed(count: usize) -> String {
    let newest = chrono::DateTime::parse_from_rfc3339("2026-11-01T12:00:00Z").expect("a date");
    let items: String = (0..count)
        .map(|n| {
            let date = (newest - chrono::Duration::minutes(n as i64)).to_rfc2822();
            let tag = if n % 2 == 0 { "Even" } else { "Odd" };
            format!(
                "<item><title>Item {n}</title><link>https://big.example/{n}</link>\
                 <pubDate>{date}</pubDate><category>{tag}</category>\
                 <description>Text of item {n}.</description></item>\n"
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Big</title>\
         <link>https://big.example/</link>{items}</channel></rss>"
    )
}

#[test]
fn a_large_cache_is_listed_whole_after_starting_on_its_newest() {
    // More than the 5,000 cached articles above which the list is read in the background.
    const COUNT: usize = 6_000;
    let mut tmux = Tmux::new("refresh_on_start = false\nkeep_per_feed = 0\n");
    let feed = tmux.root().join("big.xml");
    fs::write(&feed, big_feed(COUNT)).expect("write the feed");
    tmux.cli(&["feeds", "add", &format!("file://{}", feed.display())]);
    let refreshed = tmux.cli(&["refresh"]);
    assert!(refreshed.contains("+6000 new"), "{refreshed}");

    tmux.start(&[], &[]);
    tmux.wait_until("the whole list", |s| {
        status_starts(s, "6000 unread of 6000") && s.contains("Even") && s.contains("3000")
    });
    tmux.keys(&["G"]);
    tmux.wait_until("the oldest article at the end of the list", |s| {
        s.contains("Item 5999")
    });
    tmux.keys(&["g", "b"]);
    tmux.wait_until("the newest bookmarked", |s| listed_bookmarked(s, "Item 0"));
    tmux.quit();
    let bookmarks = tmux.cli(&["bookmarks"]);
    assert!(bookmarks.contains("Item 0"), "{bookmarks}");
}
