//! Read marks: an article opened, marked read or unread (one at a time or many in one
//! transaction), and the counts of unread articles per feed.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::columns::stored_time;
use super::sync_queue::{self, MarkKind};
use super::{Store, StoreError};
use crate::model::ArticleId;

impl Store {
    /// Marks an article read. Idempotent: the first time it was read is kept.
    pub fn mark_read(&self, id: &ArticleId, at: DateTime<Utc>) -> Result<(), StoreError> {
        self.set_read(std::slice::from_ref(id), true, at).map(drop)
    }

    /// The ids of every article marked read.
    pub fn read_ids(&self) -> Result<HashSet<ArticleId>, StoreError> {
        self.ids_in("SELECT article_id FROM read_marks")
    }

    /// Which of `ids` are marked read: for a few articles, without reading every mark.
    pub fn read_among<'a>(
        &self,
        ids: impl IntoIterator<Item = &'a ArticleId>,
    ) -> Result<HashSet<ArticleId>, StoreError> {
        let mut read = HashSet::new();
        let find = || {
            let mut is_read = self
                .conn
                .prepare_cached("SELECT 1 FROM read_marks WHERE article_id = ?1")?;
            for id in ids {
                if is_read.exists([id.as_str()])? {
                    read.insert(id.clone());
                }
            }
            Ok(())
        };
        find().map_err(|error: rusqlite::Error| StoreError::from_sqlite(&self.path, &error))?;
        Ok(read)
    }

    /// Marks articles read (the first time each was read is kept) or unread, all in one
    /// transaction: all of them or none. Each change of a sync server's article is queued for
    /// the server in the same transaction. Returns how many changed.
    pub fn set_read(
        &self,
        ids: &[ArticleId],
        read: bool,
        at: DateTime<Utc>,
    ) -> Result<usize, StoreError> {
        let at = stored_time(at);
        self.change(|conn| {
            let mut mark = conn.prepare_cached(
                "INSERT INTO read_marks (article_id, read_at) VALUES (?1, ?2)
                 ON CONFLICT (article_id) DO NOTHING",
            )?;
            let mut unmark = conn.prepare_cached("DELETE FROM read_marks WHERE article_id = ?1")?;
            let mut changed = 0;
            for id in ids {
                let done = if read {
                    mark.execute(params![id.as_str(), at])?
                } else {
                    unmark.execute([id.as_str()])?
                };
                if done > 0 {
                    changed += 1;
                    sync_queue::queue_mark(conn, id.as_str(), MarkKind::Read, read, &at)?;
                }
            }
            Ok(changed)
        })
    }

    /// For each feed with cached articles, how many it has and how many are unread, hidden
    /// ones aside.
    pub fn feed_counts(&self) -> Result<HashMap<String, FeedCount>, StoreError> {
        let rows = self.query_all(
            "SELECT a.feed_url, count(*), count(*) - count(r.article_id)
             FROM feed_articles AS a LEFT JOIN read_marks AS r ON r.article_id = a.id
             WHERE a.id NOT IN (SELECT article_id FROM hidden_articles)
             GROUP BY a.feed_url",
            |row| {
                let count = |n: i64| usize::try_from(n).unwrap_or(0);
                Ok((
                    row.get::<_, String>(0)?,
                    FeedCount {
                        total: count(row.get(1)?),
                        unread: count(row.get(2)?),
                    },
                ))
            },
        )?;
        Ok(rows.into_iter().collect())
    }
}

/// A feed's cached articles, and how many of them are unread.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FeedCount {
    pub total: usize,
    pub unread: usize,
}
