//! A private tmux server whose pane runs the real tidings, for the end-to-end tests: keys in,
//! screen out, polled until what is looked for appears (nothing waits a fixed time), killed
//! when the test ends, panics included.

use std::cell::Cell;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// Generous: a refresh on a busy 2-core machine, with a retry after a refused connection.
const TIMEOUT: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(50);
pub const SESSION: &str = "tidings";

/// One private tmux server with one pane that runs tidings; killed on drop.
pub struct Tmux {
    socket: String,
    dir: TempDir,
    /// How many times tidings was started in the pane.
    runs: Cell<usize>,
    /// The server's socket file, removed on drop.
    socket_path: Option<PathBuf>,
    /// More `NAME=value` for tidings's environment (see `set_env`).
    env: Vec<String>,
}

impl Tmux {
    /// A temporary home with this config; tidings is not started yet (see `start`), so the
    /// CLI can prepare the data dir first.
    pub fn new(config: &str) -> Self {
        require_tmux();
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = tempfile::tempdir().expect("a temporary folder");
        fs::write(dir.path().join("config.toml"), config).expect("write the config");
        Self {
            socket: format!("tidings-e2e-{}-{n}", std::process::id()),
            dir,
            runs: Cell::new(0),
            socket_path: None,
            env: Vec::new(),
        }
    }

    /// Sets `name` to `value` in the environment of every tidings started from now on in
    /// the pane (not of `cli`).
    pub fn set_env(&mut self, name: &str, value: &str) {
        self.env.push(format!("{name}={value}"));
    }

    /// A server with the default config whose pane runs `tidings ARGS` (see `start`).
    pub fn started(args: &[&str], extra: &[&[&str]]) -> Self {
        let mut tmux = Self::new("");
        tmux.start(args, extra);
        tmux
    }

    /// Starts the server, its pane running `tidings ARGS` at 120×40, with `extra` tmux
    /// commands run in the same call, before the pane's first output is read.
    pub fn start(&mut self, args: &[&str], extra: &[&[&str]]) {
        let mut command: Vec<String> =
            ["new-session", "-d", "-s", SESSION, "-x", "120", "-y", "40"]
                .map(String::from)
                .to_vec();
        command.extend(self.env_flags());
        command.push("--".into());
        command.extend(self.tidings_argv(args));
        // The pane stays after tidings exits, so its end can be seen and it can be restarted.
        for more in [&["set-option", "-g", "remain-on-exit", "on"][..]]
            .iter()
            .chain(extra)
        {
            command.push(";".into());
            command.extend(more.iter().map(|s| s.to_string()));
        }
        self.run(&command);
        self.socket_path = Some(self.display("#{socket_path}").into());
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn config(&self) -> PathBuf {
        self.root().join("config.toml")
    }

    pub fn data_dir(&self) -> PathBuf {
        self.root().join("data")
    }

    fn env_flags(&self) -> Vec<String> {
        let mut flags = vec![
            "-e".into(),
            format!("TIDINGS_DATA_DIR={}", self.data_dir().display()),
            "-e".into(),
            format!("TIDINGS_CONFIG={}", self.config().display()),
        ];
        for more in &self.env {
            flags.extend(["-e".to_string(), more.clone()]);
        }
        flags
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
            // From the start of a new line: a killed tidings leaves the cursor anywhere, and
            // a marker wrapped at the right edge would not be found.
            r#""$@"; s=$?; printf '\r\n[tidings run %s exited with status %s]\n' "$0" "$s"; read _"#
                .into(),
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
    pub fn run<S: AsRef<str>>(&self, args: &[S]) -> String {
        let args: Vec<&str> = args.iter().map(AsRef::as_ref).collect();
        let output = self.tmux().args(&args).output().expect("run tmux");
        checked(&format!("tmux {args:?}"), output)
    }

    /// A tmux format of the pane, such as `#{pane_title}`.
    pub fn display(&self, format: &str) -> String {
        self.run(&["display-message", "-p", "-t", SESSION, format])
            .trim_end_matches('\n')
            .to_string()
    }

    pub fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", SESSION])
    }

    /// Sends keys by tmux name: `j`, `Enter`, `Escape`, `?`.
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", SESSION];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    /// Types text literally.
    pub fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", SESSION, "-l", text]);
    }

    pub fn resize(&self, width: u16, height: u16) {
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

    /// Polls the screen until `done` holds on two captures in a row, and returns the second:
    /// a capture can catch a frame half drawn (an overlay's title but not its rows), and what
    /// the test then asserts must be the whole frame. Panics with the last screen after the
    /// timeout.
    pub fn wait_until(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let screen = self.screen();
            if done(&screen) {
                std::thread::sleep(POLL);
                let again = self.screen();
                if done(&again) {
                    return again;
                }
                continue;
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
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |screen| screen.contains(text))
    }

    /// Waits until the current run of tidings has exited; returns its exit status as the
    /// shell saw it (128 + N for signal N).
    pub fn wait_exit(&self) -> u8 {
        let marker = format!("[tidings run {} exited with status ", self.runs.get());
        let screen = self.wait_for(&marker);
        let rest = &screen[screen.find(&marker).expect("the marker") + marker.len()..];
        let status = &rest[..rest.find(']').expect("the end of the marker")];
        status.parse().expect("a numeric exit status")
    }

    /// Presses `q` and waits for a clean exit.
    pub fn quit(&self) {
        self.keys(&["q"]);
        assert_eq!(self.wait_exit(), 0, "tidings exits with status 0");
    }

    /// Starts tidings again in the pane, with the same config and data dir.
    pub fn restart(&self, args: &[&str]) {
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
    pub fn tidings_pid(&self) -> String {
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
    pub fn cli(&self, args: &[&str]) -> String {
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
    pub fn cli_titles(&self, args: &[&str]) -> Vec<String> {
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

pub fn require_tmux() {
    match Command::new("tmux").arg("-V").output() {
        Ok(output) if output.status.success() => {}
        _ => panic!(
            "the end-to-end tests need tmux on PATH: install it (apt-get install tmux, \
             brew install tmux); they are not skipped without it"
        ),
    }
}

pub fn checked(what: &str, output: Output) -> String {
    assert!(
        output.status.success(),
        "{what} failed ({}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// The status line: the last line with text.
pub fn status_line(screen: &str) -> &str {
    screen
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
}

/// The markers of the list row whose title starts with `title_start`: selection bar, unread
/// dot, bookmark star (hollow for one un-starred elsewhere) and a space, as in `│▌●★ Title`;
/// `None` while no such row is on screen.
/// The reader's heading, which shows the same title, has no markers and is not matched.
pub fn list_markers(screen: &str, title_start: &str) -> Option<String> {
    screen.lines().find_map(|line| {
        line.match_indices(title_start).find_map(|(at, _)| {
            let before: Vec<char> = line[..at].chars().rev().take(5).collect();
            match before[..] {
                [' ', star, dot, bar, '│']
                    if matches!(star, '★' | '☆' | '…' | ' ')
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
