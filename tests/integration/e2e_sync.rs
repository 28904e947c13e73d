//! Sync in the reader end to end: the real binary in tmux against the Google Reader API test
//! server on loopback. It syncs as it starts; a change made with a key goes to the server on
//! `r`; with the server failing the status line counts the changes waiting; killed with
//! SIGKILL right after a bookmark, the change is still queued and the next sync sends it. A
//! star removed on another device shows below the bookmarks and `b` gives it back; a feed
//! removed there leaves the running reader at the next sync, its bookmark staying.

use std::process::Command;

use crate::support::greader::{GReader, Mode, PASSWORD};
use crate::support::tmux::{Tmux, list_markers, status_line};

/// The reader in tmux, syncing with `server` as it starts and on `r` only.
fn reader(server: &GReader) -> Tmux {
    let mut tmux = Tmux::new(&format!(
        "[fetch]\ntimeout = 5\n\n[sync]\nserver = \"greader\"\nurl = \"{}\"\n\
         username = \"alice\"\npassword_file = \"password\"\nevery = 0\n",
        server.url()
    ));
    std::fs::write(tmux.root().join("password"), format!("{PASSWORD}\n")).expect("password");
    tmux.start(&[], &[]);
    tmux
}

#[test]
fn the_reader_syncs_counts_what_waits_offline_and_loses_nothing_to_sigkill() {
    let server = GReader::start(Mode::FreshRss);
    let feed = server.add_feed("World", "News");
    let older = server.add_item(feed, "Harbour reopens");
    let newest = server.add_item(feed, "Bridge vote");
    let tmux = reader(&server);
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
    // The failure's message says what waits; it wins over the summary (and its offline
    // mark) when the line cannot hold both, until the next key.
    tmux.wait_until("the offline mark or the failure saying what waits", |s| {
        let status = status_line(s);
        status.contains("offline: no changes waiting")
            || (status.contains("sync failed") && status.contains("0 changes waiting"))
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

#[test]
fn stars_and_feeds_removed_elsewhere_show_in_the_running_reader_at_the_next_sync() {
    let server = GReader::start(Mode::Miniflux);
    let world = server.add_feed("World", "News");
    let lab = server.add_feed("Lab notes", "Science");
    let harbour = server.add_item(world, "Harbour reopens");
    let comet = server.add_item(lab, "Comet seen");
    server.set(harbour, None, Some(true));
    server.set(comet, None, Some(true));
    let tmux = reader(&server);
    let screen = tmux.wait_for("synced: +2 new");
    // The pane: the server's feeds by name, their folders as tags, with counts.
    for row in ["World", "Lab notes", "News", "Science"] {
        assert!(
            screen
                .lines()
                .any(|l| l.contains(&format!("│ {row} ")) && l.contains("1/1")),
            "{row}:\n{screen}"
        );
    }

    // The star of "Comet seen" goes on another device: below the bookmarks, hollow.
    server.set(comet, None, Some(false));
    tmux.keys(&["r"]);
    tmux.wait_for("synced: +0 new · 1 from the server");
    tmux.keys(&["B", "G"]);
    let screen = tmux.wait_until("the un-starred row", |s| {
        list_markers(s, "Comet seen").as_deref() == Some("▌●☆ ")
    });
    assert!(screen.contains("unstarred elsewhere · "), "{screen}");
    assert!(
        status_line(&screen).contains("1 bookmark · 1 unstarred elsewhere"),
        "{screen}"
    );
    assert_eq!(
        list_markers(&screen, "Harbour reopens").as_deref(),
        Some(" ●★ ")
    );
    // b gives it back, and the star goes to the server with the next sync.
    tmux.keys(&["b"]);
    tmux.wait_for("★ bookmarked");
    tmux.keys(&["r"]);
    tmux.wait_for("1 sent");
    assert!(server.item(comet).starred);

    // "Lab notes" is removed on another device: it leaves at the next sync.
    server.remove_feed(lab);
    tmux.keys(&["B", "r"]);
    let screen = tmux.wait_for("1 feed left the server");
    assert!(!screen.contains("Lab notes"), "{screen}");
    assert!(!screen.contains("Science"), "{screen}");
    assert!(
        status_line(&screen).starts_with("1 unread of 1"),
        "{screen}"
    );
    // Its bookmark stays, a saved copy to read.
    tmux.keys(&["B"]);
    let screen = tmux.wait_until("the bookmark", |s| {
        list_markers(s, "Comet seen").is_some_and(|m| m.contains('★'))
    });
    assert!(status_line(&screen).starts_with("2 bookmarks"), "{screen}");
    tmux.keys(&["g", "Enter"]);
    // The saved copy's text is read from the store after the reader shows its heading.
    tmux.wait_until("the saved copy with its text", |s| {
        s.contains("saved copy") && s.contains("The text of Comet seen.")
    });
}
