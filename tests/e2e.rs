//! The reader end to end: the real binary in a real terminal, tmux, driven by keys and read
//! back from the screen.
//!
//! Each test has its own tmux server (`tmux -L tidings-e2e-<pid>-<n>`), so tests run in
//! parallel and never touch the user's tmux, and its own temporary folder with an empty config
//! (defaults) and data dir. The server is killed when the test ends, panics included. Screens
//! are polled until the text looked for appears; nothing waits a fixed time.

use std::cell::Cell;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use tempfile::TempDir;

const TIMEOUT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(50);
const SESSION: &str = "tidings";

// ---------------------------------------------------------------------------------------
// A tmux server running tidings
// ---------------------------------------------------------------------------------------

/// One private tmux server with one pane that runs tidings; killed on drop.
struct Tmux {
    socket: String,
    dir: TempDir,
    /// How many times tidings was started in the pane.
    runs: Cell<usize>,
    /// The server's socket file, removed on drop.
    socket_path: Option<PathBuf>,
}

impl Tmux {
    /// A new server whose pane runs `tidings ARGS` at 120×40, with `extra` tmux commands run
    /// in the same call, before the pane's first output is read.
    fn start(args: &[&str], extra: &[&[&str]]) -> Self {
        require_tmux();
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = tempfile::tempdir().expect("a temporary folder");
        fs::write(dir.path().join("config.toml"), "").expect("write the empty config");
        let mut tmux = Self {
            socket: format!("tidings-e2e-{}-{n}", std::process::id()),
            dir,
            runs: Cell::new(0),
            socket_path: None,
        };
        let mut command: Vec<String> =
            ["new-session", "-d", "-s", SESSION, "-x", "120", "-y", "40"]
                .map(String::from)
                .to_vec();
        command.extend(tmux.env_flags());
        command.push("--".into());
        command.extend(tmux.tidings_argv(args));
        // The pane stays after tidings exits, so its end can be seen and it can be restarted.
        for more in [&["set-option", "-g", "remain-on-exit", "on"][..]]
            .iter()
            .chain(extra)
        {
            command.push(";".into());
            command.extend(more.iter().map(|s| s.to_string()));
        }
        tmux.run(&command);
        tmux.socket_path = Some(tmux.display("#{socket_path}").into());
        tmux
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn config(&self) -> PathBuf {
        self.root().join("config.toml")
    }

    fn data_dir(&self) -> PathBuf {
        self.root().join("data")
    }

    fn env_flags(&self) -> Vec<String> {
        vec![
            "-e".into(),
            format!("TIDINGS_DATA_DIR={}", self.data_dir().display()),
            "-e".into(),
            format!("TIDINGS_CONFIG={}", self.config().display()),
        ]
    }

    /// A shell that runs `tidings ARGS`, then writes how it ended, with the number of this run,
    /// on the screen and stays until the pane is restarted. (tmux's `#{pane_dead_status}` is
    /// not relied on: tmux 3.3a sometimes never reaps the pane's process and leaves it empty,
    /// and what a process writes just before it exits can be lost.)
    fn tidings_argv(&self, args: &[&str]) -> Vec<String> {
        self.runs.set(self.runs.get() + 1);
        let mut argv: Vec<String> = vec![
            "sh".into(),
            "-c".into(),
            r#""$@"; echo "[tidings run $0 exited with status $?]"; read _"#.into(),
            self.runs.get().to_string(),
            env!("CARGO_BIN_EXE_tidings").into(),
        ];
        argv.extend(args.iter().map(|s| s.to_string()));
        argv
    }

    fn tmux(&self) -> Command {
        let mut command = Command::new("tmux");
        command
            .args(["-u", "-L", &self.socket, "-f", "/dev/null"])
            .env_remove("TMUX")
            .env_remove("TIDINGS_CONFIG")
            .env_remove("TIDINGS_DATA_DIR")
            .env("HOME", self.root())
            .env("XDG_CONFIG_HOME", self.root().join(".config"))
            .env("XDG_DATA_HOME", self.root().join(".local/share"))
            .env("SHELL", "/bin/sh")
            .env("LANG", "C.UTF-8")
            .env("TERM", "xterm-256color");
        command
    }

    /// Runs a tmux command that must succeed; returns its stdout.
    fn run<S: AsRef<str>>(&self, args: &[S]) -> String {
        let args: Vec<&str> = args.iter().map(AsRef::as_ref).collect();
        let output = self.tmux().args(&args).output().expect("run tmux");
        checked(&format!("tmux {args:?}"), output)
    }

    /// A tmux format of the pane, such as `#{pane_title}`.
    fn display(&self, format: &str) -> String {
        self.run(&["display-message", "-p", "-t", SESSION, format])
            .trim_end_matches('\n')
            .to_string()
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", SESSION])
    }

    /// Sends keys by tmux name: `j`, `Enter`, `Escape`, `?`.
    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", SESSION];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    /// Types text literally.
    fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", SESSION, "-l", text]);
    }

