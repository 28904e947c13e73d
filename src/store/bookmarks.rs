//! Bookmarks: a snapshot of the whole article, taken when it is bookmarked, so that a
//! bookmark outlives its source; adding or removing one is queued for the sync server. And
//! the bookmarks a star removed on another device took away, kept so they can be made again.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::columns::{parse_time, stored_time};
use super::error::one_line;
use super::sync_queue::{self, MarkKind};
use super::{Store, StoreError, full_texts};
use crate::model::{Article, ArticleId, Body};

/// The bookmarks that could be read back, and an error for each that could not.
#[derive(Debug, Default)]
pub struct Bookmarks {
    pub saved: Vec<Bookmark>,
    pub unreadable: Vec<StoreError>,
}

/// A saved article: a full snapshot taken when it was bookmarked, so it outlives its source.
#[derive(Debug, Clone, PartialEq)]
pub struct Bookmark {
    pub article: Article,
    pub saved_at: DateTime<Utc>,
}

/// A bookmark taken away because its star was removed on another device.
#[derive(Debug, Clone, PartialEq)]
pub struct Unstarred {
    pub bookmark: Bookmark,
    pub unstarred_at: DateTime<Utc>,
}

/// A bookmark made here again is no longer one the network took away.
pub(super) fn forget_unstarred(conn: &Connection, article: &str) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM unstarred_bookmarks WHERE article_id = ?1")?
        .execute([article])?;
    Ok(())
}

impl Store {
    /// Saves a snapshot of the article, with its full text if one is kept. Idempotent: an
    /// article already bookmarked keeps its original snapshot and time.
    pub fn add_bookmark(
        &self,
        article: &Article,
        saved_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let snapshot = serde_json::to_string(article).map_err(|error| StoreError::BadSnapshot {
            id: article.id.clone(),
            detail: one_line(error),
        })?;
        let at = stored_time(saved_at);
        self.change(|conn| {
            let added = conn.execute(
                "INSERT INTO bookmarks (article_id, saved_at, snapshot) VALUES (?1, ?2, ?3)
                 ON CONFLICT (article_id) DO NOTHING",
                params![article.id.as_str(), at, snapshot],
            )?;
            if added > 0 {
                forget_unstarred(conn, article.id.as_str())?;
                sync_queue::queue_mark(conn, article.id.as_str(), MarkKind::Starred, true, &at)?;
            }
            // The full text read so far goes into the snapshot too.
            full_texts::copy_into_bookmark(conn, &article.id)
        })
    }

    /// Removes a bookmark; true if there was one to remove.
    pub fn remove_bookmark(&self, id: &ArticleId) -> Result<bool, StoreError> {
        let at = stored_time(Utc::now());
        self.change(|conn| {
            let removed =
                conn.execute("DELETE FROM bookmarks WHERE article_id = ?1", [id.as_str()])? > 0;
            if removed {
                sync_queue::queue_mark(conn, id.as_str(), MarkKind::Starred, false, &at)?;
            }
            Ok(removed)
        })
    }

    /// Every bookmark, newest first. A snapshot that cannot be read back is reported in
    /// `unreadable`, naming its article, and the others are still returned.
    pub fn bookmarks(&self) -> Result<Bookmarks, StoreError> {
        let rows = self.query_all(
            "SELECT article_id, saved_at, snapshot FROM bookmarks
                 ORDER BY saved_at DESC, rowid DESC",
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                ))
            },
        )?;
        let mut bookmarks = Bookmarks::default();
        for (id, saved_at, snapshot) in rows {
            let bad_snapshot = |detail: String| StoreError::BadSnapshot {
                id: ArticleId::from_stored(id.clone()),
                detail: one_line(detail),
            };
            let saved_at = DateTime::parse_from_rfc3339(&saved_at)
                .map_err(|error| bad_snapshot(format!("saved time {saved_at:?}: {error}")))
                .map(|time| time.with_timezone(&Utc));
            let article =
                serde_json::from_str(&snapshot).map_err(|error| bad_snapshot(error.to_string()));
            match (article, saved_at) {
                (Ok(article), Ok(saved_at)) => bookmarks.saved.push(Bookmark { article, saved_at }),
                (Err(error), _) | (_, Err(error)) => bookmarks.unreadable.push(error),
            }
        }
        Ok(bookmarks)
    }

    /// The ids of every bookmarked article; works even when a snapshot is damaged.
    pub fn bookmarked_ids(&self) -> Result<HashSet<ArticleId>, StoreError> {
        self.ids_in("SELECT article_id FROM bookmarks")
    }

    /// Bookmarks taken away because their star was removed on another device, most recent
    /// first: they can be bookmarked again.
    pub fn unstarred_bookmarks(&self) -> Result<Vec<Unstarred>, StoreError> {
        let rows = self.query_all(
            "SELECT article_id, saved_at, snapshot, unstarred_at FROM unstarred_bookmarks
             ORDER BY unstarred_at DESC, rowid DESC",
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, String>(3)?,
                ))
            },
        )?;
        Ok(rows
            .into_iter()
            .filter_map(|(_, saved_at, snapshot, unstarred_at)| {
                Some(Unstarred {
                    bookmark: Bookmark {
                        article: serde_json::from_str(&snapshot).ok()?,
                        saved_at: parse_time(&saved_at)?,
                    },
                    unstarred_at: parse_time(&unstarred_at)?,
                })
            })
            .collect())
    }

    /// When each bookmark a star removed on another device took away went, most recent
    /// first, without reading their snapshots.
    pub fn unstarred_times(&self) -> Result<Vec<(ArticleId, DateTime<Utc>)>, StoreError> {
        let rows = self.query_all(
            "SELECT article_id, unstarred_at FROM unstarred_bookmarks
             ORDER BY unstarred_at DESC, rowid DESC",
            |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)),
        )?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, at)| Some((ArticleId::from_stored(id), parse_time(&at)?)))
            .collect())
    }

    /// The body of the copy kept of an article: its bookmark's snapshot, else the one kept
    /// when its star was removed elsewhere. For an article whose cached copy went (its feed
    /// left the server, or retention took it) while the reader shows it.
    pub fn saved_body(&self, id: &ArticleId) -> Result<Option<Body>, StoreError> {
        let snapshot: Option<String> = self
            .conn
            .query_row(
                "SELECT snapshot FROM bookmarks WHERE article_id = ?1
                 UNION ALL SELECT snapshot FROM unstarred_bookmarks WHERE article_id = ?1
                 LIMIT 1",
                [id.as_str()],
                |row| row.get(0),
            )
            .optional()
            .map_err(|error| StoreError::from_sqlite(&self.path, &error))?;
        let Some(snapshot) = snapshot else {
            return Ok(None);
        };
        serde_json::from_str::<Article>(&snapshot)
            .map(|article| Some(article.body))
            .map_err(|error| StoreError::BadSnapshot {
                id: id.clone(),
                detail: one_line(error),
            })
    }
}
