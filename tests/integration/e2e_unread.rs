//! Following the news end to end: the real binary in tmux, with three feeds served over
//! HTTP on loopback. Choose a feed in the navigation pane, show unread only, read with `]`,
//! mark the rest read, undo, mark again, quit and find the same counts; and a refresh that
//! lands while keys keep coming, without the selection jumping.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crate::support::http_server::{ServerResponse, TestServer};
use crate::support::tmux::{Tmux, list_markers, status_line};

/// An RSS feed named `name` with items `from..to`, newest first, an hour apart.
fn feed(name: &str, from: usize, to: usize) -> Vec<u8> {
    let items: String = (from..to)
        .rev()
        .map(|n| {
            format!(
                "<item><title>{name} story {n}</title><guid>{name}-{n}</guid>\
                 <link>https://example.com/{n}</link>\
                 <pubDate>Mon, 23 Nov 2026 {:02}:00:00 +0000</pubDate>\
                 <description>Text of story {n} of {name}.</description></item>",
                n % 24
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{name}</title>\
         <link>https://example.com/</link>{items}</channel></rss>"
    )
    .into_bytes()
}

/// The row of the navigation pane that names `name`, trimmed.
fn nav_row<'a>(screen: &'a str, name: &str) -> Option<&'a str> {
    screen.lines().find_map(|line| {
        let row = line.split('│').nth(1)?;
        row.contains(name).then(|| row.trim())
    })
}

#[test]
fn choose_a_feed_read_what_is_new_mark_the_rest_read_undo_and_come_back() {
    let server = TestServer::start(|request| match request.path.as_str() {
        "/alpha.xml" => ServerResponse::ok(feed("Alpha News", 0, 4)),
        "/beta.xml" => ServerResponse::ok(feed("Beta Weekly", 0, 3)),
        "/gamma.xml" => ServerResponse::ok(feed("Gamma Daily", 0, 5)),
        _ => ServerResponse::new(404),
    });
    let mut tmux = Tmux::new("");
    for path in ["/alpha.xml", "/beta.xml", "/gamma.xml"] {
        tmux.cli(&["feeds", "add", "--no-check", &server.url(path)]);
    }
    tmux.start(&[], &[]);
    tmux.wait_until("the refresh on start", |s| {
        status_line(s).contains("refreshed 3 feeds: +12 new")
    });
    tmux.wait_until("the feeds with their counts", |s| {
        nav_row(s, "Feeds").is_some_and(|r| r.ends_with("12/12"))
            && nav_row(s, "Beta Weekly").is_some_and(|r| r.ends_with("3/3"))
    });

    // Beta Weekly, alone, unread only.
    tmux.keys(&["t", "j", "Enter"]);
    tmux.wait_until("the feed chosen", |s| {
        status_line(s).starts_with("Beta Weekly · 3 unread of 3")
            && nav_row(s, "Beta Weekly").is_some_and(|r| r.starts_with('✓'))
    });
    tmux.keys(&["u"]);
    tmux.wait_until("unread only", |s| {
        status_line(s).starts_with("Beta Weekly · 3 unread (only)")
    });

    // ] opens the first unread story, then the next one.
    tmux.keys(&["]"]);
    tmux.wait_until("the first story in the reader", |s| {
        s.contains("Text of story 2 of Beta Weekly.")
            && nav_row(s, "Beta Weekly").is_some_and(|r| r.ends_with("2/3"))
    });
    tmux.keys(&["]"]);
    tmux.wait_until("the second story in the reader", |s| {
        s.contains("Text of story 1 of Beta Weekly.")
            && nav_row(s, "Beta Weekly").is_some_and(|r| r.ends_with("1/3"))
    });

    // The rest read, undone, read again.
    tmux.keys(&["A"]);
    tmux.wait_until("the mark and how to undo it", |s| {
        status_line(s).contains("marked 1 read · U undoes")
            && nav_row(s, "Beta Weekly").is_some_and(|r| r.ends_with("0/3"))
    });
    tmux.keys(&["U"]);
    tmux.wait_until("the mark undone", |s| {
        status_line(s).contains("marked 1 unread again")
            && nav_row(s, "Beta Weekly").is_some_and(|r| r.ends_with("1/3"))
    });
    tmux.keys(&["A"]);
    tmux.wait_until("marked again", |s| {
        nav_row(s, "Beta Weekly").is_some_and(|r| r.ends_with("0/3"))
            && nav_row(s, "Feeds").is_some_and(|r| r.ends_with("9/12"))
    });
    tmux.quit();

    // The same counts after a restart, in the pane and on the command line.
    tmux.restart(&[]);
    tmux.wait_until("the same counts", |s| {
        nav_row(s, "Feeds").is_some_and(|r| r.ends_with("9/12"))
            && nav_row(s, "Beta Weekly").is_some_and(|r| r.ends_with("0/3"))
            && nav_row(s, "Alpha News").is_some_and(|r| r.ends_with("4/4"))
            && nav_row(s, "Gamma Daily").is_some_and(|r| r.ends_with("5/5"))
    });
    tmux.quit();
    assert_eq!(tmux.cli(&["unread"]), "9 unread\n");
}

#[test]
fn a_refresh_lands_while_keys_keep_coming_without_moving_the_selection() {
    // The second fetch is slow and brings two new stories.
    let fetches = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&fetches);
    let server = TestServer::start(move |_| {
        if counted.fetch_add(1, Ordering::SeqCst) == 0 {
            ServerResponse::ok(feed("Alpha News", 0, 6))
        } else {
            ServerResponse::ok(feed("Alpha News", 0, 8)).stall(Duration::from_secs(3))
        }
    });
    let mut tmux = Tmux::new("");
    tmux.cli(&["feeds", "add", "--no-check", &server.url("/alpha.xml")]);
    tmux.start(&[], &[]);
    tmux.wait_until("the first refresh", |s| {
        status_line(s).contains("Alpha News: +6 new")
    });
    tmux.keys(&["r"]);
    tmux.wait_until("the refresh under way", |s| {
        status_line(s).contains("refreshing 0/1")
    });
    // Keys are handled while the server takes its time.
    tmux.keys(&["j", "j", "j"]);
    tmux.wait_until("the selection moved while refreshing", |s| {
        list_markers(s, "Alpha News story 2").is_some_and(|m| m.starts_with('▌'))
            && status_line(s).contains("refreshing 0/1")
    });
    tmux.wait_until("the new stories in, the selection where it was", |s| {
        status_line(s).contains("Alpha News: +2 new")
            && list_markers(s, "Alpha News story 7").is_some()
            && list_markers(s, "Alpha News story 2").is_some_and(|m| m.starts_with('▌'))
    });
    tmux.quit();
}
