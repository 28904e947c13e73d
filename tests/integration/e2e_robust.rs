//! Nothing a feed holds, and no server, stops the reader: the real binary in tmux, with feeds
//! served on loopback inside the test. A feed whose parser panics (made to, in the debug
//! binary, by `TIDINGS_TEST_PANIC`) is that feed's error in `F`, the others are read, and `q`
//! quits; a feed whose server never answers does not hold `q` either, and a bookmark made
//! just before `q` is saved.
//!
//! "Promptly" is checked only against a generous bound: the pane's tidings has exited well
//! within the time a stuck worker would hold it (the fetch timeout is 30 s; a hung reader,
//! for ever).

use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::thread;
use std::time::{Duration, Instant};

use crate::support::feed_fixtures::{GAZETTE, LEDGER, fixture};
use crate::support::http_server::{ServerResponse, TestServer};
use crate::support::tmux::{Tmux, status_line};

/// Far more than a reader that quits needs (it waits at most 2 s for its saves), far less
/// than a fetch's timeout.
const PROMPTLY: Duration = Duration::from_secs(10);

const FEEDS: &str = "╭ Feeds · ";

/// The first characters of a title, as the list shows them before truncating.
fn start_of(title: &str) -> String {
    title.chars().take(24).collect()
}

/// Presses `q` (after `before`, in the same keystrokes) and waits for tidings to exit: its
/// status, and how long it took.
fn quit_after(tmux: &Tmux, before: &[&str]) -> (u8, Duration) {
    let mut keys = before.to_vec();
    keys.push("q");
    let pressed = Instant::now();
    tmux.keys(&keys);
    let status = tmux.wait_exit();
    (status, pressed.elapsed())
}

#[test]
fn a_feed_whose_parser_panics_is_its_error_in_f_and_q_still_quits() {
    let server = TestServer::start(|request| match request.path.as_str() {
        "/gazette.xml" => ServerResponse::ok(fixture("rss2.xml")),
        "/ledger.xml" => ServerResponse::ok(fixture("atom.xml")),
        "/trips.xml" => ServerResponse::ok(fixture("rss1.rdf")),
        _ => ServerResponse::new(404),
    });
    let mut tmux = Tmux::new("");
    for path in ["/gazette.xml", "/trips.xml", "/ledger.xml"] {
        tmux.cli(&["feeds", "add", "--no-check", &server.url(path)]);
    }
    tmux.set_env("TIDINGS_TEST_PANIC", "feed:/trips.xml");
    tmux.set_env("RUST_BACKTRACE", "1");
    tmux.start(&[], &[]);

    tmux.wait_until("the refresh on start to finish", |s| {
        status_line(s).contains("refreshed 3 feeds: +4 new · 1 failed")
    });
    let screen = tmux.wait_until("the other feeds' articles listed", |s| {
        GAZETTE
            .iter()
            .chain([&LEDGER])
            .all(|t| s.contains(&start_of(t)))
    });
    assert!(!screen.contains("panicked"), "{screen}");

    tmux.keys(&["F"]);
    // The status line says the same words, so the error is looked for above it, and the
    // list is waited for whole (a capture can catch it half drawn).
    let screen = tmux.wait_until("the feed's error in the feeds list", |s| {
        let status = status_line(s);
        s.contains(FEEDS)
            && s.contains("Open Ledger")
            && s.lines().any(|line| {
                line != status
                    && line.contains("could not be read: internal error in the feed parser")
            })
    });
    assert!(screen.contains("Harbour Gazette"), "{screen}");
    tmux.keys(&["Escape"]);
    tmux.wait_until("the feeds list to close", |s| !s.contains(FEEDS));

    // Asked again, it fails again, and the reader goes on.
    tmux.keys(&["r"]);
    tmux.wait_until("the refresh by r to finish", |s| {
        status_line(s).contains("refreshed 3 feeds: +0 new · 1 failed")
    });

    let (status, took) = quit_after(&tmux, &[]);
    assert_eq!(status, 0, "tidings exits with status 0");
    assert!(took < PROMPTLY, "q took {took:?}");
    let screen = tmux.screen();
    assert!(!screen.contains("panicked"), "{screen}");
    assert!(!screen.contains("backtrace"), "{screen}");
}

/// A server that takes every connection and never answers, nor closes one.
fn silent_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let address = listener.local_addr().expect("its address");
    thread::spawn(move || {
        let mut held: Vec<TcpStream> = Vec::new();
        for stream in listener.incoming().flatten() {
            // What the client sent is read, never answered.
            let _ = stream.set_read_timeout(Some(Duration::from_millis(100)));
            let _ = (&stream).read(&mut [0; 4096]);
            held.push(stream);
        }
    });
    format!("http://{address}/feed.xml")
}

