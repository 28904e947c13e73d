//! A web page (or a saved HTML file) fetched and read: the fetch, a check that what came is
//! a web page, its character set, and its article.

use chrono::Local;

use super::{Known, Page, find_article};
use crate::isolate::{Part, isolated};
use crate::net::{self, FetchSettings, Outcome, Request};
use crate::source::charset;

/// The largest page read, whatever the feeds' limit: a page of news is well under 1 MB.
pub const MAX_PAGE_BYTES: u64 = 10 * 1024 * 1024;

/// Why a page could not be read: one line of words ("HTTP 404 Not Found", "timed out after
/// 30 s", "not a web page (application/pdf)", "no article found on the page").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub message: String,
    /// The server asked to wait (`Retry-After`): nothing is wrong with the page.
    pub later: bool,
}

impl ReadError {
    fn new(message: String) -> ReadError {
        ReadError {
            message,
            later: false,
        }
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ReadError {}

/// Fetches the page at `address` (a web address, a `file://` address or a path) and finds
/// its article.
pub fn read(settings: &FetchSettings, address: &str, known: Known) -> Result<Page, ReadError> {
    let settings = FetchSettings {
        max_bytes: settings.max_bytes.min(MAX_PAGE_BYTES),
        ..settings.clone()
    };
    match net::fetch(&settings, &Request::new(address)) {
        Outcome::Fetched {
            body,
            final_url,
            content_type,
            ..
        } => {
            check_is_page(&body, content_type.as_deref()).map_err(ReadError::new)?;
            let url = net::is_web(&final_url).then_some(final_url.as_str());
            // Its character set, its article and the body made of it, in one isolated
            // call: a panic in any is this page's error, in words.
            isolated(Part::Page, address, || {
                let text = charset::decode(&body, content_type.as_deref(), url);
                drop(body);
                find_article(&text, url, known)
            })
            .unwrap_or_else(|panicked| Err(panicked.to_string()))
            .map_err(ReadError::new)
        }
        Outcome::NotModified { .. } => Err(ReadError::new("the server sent nothing new".into())),
        Outcome::RetryLater { until, status } => Err(ReadError {
            message: format!(
                "HTTP {status}: the server asked to wait until {}",
                until.with_timezone(&Local).format("%H:%M")
            ),
            later: true,
        }),
        Outcome::Failed(error) => Err(ReadError::new(error.message)),
    }
}

/// Refuses what is not a web page: a type other than HTML (or XHTML), or, without a type,
/// bytes that are not text.
pub fn check_is_page(body: &[u8], content_type: Option<&str>) -> Result<(), String> {
    let media_type = content_type
        .and_then(|value| value.split(';').next())
        .map(|value| value.trim().to_ascii_lowercase())
        .filter(|value| !value.is_empty());
    match media_type.as_deref() {
        Some("text/html" | "application/xhtml+xml") => Ok(()),
        Some(other) => Err(format!(
            "not a web page ({})",
            crate::sanitize::clean_line(other)
        )),
        None if looks_binary(body) => Err("not a web page (its bytes are not text)".to_string()),
        None => Ok(()),
    }
}

/// NUL bytes near the start, or a PDF's signature: not a page of text in any encoding a
/// page is written in (UTF-16 pages start with a byte order mark).
fn looks_binary(body: &[u8]) -> bool {
    let head = &body[..body.len().min(1024)];
    let utf16 = head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]);
    head.starts_with(b"%PDF") || (!utf16 && head.contains(&0))
}
