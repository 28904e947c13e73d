//! The store's side of sync with a feed server: the server's feeds, which cached articles are
//! the server's items, making read marks and bookmarks agree with what the server says where
//! no local change waits in the queue (`sync_queue.rs`), the bookmarks a star removed
//! elsewhere took away, and what the last sync came to.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::bookmarks::forget_unstarred;
use super::columns::{TAG_SEPARATOR, parse_time, stored_time};
use super::{Store, StoreError};
use crate::model::tag::moved_folders;
use crate::model::{ArticleId, Tag};

/// A feed the server holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerFeed {
    /// The server's id for it: `feed/12`.
    pub stream: String,
    /// Its address; its articles are cached under it.
    pub url: String,
    pub title: String,
    /// Its folders on the server.
    pub tags: Vec<String>,
}

/// What taking the server's list of feeds changed here.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedListChange {
    /// Addresses of the feeds the server no longer holds, whose cached articles went.
    pub removed: Vec<String>,
    /// Feeds moved to other folders, whose cached articles were tagged anew.
    pub moved: Vec<MovedFeed>,
}

/// A feed the server moved from the folders `from` to the folders `to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovedFeed {
    pub url: String,
    pub from: Vec<String>,
    pub to: Vec<String>,
}

/// An article that is a server item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerItem {
    pub article: ArticleId,
    pub item: i64,
    /// The stream of its feed.
    pub stream: String,
    /// When the server got it, in microseconds since 1970.
    pub crawl_usec: i64,
}

/// What the server says of its items: the complete lists of unread and starred ones, and
/// every item it listed (so that items it no longer lists can be forgotten).
#[derive(Debug, Clone, Default)]
pub struct ServerState {
    pub unread: HashSet<i64>,
    pub starred: HashSet<i64>,
    pub listed: HashSet<i64>,
}

/// What applying the server's state changed here.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StateChanges {
    pub read: Vec<ArticleId>,
    pub unread: Vec<ArticleId>,
    pub starred: Vec<ArticleId>,
    pub unstarred: Vec<ArticleId>,
}