#[test]
fn a_server_that_never_answers_does_not_hold_q_and_the_last_bookmark_is_saved() {
    let silent = silent_server();
    let server = TestServer::start(|request| match request.path.as_str() {
        "/gazette.xml" => ServerResponse::ok(fixture("rss2.xml")),
        _ => ServerResponse::new(404),
    });
    let mut tmux = Tmux::new("");
    tmux.cli(&["feeds", "add", "--no-check", &silent]);
    tmux.cli(&["feeds", "add", "--no-check", &server.url("/gazette.xml")]);
    tmux.start(&[], &[]);

    // The Gazette is in; the other feed's fetch waits on its server.
    tmux.wait_until("the Gazette's articles, the refresh still under way", |s| {
        GAZETTE.iter().all(|t| s.contains(&start_of(t)))
            && status_line(s).contains("refreshing 1/2")
    });
    // The newest article opened and bookmarked, and at once q: the bookmark is saved as
    // the reader ends, and the fetch that never ends does not hold it.
    let (status, took) = quit_after(&tmux, &["g", "Enter", "b"]);
    assert_eq!(status, 0, "tidings exits with status 0");
    assert!(took < PROMPTLY, "q took {took:?}");

    let saved = tmux.cli(&["bookmarks"]);
    assert!(
        saved.contains(GAZETTE[0]),
        "the bookmark is saved: {saved:?}"
    );
}

#[test]
fn a_picture_or_a_page_whose_reader_panics_is_a_note_in_the_reader() {
    use crate::support::pictures;

    let server = TestServer::start(|request| match request.path.as_str() {
        "/good.png" => ServerResponse::ok(pictures::png(60, 40)),
        "/boom.png" => ServerResponse::ok(pictures::png(60, 40)),
        "/story.html" => ServerResponse::ok(
            "<html><body><article><p>The whole story, at length.</p></article></body></html>",
        )
        .header("Content-Type", "text/html"),
        _ => ServerResponse::new(404),
    });
    let mut tmux = Tmux::new("");
    let feed = format!(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Pictures</title>\
         <item><title>pictured-one</title><guid>p1</guid><link>{}</link>\
         <pubDate>Mon, 23 Nov 2026 10:00:00 GMT</pubDate><description><![CDATA[\
         <p>Before.</p><img src='/boom.png' alt='Boom'><p>Between.</p>\
         <img src='/good.png' alt='Good'><p>After.</p>]]></description></item>\
         </channel></rss>",
        server.url("/story.html")
    );
    let path = tmux.root().join("pictures.xml");
    std::fs::write(&path, feed).expect("write the feed");
    tmux.set_env("TIDINGS_TEST_PANIC", "picture:/boom.png;page:/story.html");
    tmux.set_env("RUST_BACKTRACE", "1");
    tmux.start(&[path.to_str().expect("UTF-8")], &[]);

    tmux.wait_for("pictured-one");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_until("one picture drawn, the other a note", |s| {
        // Cut at the pane's edge: "[picture not shown: internal error in the picture d…".
        s.contains("[picture not shown: internal error in the picture d") && s.contains('▀')
    });
    assert!(!screen.contains("panicked"), "{screen}");

    tmux.keys(&["f"]);
    let screen = tmux.wait_until("the page's failure in words", |s| {
        s.contains("no full text: internal error in the page reader")
    });
    assert!(
        screen.contains("Between."),
        "the feed's text stays: {screen}"
    );
    assert!(!screen.contains("panicked"), "{screen}");

    let (status, took) = quit_after(&tmux, &[]);
    assert_eq!(status, 0, "tidings exits with status 0");
    assert!(took < PROMPTLY, "q took {took:?}");
}

#[test]
fn a_panic_outside_isolated_work_still_prints_restores_the_terminal_and_ends_the_reader() {
    let server = TestServer::start(|_| ServerResponse::ok(fixture("rss2.xml")));
    let mut tmux = Tmux::new("");
    tmux.cli(&["feeds", "add", "--no-check", &server.url("/gazette.xml")]);
    // The reader's refresh thread panics as it starts, as a fault of ours would.
    tmux.set_env("TIDINGS_TEST_PANIC", "crash:refresh");
    tmux.start(&[], &[]);
    let status = tmux.wait_exit();
    assert_eq!(status, 1, "the reader ends with an error");
    let screen = tmux.screen();
    assert!(
        screen.contains("panicked at"),
        "the panic is printed: {screen}"
    );
    assert!(screen.contains("asked for a crash in refresh"), "{screen}");
    assert!(screen.contains("error: the reader stopped"), "{screen}");
    assert_eq!(
        tmux.display("#{alternate_on}"),
        "0",
        "the terminal is restored"
    );
}
