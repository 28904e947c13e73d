//! Sync in the reader end to end: the real binary in tmux against the Google Reader API test
//! server on loopback. It syncs as it starts; a change made with a key goes to the server on
//! `r`; with the server failing the status line counts the changes waiting; killed with
//! SIGKILL right after a bookmark, the change is still queued and the next sync sends it.

mod support;

use std::process::Command;

use support::greader::{GReader, Mode, PASSWORD};
use support::tmux::{Tmux, list_markers, status_line};

#[test]
fn the_reader_syncs_counts_what_waits_offline_and_loses_nothing_to_sigkill() {
    let server = GReader::start(Mode::FreshRss);
    let feed = server.add_feed("World", "News");
    let older = server.add_item(feed, "Harbour reopens");
    let newest = server.add_item(feed, "Bridge vote");
    let mut tmux = Tmux::new(&format!(
        "[fetch]\ntimeout = 5\n\n[sync]\nserver = \"greader\"\nurl = \"{}\"\n\
         username = \"alice\"\npassword_file = \"password\"\nevery = 0\n",
        server.url()
    ));
    std::fs::write(tmux.root().join("password"), format!("{PASSWORD}\n")).expect("password");
    tmux.start(&[], &[]);
    let screen = tmux.wait_for("synced: +2 new");
    assert!(
        screen.contains("World"),
        "the server's feed is listed:\n{screen}"
    );
    assert_eq!(
        list_markers(&screen, "Bridge vote").as_deref(),
        Some("▌●  ")
    );

    // Read here with a key, sent on r.
    tmux.keys(&["m"]);
    tmux.wait_for("marked read");
    tmux.keys(&["r"]);
    tmux.wait_for("synced: +0 new · 1 sent");
    assert!(server.item(newest).read);

    // The server fails: the reader goes on, and says what waits.
    server.knobs(|k| k.fail_with = Some(503));
    tmux.keys(&["r"]);
    tmux.wait_until("the offline mark", |s| {
        status_line(s).contains("offline: no changes waiting")
    });
    tmux.keys(&["j", "b"]);
    let screen = tmux.wait_until("one change counted", |s| {
        status_line(s).contains("offline: 1 change waiting")
    });
    assert_eq!(
        list_markers(&screen, "Harbour reopens").as_deref(),
        Some("▌●★ ")
    );

    // Killed at once: the bookmark and its queue entry are on disk together.
    let status = Command::new("kill")
        .args(["-KILL", &tmux.tidings_pid()])
        .status()
        .expect("run kill");
    assert!(status.success());
    tmux.wait_exit();
    let queued: serde_json::Value =
        serde_json::from_str(&tmux.cli(&["sync", "--status", "--json"])).expect("JSON");
    assert_eq!(queued["queued"], 1);
    server.knobs(|k| k.fail_with = None);
    tmux.cli(&["sync"]);
    assert!(server.item(older).starred);
}
