//! The reader end to end: the real binary in a real terminal, tmux, driven by keys and read
//! back from the screen.
//!
//! Each test has its own tmux server (`tmux -L tidings-e2e-<pid>-<n>`), so tests run in
//! parallel and never touch the user's tmux, and its own temporary folder with an empty config
//! (defaults) and data dir. The server is killed when the test ends, panics included. Screens
//! are polled until the text looked for appears; nothing waits a fixed time.

use std::fs;
use std::process::Command;

use crate::support::tmux::{SESSION, Tmux, list_markers, status_line};

/// The screen's text with every run of white space made one space, for text that wraps.
fn words(screen: &str) -> String {
    screen.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether the list shows the article as unread; false while it is not on screen.
fn shows_unread(screen: &str, title_start: &str) -> bool {
    list_markers(screen, title_start).is_some_and(|m| m.contains('●'))
}

/// Whether the list shows the article as read; false while it is not on screen.
fn shows_read(screen: &str, title_start: &str) -> bool {
    list_markers(screen, title_start).is_some_and(|m| !m.contains('●'))
}

/// Whether the status line starts with `text` followed by a space or its end.
fn status_starts(screen: &str, text: &str) -> bool {
    status_line(screen)
        .strip_prefix(text)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

/// The first characters of a title, as the list shows them before truncating.
fn start_of(title: &str) -> String {
    title.chars().take(24).collect()
}

/// Pane titles as the borders draw them.
const NAV: &str = "╭ Feeds & tags ";
const ARTICLES: &str = "╭ Articles ";
const READER: &str = "╭ Reader ";
const BOOKMARKS: &str = "╭ Bookmarks ";

// ---------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------

#[test]
fn a_bookmark_made_in_the_reader_survives_a_restart() {
    let tmux = Tmux::started(&[], &[]);
    let third = tmux.cli_titles(&[])[2].clone();
    tmux.wait_for(ARTICLES);
    tmux.keys(&["j", "j", "Enter"]);
    tmux.keys(&["b"]);
    tmux.wait_until("the status to say bookmarked", |s| {
        status_line(s).contains(&format!("★ bookmarked “{third}”"))
    });
    tmux.quit();

    tmux.restart(&[]);
    tmux.wait_for(ARTICLES);
    tmux.keys(&["B"]);
    tmux.wait_until("the bookmark listed, alone", |s| {
        s.contains(BOOKMARKS)
            && list_markers(s, &start_of(&third)).is_some_and(|m| m.contains('★'))
            && status_starts(s, "1 bookmark")
    });
    tmux.quit();

    let listed = tmux.cli(&["bookmarks"]);
    assert_eq!(listed.lines().count(), 1, "{listed}");
    assert!(listed.contains(&third), "{listed}");
}

#[test]
fn an_opened_article_is_still_read_after_a_restart() {
    let tmux = Tmux::started(&[], &[]);
    let titles = tmux.cli_titles(&[]);
    let (opened, other) = (start_of(&titles[1]), start_of(&titles[2]));
    tmux.wait_until("both unread at first", |s| {
        shows_unread(s, &opened) && shows_unread(s, &other)
    });
    tmux.keys(&["j", "Enter"]);
    tmux.wait_until("the opened article to lose its dot", |s| {
        shows_read(s, &opened)
    });
    tmux.quit();

    tmux.restart(&[]);
    tmux.wait_until("the opened article read, the next one not", |s| {
        shows_read(s, &opened) && shows_unread(s, &other)
    });
    tmux.quit();
    assert_eq!(tmux.cli_titles(&["--unread"]).len(), titles.len() - 1);
}

#[test]
fn a_bookmark_survives_kill_9() {
    let tmux = Tmux::started(&[], &[]);
    let first = tmux.cli_titles(&[])[0].clone();
    tmux.wait_for(ARTICLES);
    tmux.keys(&["b"]);
    tmux.wait_for("bookmarked");
    let pid = tmux.tidings_pid();
    let killed = Command::new("kill")
        .args(["-9", &pid])
        .status()
        .expect("run kill");
    assert!(killed.success(), "kill -9 {pid}");
    assert_eq!(tmux.wait_exit(), 128 + 9, "killed by signal 9");

    tmux.restart(&[]);
    tmux.wait_for(ARTICLES);
    tmux.keys(&["B"]);
    tmux.wait_until("the bookmark listed", |s| {
        s.contains(BOOKMARKS)
            && list_markers(s, &start_of(&first)).is_some_and(|m| m.contains('★'))
            && status_starts(s, "1 bookmark")
    });
    tmux.quit();
    assert!(tmux.cli(&["bookmarks"]).contains(&first));
}

#[test]
fn the_screen_follows_resizes() {
    let tmux = Tmux::started(&[], &[]);
    tmux.wait_until("all three panes", |s| {
        s.contains(NAV) && s.contains(ARTICLES) && s.contains(READER)
    });

    tmux.resize(60, 20);
    let screen = tmux.wait_until("one pane, the list", |s| {
        s.contains(ARTICLES) && !s.contains(READER) && !s.contains(NAV)
    });
    assert!(screen.lines().all(|l| l.chars().count() <= 60), "{screen}");
    tmux.keys(&["Enter"]);
    tmux.wait_until("one pane, the reader", |s| {
        s.contains(READER) && !s.contains(ARTICLES)
    });

    tmux.resize(20, 5);
    tmux.wait_until("the too-small notice", |s| {
        words(s).contains("needs a terminal of at least 30×8")
    });

    tmux.resize(120, 40);
    tmux.wait_until("all three panes again", |s| {
        s.contains(NAV) && s.contains(ARTICLES) && s.contains(READER)
    });
    tmux.quit();
}

#[test]
fn escape_sequences_in_an_article_reach_neither_screen_nor_title_nor_clipboard() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("evil.txt");
    fs::write(
        &file,
        "Evil \x1b]0;pwned-title\x07 headline \x1b[2J\n\n\
         Clipboard \x1b]52;c;aGk=\x07 grab and \x1b[31mred text\x1b[0m here.\n\n\
         Tags: Hostile\n",
    )
    .expect("write the fixture");
    let file = file.to_str().expect("a UTF-8 path");
    // The pane gets a known title, and OSC 52 would fill tmux's buffers, before tidings draws.
    let tmux = Tmux::started(
        &[file],
        &[
            &["select-pane", "-t", SESSION, "-T", "clean"],
            &["set-option", "-g", "set-clipboard", "on"],
        ],
    );
    // The sanitizer drops ESC and BEL and keeps the rest; the `[2J` did not clear the screen.
    tmux.wait_until("the article drawn with its escapes removed", |s| {
        let text = words(s);
        text.contains("Evil ]0;pwned-title headline [2J")
            && text.contains("Clipboard ]52;c;aGk= grab and [31mred text[0m here.")
            && s.contains(ARTICLES)
            && s.contains(READER)
            && status_starts(s, "1 unread of 1")
    });
    assert_eq!(tmux.display("#{pane_title}"), "clean");
    assert!(!tmux.display("#{window_name}").contains("pwned"));
    assert_eq!(
        tmux.run(&["list-buffers"]),
        "",
        "no clipboard write reached tmux"
    );
    tmux.quit();
    assert_eq!(tmux.display("#{pane_title}"), "clean");
}

#[test]
fn help_overlay_opens_with_question_mark_and_any_key_closes_it() {
    let tmux = Tmux::started(&[], &[]);
    tmux.wait_for(ARTICLES);
    tmux.keys(&["?"]);
    tmux.wait_until("the help overlay", |s| {
        s.contains("╭ Keys ")
            && s.contains("any key closes")
            && s.contains("bookmark / unbookmark the article")
    });
    tmux.keys(&["x"]);
    tmux.wait_until("the overlay to close", |s| {
        !s.contains("any key closes") && s.contains(ARTICLES)
    });
    // The key that closed the overlay did nothing else: q still quits.
    tmux.quit();
}

/// A binding that takes the only key of an action: the reader starts, and says so in the
/// status line.
#[test]
fn an_action_left_without_a_key_is_said_at_start() {
    let mut tmux = Tmux::new("[keys]\nnext_unread = [\"n\"]\n");
    tmux.start(&[], &[]);
    tmux.wait_until("the warning in the status line", |s| {
        s.contains(ARTICLES)
            && status_line(s).ends_with(
                "next match has no key: n went to next unread · see tidings check-config",
            )
    });
    tmux.quit();
}

#[test]
fn search_narrows_the_list_as_you_type() {
    let tmux = Tmux::started(&[], &[]);
    let word = "laundromat";
    let found = tmux.cli_titles(&["--search", word]);
    assert_eq!(found.len(), 1, "one sample mentions {word}");
    tmux.wait_for(ARTICLES);
    tmux.keys(&["/"]);
    tmux.type_text(word);
    tmux.wait_until("the count while typing", |s| {
        let status = status_line(s);
        status.starts_with(&format!("/{word}")) && status.contains("1 found")
    });
    tmux.keys(&["Enter"]);
    tmux.wait_until("the kept search in the status line", |s| {
        status_starts(s, &format!("1 unread of 1 · search: {word}"))
            && list_markers(s, &start_of(&found[0])).is_some()
    });
    tmux.quit();
}
