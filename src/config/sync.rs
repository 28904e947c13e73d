//! The `[sync]` section of the config, and the password it names: read from a file, the first
//! line of a command's output or `TIDINGS_SYNC_PASSWORD`, and never shown anywhere.

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde::Deserialize;

use super::Bounded;
use crate::net;

/// The environment variable that gives the password in place of the config.
pub const PASSWORD_VARIABLE: &str = "TIDINGS_SYNC_PASSWORD";

/// A feed server to sync with.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "RawSync")]
pub struct SyncConfig {
    /// The API's address, without a final slash: `https://rss.example.com/api/greader.php`.
    pub url: String,
    pub username: String,
    pub password: PasswordSource,
    /// Minutes between syncs while the reader runs; 0: only when asked (`r`).
    pub every: u16,
}

/// Where the password comes from (the environment variable wins over both).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasswordSource {
    File(PathBuf),
    Command(String),
    /// Neither is set: only the environment variable can give it.
    Environment,
}

/// The section as written, checked by `TryFrom`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSync {
    server: ServerKind,
    url: SyncUrl,
    username: String,
    #[serde(default)]
    password_file: Option<PathBuf>,
    #[serde(default)]
    password_command: Option<String>,
    #[serde(default = "default_every")]
    every: Bounded<0, 1440>,
}

/// The API's address, checked where it is written, so that an error points at it.
struct SyncUrl(String);

impl<'de> Deserialize<'de> for SyncUrl {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;

        let written = String::deserialize(deserializer)?;
        let url = written.trim().trim_end_matches('/').to_string();
        let authority = url.split_once("://").map_or(url.as_str(), |(_, rest)| rest);
        if authority.split('/').next().unwrap_or("").contains('@') {
            return Err(D::Error::custom(
                "the sync url holds a user name or password: give them as username and \
                 password_file instead, so that they are never shown",
            ));
        }
        if !net::is_web(&url) || url.contains(char::is_whitespace) {
            return Err(D::Error::custom(format!(
                "sync url \"{}\" is not a web address: give the API's address, such as \
                 https://rss.example.com/api/greader.php",
                crate::sanitize::clean_line(&written)
            )));
        }
        Ok(Self(url))
    }
}

/// The APIs tidings speaks: only the Google Reader API so far.
#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum ServerKind {
    Greader,
}

fn default_every() -> Bounded<0, 1440> {
    Bounded(15)
}

impl TryFrom<RawSync> for SyncConfig {
    type Error = String;

    fn try_from(raw: RawSync) -> Result<Self, String> {
        let ServerKind::Greader = raw.server;
        let SyncUrl(url) = raw.url;
        if raw.username.trim().is_empty() {
            return Err("sync username is empty".to_string());
        }
        let password = match (raw.password_file, raw.password_command) {
            (Some(_), Some(_)) => {
                return Err(
                    "give the sync password as password_file or password_command, not both"
                        .to_string(),
                );
            }
            (Some(file), None) => PasswordSource::File(file),
            (None, Some(command)) => PasswordSource::Command(command),
            (None, None) => PasswordSource::Environment,
        };
        Ok(Self {
            url,
            username: raw.username.trim().to_string(),
            password,
            every: raw.every.0,
        })
    }
}

impl SyncConfig {
    /// Makes a relative password file relative to the config's folder (`base`), and expands `~/`.
    pub fn resolve_paths(&mut self, resolve: impl Fn(&Path) -> PathBuf) {
        if let PasswordSource::File(file) = &mut self.password {
            *file = resolve(file);
        }
    }

    /// The server as messages name it: its host, and its port when it is not the scheme's own.
    pub fn host(&self) -> String {
        net::server(&self.url).unwrap_or_else(|| self.url.clone())
    }

    /// Reads the password: `TIDINGS_SYNC_PASSWORD`, else the file, else the command. The
    /// error names where it looked, never what it found.
    pub fn password(&self) -> Result<Password, String> {
        if let Some(value) = std::env::var_os(PASSWORD_VARIABLE) {
            let value = value.to_string_lossy();
            return first_line(&value)
                .ok_or_else(|| format!("{PASSWORD_VARIABLE} is set but empty"));
        }
        match &self.password {
            PasswordSource::File(file) => {
                let text = std::fs::read_to_string(file).map_err(|e| {
                    format!(
                        "cannot read the sync password file {}: {}",
                        file.display(),
                        crate::net::io_words(&e)
                    )
                })?;
                first_line(&text)
                    .ok_or_else(|| format!("the sync password file {} is empty", file.display()))
            }
            PasswordSource::Command(command) => run_password_command(command),
            PasswordSource::Environment => Err(format!(
                "no sync password: set password_file or password_command in [sync], or \
                 {PASSWORD_VARIABLE}"
            )),
        }
    }
}

/// The first line of a command's output. Its stderr goes to ours (a password manager may
/// ask for a passphrase there); its output is never shown.
fn run_password_command(command: &str) -> Result<Password, String> {
    let output = Command::new("sh")
        .args(["-c", command])
        .stdin(Stdio::inherit())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run the sync password_command: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "the sync password_command failed ({})",
            output.status
        ));
    }
    first_line(&String::from_utf8_lossy(&output.stdout))
        .ok_or_else(|| "the sync password_command printed nothing".to_string())
}

fn first_line(text: &str) -> Option<Password> {
    let line = text.lines().next()?.trim_end_matches('\r');
    (!line.is_empty()).then(|| Password(line.to_string()))
}

/// The server's API password. It has no `Display`, and its `Debug` hides it, so that it cannot
/// reach a message by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    /// The password, to send in the login request and nowhere else.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(…)")
    }
}

#[cfg(test)]
#[path = "sync_tests.rs"]
mod tests;
