//! Moving in from other readers: their subscriptions, saved queries, killfiles, and the
//! articles they keep with their read marks and stars, read from their files
//! (`newsboat`, `newsraft`) into one [`Import`] the store takes in one transaction.

pub mod newsboat;
pub mod newsraft;

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde::Serialize;

use crate::model::TagKey;
use crate::store::{Arrived, Import};

/// Another reader's files: its list of feeds, its database of articles, its config.
#[derive(Debug, Clone, Default)]
pub struct Files {
    pub feeds: Option<PathBuf>,
    pub database: Option<PathBuf>,
    pub config: Option<PathBuf>,
}

/// What another reader's files hold, ready to store, and what the import says besides.
#[derive(Default)]
pub struct MoveIn {
    pub import: Import,
    /// Articles made ready while the import writes the others.
    pub pending: Option<Pending>,
    /// What is not brought, a line each.
    pub left_out: Vec<String>,
    /// What a person should know of what is brought, a line each.
    pub notes: Vec<String>,
}

/// What an import brings, counted as `--json` gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub feeds: usize,
    pub tags: usize,
    pub articles: usize,
    pub read: usize,
    pub bookmarked: usize,
    pub queries: usize,
    pub rules: usize,
    pub left_out: Vec<String>,
}

/// Articles still to be made ready, on another thread while the import writes: how many
/// there are, and the work that makes them.
pub struct Pending {
    /// Every article, hidden ones too.
    pub total: usize,
    pub shown: usize,
    pub read: usize,
    pub bookmarked: usize,
    pub make: MakeReady,
}

/// The work that makes pending articles ready, handing each to the function it is given.
pub type MakeReady = Box<dyn FnOnce(&mut dyn FnMut(Arrived)) + Send>;

impl Summary {
    pub fn of(move_in: &MoveIn) -> Summary {
        let (shown, read, bookmarked) = move_in
            .pending
            .as_ref()
            .map_or((0, 0, 0), |p| (p.shown, p.read, p.bookmarked));
        let import = &move_in.import;
        let tags: BTreeSet<TagKey> = import
            .feeds
            .iter()
            .flat_map(|feed| feed.tags.iter().map(|tag| TagKey::of(tag)))
            .collect();
        Summary {
            feeds: import.feeds.len(),
            tags: tags.len(),
            articles: shown + import.articles.iter().filter(|a| !a.hidden).count(),
            read: read
                + import
                    .articles
                    .iter()
                    .filter(|a| a.read && !a.hidden)
                    .count(),
            bookmarked: bookmarked
                + import
                    .articles
                    .iter()
                    .filter(|a| a.starred.is_some())
                    .count(),
            queries: import.queries.len(),
            rules: import.rules.len(),
            left_out: move_in.left_out.clone(),
        }
    }

    /// `imported 24 feeds (7 tags), 3,512 articles (3,390 read, 12 bookmarked), 2 queries,
    /// 1 rule`, after `verb`.
    pub fn describe(&self, verb: &str) -> String {
        let count = |n: usize, one: &str, many: &str| {
            format!("{} {}", grouped(n), if n == 1 { one } else { many })
        };
        format!(
            "{verb} {} ({}), {} ({} read, {} bookmarked), {}, {}",
            count(self.feeds, "feed", "feeds"),
            count(self.tags, "tag", "tags"),
            count(self.articles, "article", "articles"),
            grouped(self.read),
            grouped(self.bookmarked),
            count(self.queries, "query", "queries"),
            count(self.rules, "rule", "rules"),
        )
    }
}

/// Whether newsboat's (or another reader's) flag letters make a bookmark: any letter when
/// `wanted` is `None`, else one of `wanted`.
pub fn flagged(flags: &str, wanted: Option<&str>) -> bool {
    let flags = flags.trim();
    match wanted {
        None => !flags.is_empty(),
        Some(wanted) => flags.chars().any(|flag| wanted.contains(flag)),
    }
}

/// A number with its thousands apart: 3,512.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (at, digit) in digits.chars().enumerate() {
        if at > 0 && (digits.len() - at).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// A text column of another reader's database as text, whatever it wrote there: UTF-8 as it
/// is, else (the text of a feed it did not convert) read as Windows-1252; NULL as empty.
pub fn column_text(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<String> {
    let bytes = match row.get_ref(at)? {
        rusqlite::types::ValueRef::Null => return Ok(String::new()),
        rusqlite::types::ValueRef::Text(bytes) | rusqlite::types::ValueRef::Blob(bytes) => bytes,
        rusqlite::types::ValueRef::Integer(n) => return Ok(n.to_string()),
        rusqlite::types::ValueRef::Real(x) => return Ok(x.to_string()),
    };
    Ok(match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    })
}

/// A time another reader kept in seconds since 1970 (0: none), as an HTTP date: what a
/// server's `Last-Modified` said, asked back with `If-Modified-Since`.
pub fn http_date(seconds: i64) -> Option<String> {
    (seconds > 0)
        .then(|| chrono::DateTime::from_timestamp(seconds, 0))
        .flatten()
        .map(|at| at.format("%a, %d %b %Y %H:%M:%S GMT").to_string())
}

/// What a person should know of a feed with more articles than `keep_per_feed` (0: no
/// limit), if it has: the next refresh would prune them.
pub fn keep_per_feed_note(source: &str, count: usize, keep_per_feed: u32) -> Option<String> {
    (keep_per_feed > 0 && count > keep_per_feed as usize).then(|| {
        format!(
            "{}: {}, more than keep_per_feed ({keep_per_feed}): the next refresh keeps the \
             newest {keep_per_feed}; set keep_per_feed = 0 in the config first to keep them all",
            crate::sanitize::clean_line(source),
            crate::model::counted(count, "article")
        )
    })
}