    fn resize(&self, width: u16, height: u16) {
        self.run(&[
            "resize-window",
            "-t",
            SESSION,
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
        ]);
    }

    /// Polls the screen until `done` holds; panics with the last screen after the timeout.
    fn wait_until(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let screen = self.screen();
            if done(&screen) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!(
                    "timed out after {TIMEOUT:?} waiting for {what}; the screen:\n{screen}\n\
                     (pane dead: {})",
                    self.display("#{pane_dead}")
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until `text` is on the screen.
    fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |screen| screen.contains(text))
    }

    /// Waits until the current run of tidings has exited; returns its exit status as the
    /// shell saw it (128 + N for signal N).
    fn wait_exit(&self) -> u8 {
        let marker = format!("[tidings run {} exited with status ", self.runs.get());
        let screen = self.wait_for(&marker);
        let rest = &screen[screen.find(&marker).expect("the marker") + marker.len()..];
        let status = &rest[..rest.find(']').expect("the end of the marker")];
        status.parse().expect("a numeric exit status")
    }

    /// Presses `q` and waits for a clean exit.
    fn quit(&self) {
        self.keys(&["q"]);
        assert_eq!(self.wait_exit(), 0, "tidings exits with status 0");
    }

    /// Starts tidings again in the pane, with the same config and data dir.
    fn restart(&self, args: &[&str]) {
        let mut command: Vec<String> = vec![
            "respawn-pane".into(),
            "-k".into(),
            "-t".into(),
            SESSION.into(),
        ];
        command.extend(self.env_flags());
        command.push("--".into());
        command.extend(self.tidings_argv(args));
        self.run(&command);
    }

    /// The pid of the tidings in the pane: the one child of the pane's shell.
    fn tidings_pid(&self) -> String {
        let shell = self.display("#{pane_pid}");
        let children = Command::new("pgrep")
            .args(["-P", &shell])
            .output()
            .expect("run pgrep");
        let children = String::from_utf8(children.stdout).expect("UTF-8");
        let pids: Vec<&str> = children.split_whitespace().collect();
        assert_eq!(
            pids.len(),
            1,
            "the pane's shell {shell} has children {pids:?}"
        );
        let name = Command::new("ps")
            .args(["-o", "comm=", "-p", pids[0]])
            .output()
            .expect("run ps");
        let name = String::from_utf8(name.stdout).expect("UTF-8");
        assert_eq!(name.trim(), "tidings", "pid {} runs {name:?}", pids[0]);
        pids[0].to_string()
    }

