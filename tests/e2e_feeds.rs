//! Feeds in the reader end to end: the real binary in tmux, with feeds served over HTTP by
//! a server on loopback inside the test. Subscribe, refresh on start, read, bookmark, see
//! the feeds list, quit; then with the server gone, start again offline.
//!
//! As in tests/e2e.rs: each test has its own tmux server (`tmux -L
//! tidings-e2e-feeds-<pid>-<n>`) and temporary folder, killed and removed when the test
//! ends; screens are polled until the text looked for appears, nothing waits a fixed time.

mod support;

use std::cell::Cell;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use support::http_server::{ServerResponse, TestServer};
use tempfile::TempDir;

/// Generous: a refresh on a busy 2-core machine, with a retry after a refused connection.
const TIMEOUT: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(50);
const SESSION: &str = "tidings";

// ---------------------------------------------------------------------------------------
// A tmux server running tidings (the helpers of tests/e2e.rs)
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
    /// A temporary home with this config; tidings is not started yet (see `start`), so the
    /// CLI can prepare the data dir first.
    fn new(config: &str) -> Self {
        require_tmux();
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = tempfile::tempdir().expect("a temporary folder");
        fs::write(dir.path().join("config.toml"), config).expect("write the config");
        Self {
            socket: format!("tidings-e2e-feeds-{}-{n}", std::process::id()),
            dir,
            runs: Cell::new(0),
            socket_path: None,
        }
    }

    /// Starts the tmux server, its pane running `tidings ARGS` at 120×40.
    fn start(&mut self, args: &[&str]) {
        let mut command: Vec<String> =
            ["new-session", "-d", "-s", SESSION, "-x", "120", "-y", "40"]
                .map(String::from)
                .to_vec();
        command.extend(self.env_flags());
        command.push("--".into());
        command.extend(self.tidings_argv(args));
        // The pane stays after tidings exits, so its end can be seen and it can be restarted.
        command.extend([";", "set-option", "-g", "remain-on-exit", "on"].map(String::from));
        self.run(&command);
        self.socket_path = Some(self.display("#{socket_path}").into());
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

    /// A shell that runs `tidings ARGS`, then writes how it ended, with the number of this
    /// run, on the screen and stays until the pane is restarted.
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

    /// A tmux format of the pane, such as `#{pane_dead}`.
    fn display(&self, format: &str) -> String {
        self.run(&["display-message", "-p", "-t", SESSION, format])
            .trim_end_matches('\n')
            .to_string()
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", SESSION])
    }

    /// Sends keys by tmux name: `j`, `Enter`, `Escape`.
    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", SESSION];
        args.extend_from_slice(keys);
        self.run(&args);
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

    /// Waits until the current run of tidings has exited; returns its exit status.
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

    /// Runs the CLI with this test's config and data dir; it must succeed.
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

/// The status line: the last line with text.
fn status_line(screen: &str) -> &str {
    screen
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
}

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

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/feeds")
        .join(name);
    fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
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
const FEEDS: &str = "╭ Feeds ";
const GAZETTE: [&str; 3] = [
    "Night ferry returns",
    "Market hall clock ticks again",
    "Harbour notes",
];
const LEDGER: &str = "Maintainers & their kitchen table";

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
    tmux.cli(&["feeds", "add", &server.url("/gazette.xml")]);
    tmux.cli(&["feeds", "add", &server.url("/ledger.xml")]);

    tmux.start(&[]);
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
    tmux.wait_until("the failures of the refresh on start", |s| {
        status_line(s).contains("refreshed 2 feeds: +0 new · 2 failed")
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
    tmux.cli(&["feeds", "add", &server.url("/gazette.xml")]);
    tmux.cli(&["feeds", "add", &server.url("/gone.xml"), "--name", "Gone"]);

    tmux.start(&[]);
    tmux.wait_for(ARTICLES);
    assert!(
        server.requests().is_empty(),
        "no refresh on start when it is off"
    );
    tmux.keys(&["r"]);
    tmux.wait_until("the refresh to finish with one failure", |s| {
        status_line(s).contains("refreshed 2 feeds: +3 new · 1 failed")
    });
    tmux.wait_until("the feed's articles listed", |s| {
        GAZETTE.iter().all(|t| s.contains(&start_of(t)))
    });
    tmux.keys(&["F"]);
    tmux.wait_until("the feeds list with the 404 in words", |s| {
        s.contains(FEEDS)
            && s.contains("Harbour Gazette")
            && s.contains("Gone")
            && s.contains("✗ HTTP 404 Not Found")
    });
    tmux.keys(&["Escape"]);
    tmux.wait_until("the feeds list to close", |s| !s.contains(FEEDS));
    tmux.quit();
}

#[test]
fn the_status_line_counts_the_articles_a_refresh_brought() {
    let server = TestServer::start(|_| ServerResponse::ok(fixture("rss2.xml")));
    let mut tmux = Tmux::new("");
    tmux.cli(&["feeds", "add", &server.url("/gazette.xml")]);
    tmux.start(&[]);
    tmux.wait_until("the refresh on start to finish", |s| {
        status_line(s).contains("refreshed 1 feed: +3 new")
    });
    tmux.wait_until("the count of every article shown", |s| {
        status_starts(s, "3 of 3")
    });
    tmux.quit();
}
