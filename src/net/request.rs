//! What is asked of the network and what comes back: a request with its validators (a web
//! server's, or a file's stamp), the settings requests are made with, and the outcome,
//! whether fetched from the web or read from a file.

use std::fmt;
use std::time::Duration;

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

/// A feed file's size and modification time, which tell an unchanged file without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    pub size: u64,
    /// Nanoseconds since 1970 (before it, negative).
    pub modified: i64,
}

pub(super) fn failed(message: String) -> Outcome {
    Outcome::Failed(FetchError {
        message,
        lasting: true,
    })
}