    /// Runs the CLI with this test's config and data dir.
    fn cli(&self, args: &[&str]) -> String {
        let output = Command::new(env!("CARGO_BIN_EXE_tidings"))
            .args(args)
            .env("TIDINGS_CONFIG", self.config())
            .env("TIDINGS_DATA_DIR", self.data_dir())
            .env("HOME", self.root())
            .env("XDG_CONFIG_HOME", self.root().join(".config"))
            .env("XDG_DATA_HOME", self.root().join(".local/share"))
            .output()
            .expect("run tidings");
        checked(&format!("tidings {args:?}"), output)
    }

    /// Titles of `tidings list --json ARGS`, in list order.
    fn cli_titles(&self, args: &[&str]) -> Vec<String> {
        let mut all = vec!["list", "--json"];
        all.extend_from_slice(args);
        let json: serde_json::Value =
            serde_json::from_str(&self.cli(&all)).expect("list --json is JSON");
        json.as_array()
            .expect("an array")
            .iter()
            .map(|a| a["title"].as_str().expect("a title").to_string())
            .collect()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux().arg("kill-server").output();
        if let Some(path) = &self.socket_path {
            let _ = fs::remove_file(path);
        }
    }
}

fn require_tmux() {
    match Command::new("tmux").arg("-V").output() {
        Ok(output) if output.status.success() => {}
        _ => panic!(
            "the end-to-end tests need tmux on PATH: install it (apt-get install tmux, \
             brew install tmux); they are not skipped without it"
        ),
    }
}

fn checked(what: &str, output: Output) -> String {
    assert!(
        output.status.success(),
        "{what} failed ({}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// The screen's text with every run of white space made one space, for text that wraps.
fn words(screen: &str) -> String {
    screen.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The status line: the last line with text.
fn status_line(screen: &str) -> &str {
    screen
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
}

/// The markers of the list row whose title starts with `title_start`: selection bar, unread
/// dot, bookmark star and a space, as in `│▌●★ Title`; `None` while no such row is on screen.
/// The reader's heading, which shows the same title, has no markers and is not matched.
fn list_markers(screen: &str, title_start: &str) -> Option<String> {
    screen.lines().find_map(|line| {
        line.match_indices(title_start).find_map(|(at, _)| {
            let before: Vec<char> = line[..at].chars().rev().take(5).collect();
            match before[..] {
                [' ', star, dot, bar, '│']
                    if matches!(star, '★' | '…' | ' ')
                        && matches!(dot, '●' | ' ')
                        && matches!(bar, '▌' | ' ') =>
                {
                    Some([bar, dot, star, ' '].iter().collect())
                }
                _ => None,
            }
        })
    })
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
const TAGS: &str = "╭ Tags ";
const ARTICLES: &str = "╭ Articles ";
const READER: &str = "╭ Reader ";
const BOOKMARKS: &str = "╭ Bookmarks ";

// ---------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------

#[test]
fn a_bookmark_made_in_the_reader_survives_a_restart() {
    let tmux = Tmux::start(&[], &[]);
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
    let tmux = Tmux::start(&[], &[]);
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
    let tmux = Tmux::start(&[], &[]);
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
    let tmux = Tmux::start(&[], &[]);
    tmux.wait_until("all three panes", |s| {
        s.contains(TAGS) && s.contains(ARTICLES) && s.contains(READER)
    });

    tmux.resize(60, 20);
    let screen = tmux.wait_until("one pane, the list", |s| {
        s.contains(ARTICLES) && !s.contains(READER) && !s.contains(TAGS)
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
        s.contains(TAGS) && s.contains(ARTICLES) && s.contains(READER)
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
    let tmux = Tmux::start(
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
            && status_starts(s, "1 of 1")
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
    let tmux = Tmux::start(&[], &[]);
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

#[test]
fn search_narrows_the_list_as_you_type() {
    let tmux = Tmux::start(&[], &[]);
    let word = "laundromat";
    let total = tmux.cli_titles(&[]).len();
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
        status_starts(s, &format!("1 of {total} · search: {word}"))
            && list_markers(s, &start_of(&found[0])).is_some()
    });
    tmux.quit();
}
