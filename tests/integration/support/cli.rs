//! The CLI test environment: the real binary run in its own temporary folder, with an empty
//! or given config file named by `TIDINGS_CONFIG`, a data dir named by `TIDINGS_DATA_DIR`, and
//! `HOME` and the XDG folders pointed there too, so the developer's own config and bookmarks
//! are never read or written.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use tempfile::TempDir;

/// One isolated home for the binary: config, data dir and fixture files.
pub struct Env {
    dir: TempDir,
}

/// What one run of the binary did.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Self {
        Self {
            code: output.status.code(),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        }
    }
}

impl Env {
    /// An empty config file: the defaults.
    pub fn new() -> Self {
        Self::with_config("")
    }

    pub fn with_config(config: &str) -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        fs::write(dir.path().join("config.toml"), config).expect("write the config");
        Self { dir }
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

    pub fn database(&self) -> PathBuf {
        self.data_dir().join("tidings.db")
    }

    /// Writes a fixture file below the temporary folder, creating its folders.
    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.root().join(relative);
        fs::create_dir_all(path.parent().expect("a parent folder")).expect("create folders");
        fs::write(&path, contents).expect("write a fixture");
        path
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_tidings"));
        command
            .args(args)
            .current_dir(self.root())
            .env_remove("TIDINGS_CONFIG")
            .env_remove("TIDINGS_DATA_DIR")
            .env_remove("TIDINGS_SYNC_PASSWORD")
            .env("TIDINGS_CONFIG", self.config())
            .env("TIDINGS_DATA_DIR", self.data_dir())
            .env("HOME", self.root())
            .env("XDG_CONFIG_HOME", self.root().join(".config"))
            .env("XDG_DATA_HOME", self.root().join(".local/share"))
            .env("NO_COLOR", "1");
        command
    }

    pub fn run(&self, args: &[&str]) -> Run {
        Run::from(self.command(args).output().expect("run tidings"))
    }

    /// Runs a command that must succeed with nothing on stderr; returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let run = self.run(args);
        assert_eq!(run.code, Some(0), "tidings {args:?} failed: {}", run.stderr);
        assert_eq!(run.stderr, "", "tidings {args:?} wrote to stderr");
        run.stdout
    }

    /// Runs a command that must fail at run time (exit 1) with exactly one `error: ` line
    /// and nothing on stdout; returns that line.
    pub fn error(&self, args: &[&str]) -> String {
        let run = self.run(args);
        assert_eq!(
            run.code,
            Some(1),
            "tidings {args:?} should exit 1; stdout: {}; stderr: {}",
            run.stdout,
            run.stderr
        );
        assert_eq!(run.stdout, "", "tidings {args:?} printed to stdout");
        let lines: Vec<&str> = run.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "one stderr line expected: {:?}", run.stderr);
        assert!(
            lines[0].starts_with("error: "),
            "stderr should start with `error: `: {:?}",
            lines[0]
        );
        lines[0].to_string()
    }

    /// Runs a command whose stdout must be one JSON document.
    pub fn json(&self, args: &[&str]) -> Value {
        let stdout = self.ok(args);
        serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {stdout}"))
    }
}