impl StateChanges {
    pub fn len(&self) -> usize {
        self.read.len() + self.unread.len() + self.starred.len() + self.unstarred.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What the last sync with a server came to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncStatus {
    pub last_attempt: Option<DateTime<Utc>>,
    pub last_success: Option<DateTime<Utc>>,
    /// Why the last attempt failed; `None` when it succeeded.
    pub last_error: Option<String>,
}

impl Store {
    /// The server's feeds as the last sync found them.
    pub fn server_feeds(&self) -> Result<Vec<ServerFeed>, StoreError> {
        self.query_all(
            "SELECT stream, url, title, tags FROM sync_feeds ORDER BY rowid",
            |row| {
                let tags = row.get_ref(3)?.as_bytes()?;
                Ok(ServerFeed {
                    stream: row.get(0)?,
                    url: row.get(1)?,
                    title: row.get(2)?,
                    tags: serde_json::from_slice(tags).unwrap_or_default(),
                })
            },
        )
    }

    /// Takes the server's list of feeds. A feed no longer on it goes with its cached articles
    /// (bookmarks keep their own copies); one in other folders has its cached articles tagged
    /// with its new folders in place of the old.
    pub fn set_server_feeds(&self, feeds: &[ServerFeed]) -> Result<FeedListChange, StoreError> {
        let known = self.server_feeds()?;
        self.change(|conn| {
            let mut removed = Vec::new();
            let mut moved = Vec::new();
            for feed in feeds {
                let Some(old) = known
                    .iter()
                    .find(|old| old.stream == feed.stream && old.url == feed.url)
                else {
                    continue;
                };
                if old.tags != feed.tags {
                    let change = MovedFeed {
                        url: feed.url.clone(),
                        from: old.tags.clone(),
                        to: feed.tags.clone(),
                    };
                    retag(conn, &change)?;
                    moved.push(change);
                }
            }
            for old in &known {
                if feeds
                    .iter()
                    .any(|f| f.stream == old.stream && f.url == old.url)
                {
                    continue;
                }
                conn.execute("DELETE FROM sync_feeds WHERE stream = ?1", [&old.stream])?;
                conn.execute("DELETE FROM sync_items WHERE stream = ?1", [&old.stream])?;
                if !feeds.iter().any(|f| f.url == old.url) {
                    for table in ["feed_articles", "pruned_articles"] {
                        conn.execute(
                            &format!("DELETE FROM {table} WHERE feed_url = ?1"),
                            [&old.url],
                        )?;
                    }
                    conn.execute("DELETE FROM feed_state WHERE url = ?1", [&old.url])?;
                    removed.push(old.url.clone());
                }
            }
            let mut upsert = conn.prepare_cached(
                "INSERT INTO sync_feeds (stream, url, title, tags) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (stream) DO UPDATE SET
                     url = excluded.url, title = excluded.title, tags = excluded.tags",
            )?;
            for feed in feeds {
                let tags = serde_json::Value::from(feed.tags.clone()).to_string();
                // Two feeds of one address: the first is kept.
                conn.execute(
                    "DELETE FROM sync_feeds WHERE url = ?1 AND stream <> ?2",
                    params![feed.url, feed.stream],
                )?;
                upsert.execute(params![feed.stream, feed.url, feed.title, tags])?;
            }
            Ok(FeedListChange { removed, moved })
        })
    }

    /// Which of `items` are already here.
    pub fn known_items(&self, items: &HashSet<i64>) -> Result<HashSet<i64>, StoreError> {
        let mut known = HashSet::new();
        let mut find = || {
            let mut is_known = self
                .conn
                .prepare_cached("SELECT 1 FROM sync_items WHERE item = ?1")?;
            for &item in items {
                if is_known.exists([item])? {
                    known.insert(item);
                }
            }
            Ok(())
        };
        find().map_err(|error: rusqlite::Error| StoreError::from_sqlite(&self.path, &error))?;
        Ok(known)
    }

    /// Records which articles are which server items; called once they are cached.
    pub fn record_items(&self, items: &[ServerItem]) -> Result<(), StoreError> {
        self.change(|conn| {
            let mut record = conn.prepare_cached(
                "INSERT OR REPLACE INTO sync_items (article_id, item, stream, crawl_usec)
                 VALUES (?1, ?2, ?3, ?4)",
            )?;
            for item in items {
                record.execute(params![
                    item.article.as_str(),
                    item.item,
                    item.stream,
                    item.crawl_usec
                ])?;
            }
            Ok(())
        })
    }

    /// Makes read marks and bookmarks of server items agree with the server, in one
    /// transaction, except where a change waits in the queue: that one wins until it is sent.
    /// Read marks are kept for the cached articles only (not for those retention removed).
    /// A bookmark whose star went is kept aside with its snapshot (see
    /// [`Store::unstarred_bookmarks`]); a star added elsewhere bookmarks the cached article.
    /// Items the server no longer lists are forgotten once nothing here holds them.
    pub fn apply_server_state(
        &self,
        state: &ServerState,
        at: DateTime<Utc>,
    ) -> Result<StateChanges, StoreError> {
        let now = stored_time(at);
        self.change(|conn| {
            fill_set(conn, "sync_unread", &state.unread)?;
            fill_set(conn, "sync_starred", &state.starred)?;
            fill_set(conn, "sync_listed", &state.listed)?;
            let waiting = |kind: &str| {
                format!(
                    "NOT EXISTS (SELECT 1 FROM sync_queue AS q WHERE q.item = s.item AND q.kind = '{kind}')"
                )
            };
            let ids = |sql: &str, args: &[&dyn rusqlite::ToSql]| -> rusqlite::Result<Vec<ArticleId>> {
                let mut statement = conn.prepare(sql)?;
                let found = statement
                    .query_map(args, |row| row.get::<_, String>(0))?
                    .collect::<rusqlite::Result<Vec<String>>>()?;
                Ok(found.into_iter().map(ArticleId::from_stored).collect())
            };
            let read = ids(
                &format!(
                    "INSERT INTO read_marks (article_id, read_at)
                     SELECT s.article_id, ?1 FROM sync_items AS s
                     WHERE s.item NOT IN (SELECT item FROM temp.sync_unread) AND {}
                       AND s.article_id IN (SELECT id FROM feed_articles)
                       AND s.article_id NOT IN (SELECT article_id FROM read_marks)
                     RETURNING article_id",
                    waiting("read")
                ),
                &[&now],
            )?;
            let unread = ids(
                &format!(
                    "DELETE FROM read_marks WHERE article_id IN (
                         SELECT s.article_id FROM sync_items AS s
                         WHERE s.item IN (SELECT item FROM temp.sync_unread) AND {}
                           AND s.article_id IN (SELECT id FROM feed_articles))
                     RETURNING article_id",
                    waiting("read")
                ),
                &[],
            )?;
            let unstarred = ids(
                &format!(
                    "INSERT INTO unstarred_bookmarks (article_id, saved_at, snapshot, unstarred_at)
                     SELECT b.article_id, b.saved_at, b.snapshot, ?1
                     FROM bookmarks AS b JOIN sync_items AS s ON s.article_id = b.article_id
                     WHERE s.item NOT IN (SELECT item FROM temp.sync_starred) AND {}
                     ON CONFLICT (article_id) DO UPDATE SET
                         saved_at = excluded.saved_at, snapshot = excluded.snapshot,
                         unstarred_at = excluded.unstarred_at
                     RETURNING article_id",
                    waiting("starred")
                ),
                &[&now],
            )?;
            let mut unbookmark =
                conn.prepare_cached("DELETE FROM bookmarks WHERE article_id = ?1")?;
            for id in &unstarred {
                unbookmark.execute([id.as_str()])?;
            }
            let to_star = ids(
                &format!(
                    "SELECT s.article_id FROM sync_items AS s
                     WHERE s.item IN (SELECT item FROM temp.sync_starred) AND {}
                       AND s.article_id NOT IN (SELECT article_id FROM bookmarks)",
                    waiting("starred")
                ),
                &[],
            )?;
            let mut starred = Vec::new();
            for id in to_star {
                // The copy kept when the star went, else the cached article; an item no
                // longer cached cannot be bookmarked.
                let unstarred: Option<String> = conn
                    .query_row(
                        "SELECT snapshot FROM unstarred_bookmarks WHERE article_id = ?1",
                        [id.as_str()],
                        |row| row.get(0),
                    )
                    .optional()?;
                let snapshot = match unstarred {
                    Some(snapshot) => Some(snapshot),
                    None => super::feeds::cached_snapshot(conn, id.as_str())?,
                };
                if let Some(snapshot) = snapshot {
                    conn.execute(
                        "INSERT INTO bookmarks (article_id, saved_at, snapshot) VALUES (?1, ?2, ?3)",
                        params![id.as_str(), now, snapshot],
                    )?;
                    forget_unstarred(conn, id.as_str())?;
                    starred.push(id);
                }
            }
            conn.execute(
                "DELETE FROM sync_items WHERE item NOT IN (SELECT item FROM temp.sync_listed)
                   AND article_id NOT IN (SELECT id FROM feed_articles)
                   AND article_id NOT IN (SELECT article_id FROM bookmarks)
                   AND article_id NOT IN (SELECT article_id FROM unstarred_bookmarks)",
                [],
            )?;
            Ok(StateChanges {
                read,
                unread,
                starred,
                unstarred,
            })
        })
    }

    /// What the last sync with `server` came to, if there was one.
    pub fn sync_status(&self, server: &str) -> Result<Option<SyncStatus>, StoreError> {
        self.conn
            .query_row(
                "SELECT last_attempt, last_success, last_error FROM sync_status WHERE server = ?1",
                [server],
                |row| {
                    let time = |text: Option<String>| text.as_deref().and_then(parse_time);
                    Ok(SyncStatus {
                        last_attempt: time(row.get(0)?),
                        last_success: time(row.get(1)?),
                        last_error: row.get(2)?,
                    })
                },
            )
            .optional()
            .map_err(|error| StoreError::from_sqlite(&self.path, &error))
    }

    pub fn save_sync_status(&self, server: &str, status: &SyncStatus) -> Result<(), StoreError> {
        self.change(|conn| {
            conn.execute(
                "INSERT OR REPLACE INTO sync_status (server, last_attempt, last_success, last_error)
                 VALUES (?1, ?2, ?3, ?4)",
                params![
                    server,
                    status.last_attempt.map(stored_time),
                    status.last_success.map(stored_time),
                    status.last_error
                ],
            )
            .map(drop)
        })
    }
}

/// Fills a temporary table of this connection with a set of item ids.
fn fill_set(conn: &Connection, table: &str, items: &HashSet<i64>) -> rusqlite::Result<()> {
    conn.execute_batch(&format!(
        "CREATE TEMP TABLE IF NOT EXISTS {table} (item INTEGER PRIMARY KEY);
         DELETE FROM temp.{table};"
    ))?;
    let mut insert = conn.prepare(&format!(
        "INSERT OR IGNORE INTO temp.{table} (item) VALUES (?1)"
    ))?;
    for item in items {
        insert.execute([item])?;
    }
    Ok(())
}

/// Tags the cached articles of a feed that moved with its new folders in place of the old.
fn retag(conn: &Connection, moved: &MovedFeed) -> Result<(), rusqlite::Error> {
    let mut rows =
        conn.prepare_cached("SELECT rowid, tags FROM feed_articles WHERE feed_url = ?1")?;
    let tagged: Vec<(i64, String)> = rows
        .query_map([&moved.url], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut update = conn.prepare_cached("UPDATE feed_articles SET tags = ?2 WHERE rowid = ?1")?;
    for (rowid, joined) in tagged {
        let tags: Vec<Tag> = joined
            .split(TAG_SEPARATOR)
            .filter_map(Tag::from_stored)
            .collect();
        let tags = moved_folders(&tags, &moved.from, &moved.to);
        let names: Vec<&str> = tags.iter().map(Tag::as_str).collect();
        update.execute(params![rowid, names.join(&TAG_SEPARATOR.to_string())])?;
    }
    Ok(())
}
