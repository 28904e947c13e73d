//! Indexing anew, once, the cached articles stored before schema version 9, whose runs of
//! Chinese, Japanese, Korean, Thai and the like sit in `feed_text` as whole "words" instead
//! of in `feed_grams` as pairs (see `schema::V9_SEARCH_IN_EVERY_SCRIPT`). Their bodies are
//! read again, a batch of rows per transaction: each batch commits with the mark of how far
//! it came (`search_reindex`), so an interrupted reindex loses nothing and goes on from
//! there next time, other writers (read marks, bookmarks, a refresh) get the lock between
//! two batches, and two processes at it share the work. Only rows that have such runs are written: the
//! words of the others are what they were.

use std::time::{Duration, Instant};

use rusqlite::{Connection, OptionalExtension};

use super::{Store, StoreError, body, full_texts, text_index};
use crate::model::ArticleId;

/// How long one batch holds the store's write lock at most (but for the row it is on).
const BATCH: Duration = Duration::from_millis(50);

/// How long the lock is left free after each batch. A writer that waits for it (a read mark
/// saved meanwhile) tries again after a few milliseconds, then every 25 to 100: without a
/// pause it would seldom find the lock free in the moment between two batches and give up
/// after its two seconds. With this one, about one try in four finds it free.
const PAUSE: Duration = Duration::from_millis(20);

/// Leaf pages of the word index merged a transaction at the end: a few tens of milliseconds'
/// work.
const MERGE_PAGES: i64 = 64;

/// How far a reindex has come, in cached articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Reindexing {
    pub done: u64,
    pub total: u64,
}

impl Reindexing {
    /// "40%".
    pub fn percent(self) -> u64 {
        (self.done * 100).checked_div(self.total).unwrap_or(100)
    }
}

impl Store {
    /// How many cached articles are still to be indexed anew; 0 when none.
    pub fn reindex_left(&self) -> Result<u64, StoreError> {
        let left = || -> rusqlite::Result<u64> {
            self.conn.query_row(
                "SELECT count(*) FROM feed_articles, search_reindex
                 WHERE feed_articles.rowid BETWEEN next_row AND last_row",
                [],
                |row| row.get(0),
            )
        };
        left().map_err(|error| StoreError::from_sqlite(&self.path, &error))
    }

    /// Indexes anew every cached article stored before schema version 9, telling `progress`
    /// after each batch is committed. Nothing to do is done at once.
    pub fn reindex(&self, mut progress: impl FnMut(Reindexing)) -> Result<(), StoreError> {
        let total = self.reindex_left()?;
        if total == 0 {
            return Ok(());
        }
        let mut done = 0;
        self.with_cache_writes(|| {
            while let Some(rows) = self.change(|conn| batch(conn, BATCH))? {
                done += rows;
                progress(Reindexing {
                    done: done.min(total),
                    total,
                });
                std::thread::sleep(PAUSE);
            }
            // The words the rows indexed anew no longer have stay in the word index's
            // segments, marked deleted, until they are merged: merged now, all of them (at
            // 100,000 articles, 44 MB of the index become 25 MB in a second).
            while self.change(merge_words)? {
                std::thread::sleep(PAUSE);
            }
            Ok(())
        })
    }
}

/// Merges some of the word index's segments; whether there was any to merge.
fn merge_words(conn: &Connection) -> rusqlite::Result<bool> {
    let before = conn.total_changes();
    // A negative count merges segments of any level, until there is one.
    conn.execute(
        "INSERT INTO feed_text (feed_text, rank) VALUES ('merge', ?1)",
        [-MERGE_PAGES],
    )?;
    Ok(conn.total_changes() - before > 1)
}

/// Indexes anew the next rows for `time` or a little longer; how many, `None` when no row was
/// left to do.
pub(super) fn batch(conn: &Connection, time: Duration) -> rusqlite::Result<Option<u64>> {
    let started = Instant::now();
    let Some((next, last)): Option<(i64, i64)> = conn
        .query_row("SELECT next_row, last_row FROM search_reindex", [], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .optional()?
    else {
        return Ok(None);
    };
    let mut rows = conn.prepare(
        "SELECT rowid, id, title, url, snapshot, body FROM feed_articles
         WHERE rowid BETWEEN ?1 AND ?2 ORDER BY rowid",
    )?;
    let mut found = rows.query([next, last])?;
    let mut done = 0;
    let mut reached = None;
    while let Some(row) = found.next()? {
        let rowid: i64 = row.get(0)?;
        let packed: Option<Vec<u8>> = row.get(5)?;
        // A body that cannot be read keeps the words it was found by.
        if let Ok(words) = body::words(packed.as_deref(), row.get_ref(4)?.as_str()?) {
            let title: String = row.get(2)?;
            let text = text_index::of_title_and_text(&title, &words);
            let id = ArticleId::from_stored(row.get(1)?);
            let url: Option<String> = row.get(3)?;
            let text = full_texts::indexed_text(conn, &id, url.as_deref(), text)?;
            if !text.grams.is_empty() {
                text_index::remove(conn, rowid)?;
                text_index::write(conn, rowid, &title, &text)?;
            }
        }
        done += 1;
        reached = Some(rowid);
        if started.elapsed() >= time {
            break;
        }
    }
    drop(found);
    match reached {
        Some(rowid) if rowid < last => {
            conn.execute("UPDATE search_reindex SET next_row = ?1", [rowid + 1])?;
        }
        _ => {
            conn.execute("DELETE FROM search_reindex", [])?;
        }
    }
    Ok(Some(done))
}
