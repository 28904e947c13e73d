//! The queue of local changes for the sync server: every change of read state or a bookmark
//! of a server article is queued by the store function that makes it, in the same
//! transaction ([`queue_mark`]), so that no change is ever made without its entry. An entry
//! leaves the queue only when the server has accepted it; until then it wins over what the
//! server says (see `sync.rs`).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::columns::stored_time;
use super::{Store, StoreError};
use crate::model::ArticleId;

/// The server's stream of every article (Google Reader's name for it): what a change marking
/// everything read names.
pub const READING_LIST: &str = "user/-/state/com.google/reading-list";

/// What a queued change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKind {
    Read,
    Starred,
}

impl MarkKind {
    fn as_str(self) -> &'static str {
        match self {
            MarkKind::Read => "read",
            MarkKind::Starred => "starred",
        }
    }
}

/// A change waiting to be sent, in the order it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queued {
    /// Its place in the queue, to remove it once the server has accepted it.
    pub seq: i64,
    pub change: Change,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The item is now read (or unread), starred (or not): an absolute state.
    Mark { item: i64, kind: MarkKind, on: bool },
    /// Everything in `stream` the server got up to `ts_usec` is read.
    ReadAll { stream: String, ts_usec: i64 },
}

/// Queues a local change of `article` if it is a server item, replacing a change of the same
/// kind still waiting for it. Called by the store's write functions inside their transaction.
pub(super) fn queue_mark(
    conn: &Connection,
    article: &str,
    kind: MarkKind,
    on: bool,
    at: &str,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "DELETE FROM sync_queue WHERE kind = ?2
             AND item = (SELECT item FROM sync_items WHERE article_id = ?1)",
    )?
    .execute(params![article, kind.as_str()])?;
    conn.prepare_cached(
        "INSERT INTO sync_queue (kind, item, value, queued_at)
         SELECT ?2, item, ?3, ?4 FROM sync_items WHERE article_id = ?1",
    )?
    .execute(params![article, kind.as_str(), on, at])?;
    Ok(())
}

/// Queues a mark-all-read of `stream` up to `ts_usec`. Called inside the transaction that
/// marks the articles read one by one (each of which is queued too, for servers that do not
/// know mark-all-read).
fn queue_read_all(conn: &Connection, stream: &str, ts_usec: i64, at: &str) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO sync_queue (kind, value, stream, ts_usec, queued_at)
         VALUES ('read_all', 1, ?1, ?2, ?3)",
    )?
    .execute(params![stream, ts_usec, at])?;
    Ok(())
}

/// What a mark-all-read covers: everything, one feed (by address) or one tag. On the server
/// it becomes a `mark-all-as-read` of the reading list, the feed or the folder of that name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadScope {
    Everything,
    /// A feed, by its address.
    Feed(String),
    Tag(String),
}

impl Store {
    /// Marks every article of `ids` read in one transaction, as a person marks all that a
    /// list of `scope` shows. Each read mark of a server item is queued, and so is one
    /// mark-all-read of the scope up to the newest of them the server got (never "now", so
    /// that what arrived since stays unread), when the scope is one the server knows.
    /// Returns how many were not read before.
    pub fn mark_all_read(
        &self,
        ids: &[ArticleId],
        scope: &ReadScope,
        at: DateTime<Utc>,
    ) -> Result<usize, StoreError> {
        let at = stored_time(at);
        self.change(|conn| {
            let mut mark = conn.prepare_cached(
                "INSERT INTO read_marks (article_id, read_at) VALUES (?1, ?2)
                 ON CONFLICT (article_id) DO NOTHING",
            )?;
            let mut newest =
                conn.prepare_cached("SELECT crawl_usec FROM sync_items WHERE article_id = ?1")?;
            let mut ts_usec: Option<i64> = None;
            let mut changed = 0;
            for id in ids {
                if mark.execute(params![id.as_str(), at])? > 0 {
                    changed += 1;
                    queue_mark(conn, id.as_str(), MarkKind::Read, true, &at)?;
                }
                if let Some(crawl) = newest
                    .query_row([id.as_str()], |row| row.get::<_, i64>(0))
                    .optional()?
                {
                    ts_usec = Some(ts_usec.map_or(crawl, |ts| ts.max(crawl)));
                }
            }
            let stream = match scope {
                ReadScope::Everything => Some(READING_LIST.to_string()),
                ReadScope::Feed(url) => conn
                    .query_row(
                        "SELECT stream FROM sync_feeds WHERE url = ?1",
                        [url],
                        |row| row.get(0),
                    )
                    .optional()?,
                ReadScope::Tag(tag) => conn
                    .query_row(
                        "SELECT t.value FROM sync_feeds AS f, json_each(f.tags) AS t
                         WHERE lower(t.value) = lower(?1) LIMIT 1",
                        [tag],
                        |row| row.get::<_, String>(0),
                    )
                    .optional()?
                    .map(|folder| format!("user/-/label/{folder}")),
            };
            if let (Some(stream), Some(ts_usec)) = (stream, ts_usec) {
                queue_read_all(conn, &stream, ts_usec, &at)?;
            }
            Ok(changed)
        })
    }

