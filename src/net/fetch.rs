//! Fetching: one request, or many on a bounded pool of workers, politely — at most
//! `per_host` requests at once to one host in the whole process, conditional GET,
//! `Retry-After` honoured, at most one retry — with every failure in one line of words for a
//! person. Web addresses go to `http.rs`, files and paths to `file.rs`.

use std::collections::VecDeque;
use std::fmt;
use std::sync::{Mutex, PoisonError};
use std::thread;
use std::time::Duration;

use super::address::{self, Target};
use super::file::{FileStamp, read_file};
use super::{hosts, http};

/// How requests are made; `Default` gives the values a person would want.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchSettings {
    /// Threads of `fetch_all`.
    pub workers: usize,
    /// Never more than this many requests at once to one host, across all callers in the process.
    pub per_host: usize,
    pub connect_timeout: Duration,
    /// The whole request: connecting, redirects, and reading the body.
    pub timeout: Duration,
    pub max_redirects: u32,
    /// The largest body accepted, counted after decompression.
    pub max_bytes: u64,
    pub user_agent: String,
    /// The pause before the one retry of a transient failure.
    pub retry_backoff: Duration,
}

impl Default for FetchSettings {
    fn default() -> Self {
        FetchSettings {
            workers: 8,
            per_host: 2,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_redirects: 5,
            max_bytes: 20 * 1024 * 1024,
            user_agent: format!(
                "tidings/{} (terminal news reader)",
                env!("CARGO_PKG_VERSION")
            ),
            retry_backoff: Duration::from_secs(1),
        }
    }
}

/// One thing to fetch: a web address, a `file://` address or a path, with the validators
/// from the last time it was fetched.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Request {
    pub url: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// A file's stamp when it was last read: the same stamp now means the same file.
    pub file_stamp: Option<FileStamp>,
}

impl Request {
    /// A request with no validators: fetch whatever is there.
    pub fn new(url: impl Into<String>) -> Request {
        Request {
            url: url.into(),
            ..Request::default()
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The body, with the validators and freshness the server sent.
    Fetched {
        body: Vec<u8>,
        etag: Option<String>,
        last_modified: Option<String>,
        fresh_for: Option<Duration>,
        final_url: String,
        /// The `Content-Type` header, for the character set.
        content_type: Option<String>,
        /// The `Content-Location` header: the document's own address, against which a
        /// feed's relative links resolve.
        content_location: Option<String>,
        /// For a file, its stamp as it was read.
        file_stamp: Option<FileStamp>,
    },
    /// 304, or a file with the same stamp: what we have is current.
    NotModified {
        /// The 304's own `max-age` (zero when its `Cache-Control` gives none); `None` when
        /// it has no `Cache-Control`, so that the document's stays in force.
        fresh_for: Option<Duration>,
    },
    /// 429 or 503 with Retry-After (seconds or HTTP date): do not ask again before `until`.
    RetryLater {
        until: chrono::DateTime<chrono::Utc>,
        status: u16,
    },
    Failed(FetchError),
}

/// Why a fetch failed, in one line of words for a person ("HTTP 404 Not Found").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchError {
    pub message: String,
    /// The answer will be the same if asked again: the address names nothing (a 404, a
    /// missing file), or what it names cannot be taken (too large, not valid data). A
    /// timeout, a network or name lookup failure, or a server error may pass.
    pub lasting: bool,
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FetchError {}

/// One request, blocking; at most one retry, after `settings.retry_backoff`, and only for
/// transient failures (connection reset/refused, timeouts, 502/504, 503 without Retry-After);
/// never retries 4xx.
pub fn fetch(settings: &FetchSettings, request: &Request) -> Outcome {
    match address::target(&request.url) {
        Target::Web => fetch_web(&http::fetch_agent(settings), settings, request),
        Target::File(path) => read_file(&path, request, settings.max_bytes),
        Target::Unsupported => failed(format!("not a web address or file: {}", request.url)),
    }
}

/// Fetches every request on `settings.workers` threads and calls `done(index, outcome)` as
/// each finishes (from worker threads); returns when all are done. Respects the per-host
/// limit, and a free worker takes the first waiting request whose host has room, so one busy
/// host does not hold up the others.
pub fn fetch_all(
    settings: &FetchSettings,
    requests: Vec<Request>,
    done: impl Fn(usize, Outcome) + Send + Sync,
) {
    let hosts: Vec<Option<String>> = requests
        .iter()
        .map(|request| match address::target(&request.url) {
            Target::Web => address::host(&request.url),
            Target::File(_) | Target::Unsupported => None,
        })
        .collect();
    let waiting = Mutex::new((0..requests.len()).collect::<VecDeque<usize>>());
    let agent = http::fetch_agent(settings);
    let next = || {
        let mut waiting = waiting.lock().unwrap_or_else(PoisonError::into_inner);
        let with_room = hosts::first_with_room(
            waiting.iter().map(|&index| hosts[index].as_deref()),
            settings.per_host,
        );
        waiting.remove(with_room.unwrap_or(0))
    };
    let workers = settings.workers.clamp(1, requests.len().max(1));
    thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while let Some(index) = next() {
                    let request = &requests[index];
                    let outcome = match address::target(&request.url) {
                        Target::Web => fetch_web(&agent, settings, request),
                        Target::File(_) | Target::Unsupported => fetch(settings, request),
                    };
                    done(index, outcome);
                }
            });
        }
    });
}

fn fetch_web(agent: &ureq::Agent, settings: &FetchSettings, request: &Request) -> Outcome {
    let first = http::attempt(agent, settings, request);
    if !first.transient {
        return first.outcome;
    }
    thread::sleep(settings.retry_backoff);
    http::attempt(agent, settings, request).outcome
}

pub(super) fn failed(message: String) -> Outcome {
    Outcome::Failed(FetchError {
        message,
        lasting: true,
    })
}
