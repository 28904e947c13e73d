//! The feed behind an address a person pastes: the address itself when it is a feed; else
//! the feeds its page names in `<link rel="alternate">`; else the first of the places sites
//! usually keep one. Read politely, as a refresh reads: one request at a time, with the
//! fetch settings of the config, and at most [`MAX_REQUESTS`] for a page and its usual
//! places.

use chrono::Local;

use crate::net::{self, FetchSettings, Outcome, Request};
use crate::sanitize::clean_line;
use crate::source::discover::{self, Named};
use crate::source::feed::{self, FeedSource, Kind};

/// The page, then its usual places, at most.
pub const MAX_REQUESTS: usize = 8;

/// A feed, read once to say what it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Feed {
    /// The address to subscribe to: as the page or the person gave it, resolved.
    pub url: String,
    /// What the feed calls itself.
    pub title: Option<String>,
    pub kind: Kind,
    pub articles: usize,
}

impl Feed {
    /// `"Title" (Atom, 25 articles)`, or the address when the feed has no title.
    pub fn describe(&self) -> String {
        let name = match &self.title {
            Some(title) => format!("\"{}\"", clean_line(title)),
            None => clean_line(&self.url),
        };
        let articles = match self.articles {
            1 => "1 article".to_string(),
            n => format!("{n} articles"),
        };
        format!("{name} ({}, {articles})", self.kind.name())
    }
}

/// What an address turned out to hold.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// The address is a feed.
    Feed(Feed),
    /// A web page naming these feeds, in its order (not read yet: [`read_feed`] reads one).
    Named(Vec<Named>),
    /// A web page naming none, and a feed at one of the usual places of its site.
    UsualPlace(Feed),
}

/// What `url` holds, or why no feed is there, in one line of words. The usual places are
/// tried only for a web page: an address that is neither a feed nor a page is an error.
pub fn discover(settings: &FetchSettings, url: &str) -> Result<Found, String> {
    let page = fetch(settings, url)?;
    if let Some(kind) = feed::kind(&page.body) {
        return read(&page, url, kind).map(Found::Feed);
    }
    let named = discover::page_feeds(&page.body, page.content_type.as_deref(), &page.final_url)
        .map_err(|not_a_page| format!("{}: not a feed, and {not_a_page}", clean_line(url)))?;
    if !named.is_empty() {
        return Ok(Found::Named(named));
    }
    let places = discover::usual_places(&page.final_url);
    for place in places.iter().take(MAX_REQUESTS - 1) {
        if let Ok(feed) = read_feed(settings, place) {
            return Ok(Found::UsualPlace(feed));
        }
    }
    Err(format!(
        "no feed found at {} (a web page with no feed links)",
        clean_line(url)
    ))
}

/// The feed at `url`, read; an error in words when it cannot be read or is not a feed.
pub fn read_feed(settings: &FetchSettings, url: &str) -> Result<Feed, String> {
    let page = fetch(settings, url)?;
    let kind = feed::kind(&page.body)
        .ok_or_else(|| format!("{}: not a feed (RSS, Atom or JSON Feed)", clean_line(url)))?;
    read(&page, url, kind)
}

/// What came back for one address.
struct Fetched {
    body: Vec<u8>,
    final_url: String,
    content_type: Option<String>,
    content_location: Option<String>,
}

fn fetch(settings: &FetchSettings, url: &str) -> Result<Fetched, String> {
    let failed = |why: String| format!("{}: {}", clean_line(url), clean_line(&why));
    match net::fetch(settings, &Request::new(url)) {
        Outcome::Fetched {
            body,
            final_url,
            content_type,
            content_location,
            ..
        } => Ok(Fetched {
            body,
            final_url,
            content_type,
            content_location,
        }),
        Outcome::RetryLater { until, status } => Err(failed(format!(
            "HTTP {status}: the server asks to wait until {}",
            until.with_timezone(&Local).format("%H:%M")
        ))),
        // Asked without validators, a server has no business answering 304.
        Outcome::NotModified { .. } => Err(failed("the server sent nothing".to_string())),
        Outcome::Failed(error) => Err(failed(error.message)),
    }
}

fn read(page: &Fetched, url: &str, kind: Kind) -> Result<Feed, String> {
    let location = (page.final_url != url).then_some(page.final_url.as_str());
    let source = FeedSource {
        location,
        content_type: page.content_type.as_deref(),
        content_location: page.content_location.as_deref(),
        ..FeedSource::new(url)
    };
    let parsed =
        feed::parse(&page.body, source).map_err(|error| format!("{}: {error}", clean_line(url)))?;
    Ok(Feed {
        url: url.to_string(),
        title: parsed.title.filter(|title| !title.trim().is_empty()),
        kind,
        articles: parsed.articles.len(),
    })
}

#[cfg(test)]
#[path = "discovery_tests.rs"]
mod tests;