    /// Every change waiting to be sent, oldest first.
    pub fn queued_changes(&self) -> Result<Vec<Queued>, StoreError> {
        let rows = self.query_all(
            "SELECT seq, kind, item, value, stream, ts_usec FROM sync_queue ORDER BY seq",
            |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, Option<i64>>(2)?,
                    row.get::<_, bool>(3)?,
                    row.get::<_, Option<String>>(4)?,
                    row.get::<_, Option<i64>>(5)?,
                ))
            },
        )?;
        Ok(rows
            .into_iter()
            .filter_map(|(seq, kind, item, on, stream, ts_usec)| {
                let change = match (kind.as_str(), item, stream, ts_usec) {
                    ("read", Some(item), _, _) => Change::Mark {
                        item,
                        kind: MarkKind::Read,
                        on,
                    },
                    ("starred", Some(item), _, _) => Change::Mark {
                        item,
                        kind: MarkKind::Starred,
                        on,
                    },
                    ("read_all", _, Some(stream), Some(ts_usec)) => {
                        Change::ReadAll { stream, ts_usec }
                    }
                    _ => return None,
                };
                Some(Queued { seq, change })
            })
            .collect())
    }

    /// How many changes wait to be sent.
    pub fn queue_len(&self) -> Result<usize, StoreError> {
        let count: i64 = self
            .conn
            .query_row("SELECT count(*) FROM sync_queue", [], |row| row.get(0))
            .map_err(|error| StoreError::from_sqlite(&self.path, &error))?;
        Ok(usize::try_from(count).unwrap_or(0))
    }

    /// Removes changes the server has accepted. A change made again since it was read from
    /// the queue has a new place and stays.
    pub fn unqueue(&self, seqs: &[i64]) -> Result<(), StoreError> {
        self.change(|conn| {
            let mut remove = conn.prepare_cached("DELETE FROM sync_queue WHERE seq = ?1")?;
            for seq in seqs {
                remove.execute([seq])?;
            }
            Ok(())
        })
    }

    /// The server accepted the mark-all-read at `seq`: it goes, with the read marks queued
    /// before it that it covered (items of its stream the server got by its time).
    pub fn read_all_accepted(&self, seq: i64) -> Result<(), StoreError> {
        self.change(|conn| {
            let found: Option<(String, i64)> = conn
                .query_row(
                    "SELECT stream, ts_usec FROM sync_queue WHERE seq = ?1 AND kind = 'read_all'",
                    [seq],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?;
            if let Some((stream, ts_usec)) = found {
                let label = stream
                    .strip_prefix("user/-/label/")
                    .map(ToString::to_string);
                conn.execute(
                    "DELETE FROM sync_queue WHERE kind = 'read' AND value = 1 AND seq < ?1
                       AND item IN (
                         SELECT s.item FROM sync_items AS s WHERE s.crawl_usec <= ?3 AND (
                           ?2 = 'user/-/state/com.google/reading-list'
                           OR s.stream = ?2
                           OR s.stream IN (SELECT f.stream FROM sync_feeds AS f, json_each(f.tags) AS t
                                           WHERE t.value = ?4)))",
                    params![seq, stream, ts_usec, label],
                )?;
            }
            conn.execute("DELETE FROM sync_queue WHERE seq = ?1", [seq])?;
            Ok(())
        })
    }
}
