//! What is known of each feed between fetches: its validators, its times, its last error,
//! and the hashes that tell an unchanged document or an unchanged name and tags.

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use super::columns::{parse_time, stored_time};
use super::{Store, StoreError};
use crate::net::FileStamp;

/// What is known of a feed between fetches. Times are when something happened, or, for
/// `retry_after` and `fresh_until`, the time before which the feed is not to be fetched again
/// (the server asked to wait; the feed's own ttl or max-age).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedState {
    pub url: String,
    /// The title the feed gives itself.
    pub title: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub last_attempt: Option<DateTime<Utc>>,
    pub last_success: Option<DateTime<Utc>>,
    /// Why the last attempt failed, in words; `None` when it succeeded.
    pub last_error: Option<String>,
    pub retry_after: Option<DateTime<Utc>>,
    pub fresh_until: Option<DateTime<Utc>>,
    /// A hash of the document last read whole, so that the same document is not read again.
    pub content_hash: Option<u64>,
    /// A feed file's size and modification time when it was last read.
    pub file_stamp: Option<FileStamp>,
    /// A hash of the name and tags the feed's articles were last stored under.
    pub source_hash: Option<u64>,
    /// How long the feed's document asks to be left alone (RSS `<ttl>`), as last read: a 304
    /// confirms that document without sending it again.
    pub ttl: Option<Duration>,
    /// The `max-age` of the last answer that carried a `Cache-Control`, which a 304 without
    /// one leaves in force.
    pub max_age: Option<Duration>,
}

impl Store {
    /// The state of every feed fetched at least once, by URL. A stored time that cannot be
    /// read back (only a hand-edited database has such) reads as `None`: as if never recorded,
    /// so the feed is simply fetched again.
    pub fn feed_states(&self) -> Result<HashMap<String, FeedState>, StoreError> {
        let states = self.query_all(
            "SELECT url, title, etag, last_modified, last_attempt, last_success, last_error,
                    retry_after, fresh_until, content_hash, file_size, file_modified,
                    source_hash, ttl, max_age
             FROM feed_state",
            |row| {
                Ok(FeedState {
                    url: row.get(0)?,
                    title: row.get(1)?,
                    etag: row.get(2)?,
                    last_modified: row.get(3)?,
                    last_attempt: read_time(row.get(4)?),
                    last_success: read_time(row.get(5)?),
                    last_error: row.get(6)?,
                    retry_after: read_time(row.get(7)?),
                    fresh_until: read_time(row.get(8)?),
                    content_hash: row.get::<_, Option<i64>>(9)?.map(|hash| hash as u64),
                    file_stamp: match (row.get::<_, Option<i64>>(10)?, row.get(11)?) {
                        (Some(size), Some(modified)) => Some(FileStamp {
                            size: size as u64,
                            modified,
                        }),
                        _ => None,
                    },
                    source_hash: row.get::<_, Option<i64>>(12)?.map(|hash| hash as u64),
                    ttl: read_seconds(row.get(13)?),
                    max_age: read_seconds(row.get(14)?),
                })
            },
        )?;
        Ok(states
            .into_iter()
            .map(|state| (state.url.clone(), state))
            .collect())
    }

    /// Saves the state of `state.url`, replacing what was known of it.
    pub fn save_feed_state(&self, state: &FeedState) -> Result<(), StoreError> {
        self.change(|conn| write_feed_state(conn, state))
    }
}

/// Inserts or replaces the state of `state.url`.
pub(super) fn write_feed_state(conn: &Connection, state: &FeedState) -> rusqlite::Result<()> {
    let mut upsert = conn.prepare_cached(
        "INSERT INTO feed_state (url, title, etag, last_modified, last_attempt, last_success,
                                 last_error, retry_after, fresh_until, content_hash, file_size,
                                 file_modified, source_hash, ttl, max_age)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
         ON CONFLICT (url) DO UPDATE SET
             title = excluded.title, etag = excluded.etag,
             last_modified = excluded.last_modified, last_attempt = excluded.last_attempt,
             last_success = excluded.last_success, last_error = excluded.last_error,
             retry_after = excluded.retry_after, fresh_until = excluded.fresh_until,
             content_hash = excluded.content_hash, file_size = excluded.file_size,
             file_modified = excluded.file_modified, source_hash = excluded.source_hash,
             ttl = excluded.ttl, max_age = excluded.max_age",
    )?;
    upsert.execute(params![
        state.url,
        state.title,
        state.etag,
        state.last_modified,
        state.last_attempt.map(stored_time),
        state.last_success.map(stored_time),
        state.last_error,
        state.retry_after.map(stored_time),
        state.fresh_until.map(stored_time),
        state.content_hash.map(|hash| hash as i64),
        state.file_stamp.map(|stamp| stamp.size as i64),
        state.file_stamp.map(|stamp| stamp.modified),
        state.source_hash.map(|hash| hash as i64),
        state.ttl.map(stored_seconds),
        state.max_age.map(stored_seconds),
    ])?;
    Ok(())
}

/// A duration as whole seconds for the store (a longer one than SQLite holds is as long as
/// it can hold).
fn stored_seconds(duration: Duration) -> i64 {
    i64::try_from(duration.as_secs()).unwrap_or(i64::MAX)
}

/// Seconds read back; a negative number (only a hand-edited database has one) reads as none.
fn read_seconds(seconds: Option<i64>) -> Option<Duration> {
    seconds
        .and_then(|s| u64::try_from(s).ok())
        .map(Duration::from_secs)
}

/// A stored time read back; `None` if absent or unreadable.
fn read_time(text: Option<String>) -> Option<DateTime<Utc>> {
    parse_time(&text?)
}
