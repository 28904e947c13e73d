//! Feed subscriptions and the cache of feed articles as it is read (what is known of each
//! feed between fetches is in `feed_state.rs`, and the writing of the cache in `rows.rs`).
//!
//! Subscriptions made on the command line or by OPML import live here (feeds from the config
//! file live in the config); the state and the cached articles are kept for every feed,
//! whichever place it comes from. A cached article is its list columns and its body as the
//! feed gave it, packed ([`body`](super::body)); bookmarks keep their own snapshot of the whole
//! article: removing a feed or pruning its cache never touches one.

use std::collections::HashMap;

use chrono::{DateTime, TimeDelta, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::body;
use super::columns::{TAG_SEPARATOR, parse_time, stored_time};
use super::error::one_line;
use super::{Store, StoreError};
use crate::model::{Article, ArticleId, Body, Tag};

pub use crate::model::Subscription;

impl Store {
    /// The subscriptions, in the order they were added. Tags that cannot be read back (only a
    /// hand-edited database has such) read as no tags.
    pub fn subscriptions(&self) -> Result<Vec<Subscription>, StoreError> {
        self.query_all(
            "SELECT url, name, tags, every, full_text FROM subscriptions ORDER BY rowid",
            |row| {
                let tags = row.get_ref(2)?.as_bytes()?;
                Ok(Subscription {
                    url: row.get(0)?,
                    name: row.get(1)?,
                    tags: serde_json::from_slice(tags).unwrap_or_default(),
                    every: row.get(3)?,
                    full_text: row.get(4)?,
                })
            },
        )
    }

    /// Adds a subscription; false, leaving the one there unchanged, if its URL was already there.
    pub fn add_subscription(
        &self,
        sub: &Subscription,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        self.add_subscription_in(sub, &[], at)
    }

    /// Adds a subscription found in the folders of an OPML file, outermost first (none: not
    /// in a folder), as [`Store::add_subscription`] does.
    pub fn add_subscription_in(
        &self,
        sub: &Subscription,
        folders: &[String],
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let tags = serde_json::Value::from(sub.tags.clone()).to_string();
        let folders =
            (!folders.is_empty()).then(|| serde_json::Value::from(folders.to_vec()).to_string());
        self.change(|conn| {
            conn.execute(
                "INSERT INTO subscriptions (url, name, tags, added_at, every, full_text, folders)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (url) DO NOTHING",
                params![
                    sub.url,
                    sub.name,
                    tags,
                    stored_time(at),
                    sub.every,
                    sub.full_text,
                    folders
                ],
            )
        })
        .map(|added| added > 0)
    }

    /// The folders an OPML import found each subscription in, outermost first, by address;
    /// subscriptions in no folder are not there. Folders that cannot be read back (only a
    /// hand-edited database has such) read as none.
    pub fn subscription_folders(&self) -> Result<HashMap<String, Vec<String>>, StoreError> {
        let rows = self.query_all(
            "SELECT url, folders FROM subscriptions WHERE folders IS NOT NULL",
            |row| {
                let folders = row.get_ref(1)?.as_bytes()?;
                Ok((
                    row.get::<_, String>(0)?,
                    serde_json::from_slice::<Vec<String>>(folders).unwrap_or_default(),
                ))
            },
        )?;
        Ok(rows.into_iter().collect())
    }

    /// Removes a subscription with its feed state and cached articles; true if there was one.
    /// Bookmarks of its articles stay, with their own snapshots.
    pub fn remove_subscription(&self, url: &str) -> Result<bool, StoreError> {
        self.change(|conn| {
            let removed = conn.execute("DELETE FROM subscriptions WHERE url = ?1", [url])? > 0;
            if removed {
                conn.execute("DELETE FROM feed_state WHERE url = ?1", [url])?;
                conn.execute("DELETE FROM feed_articles WHERE feed_url = ?1", [url])?;
                conn.execute("DELETE FROM pruned_articles WHERE feed_url = ?1", [url])?;
            }
            Ok(removed)
        })
    }

    /// Every cached article with its feed URL as the list needs it, newest first (see
    /// [`Store::each_cached`]), and how many rows could not be read back and were skipped.
    pub fn cached_articles(&self) -> Result<(Vec<(String, Article)>, usize), StoreError> {
        let mut articles = Vec::new();
        let unreadable = self.each_cached(None, |feed_url, article| {
            articles.push((feed_url.to_string(), article));
        })?;
        Ok((articles, unreadable))
    }

    /// How many articles the feed cache holds.
    pub fn cached_count(&self) -> Result<usize, StoreError> {
        let count: i64 = self
            .conn
            .query_row("SELECT count(*) FROM feed_articles", [], |row| row.get(0))
            .map_err(|error| StoreError::from_sqlite(&self.path, &error))?;
        Ok(usize::try_from(count).unwrap_or(0))
    }

    /// Whether the feed cache holds more than `count` articles, counting no further.
    pub fn cached_more_than(&self, count: usize) -> Result<bool, StoreError> {
        let limit = i64::try_from(count).unwrap_or(i64::MAX).saturating_add(1);
        let counted: i64 = self
            .conn
            .query_row(
                "SELECT count(*) FROM (SELECT 1 FROM feed_articles LIMIT ?1)",
                [limit],
                |row| row.get(0),
            )
            .map_err(|error| StoreError::from_sqlite(&self.path, &error))?;
        Ok(counted == limit)
    }

    /// Hands the newest `limit` cached articles (all of them if `None`) to `each` with their
    /// feed's URL, newest first and undated ones last, as the list needs them: without their
    /// body, which [`Store::cached_body`] reads when the article is opened. The rows come
    /// from one covering index, already in order, so that the first screenful costs no more
    /// than a screenful and the whole list reads no page of the bodies. Returns how many rows
    /// could not be read back and were skipped.
    /// Hidden articles are left out: [`Store::each_hidden`] reads them.
    pub fn each_cached(
        &self,
        limit: Option<usize>,
        each: impl FnMut(&str, Article),
    ) -> Result<usize, StoreError> {
        // With nothing hidden (most stores), the rows are read as they were before there
        // was anything to hide: one index, no lookup a row.
        let condition = if self.hides_some()? {
            "id NOT IN (SELECT article_id FROM hidden_articles)"
        } else {
            "1"
        };
        self.each_cached_where(condition, limit, each)
    }

    /// Whether any article is hidden.
    fn hides_some(&self) -> Result<bool, StoreError> {
        self.conn
            .query_row("SELECT EXISTS (SELECT 1 FROM hidden_articles)", [], |row| {
                row.get(0)
            })
            .map_err(|error| StoreError::from_sqlite(&self.path, &error))
    }

    /// The hidden cached articles, as [`Store::each_cached`] hands the others.
    pub fn each_hidden(&self, each: impl FnMut(&str, Article)) -> Result<usize, StoreError> {
        self.each_cached_where("id IN (SELECT article_id FROM hidden_articles)", None, each)
    }

    fn each_cached_where(
        &self,
        condition: &str,
        limit: Option<usize>,
        mut each: impl FnMut(&str, Article),
    ) -> Result<usize, StoreError> {
        let limit = limit.map_or(-1, |limit| i64::try_from(limit).unwrap_or(i64::MAX));
        let mut unreadable = 0;
        let mut read_rows = || {
            let mut statement = self.conn.prepare_cached(&format!(
                "SELECT feed_url, id, title, source, author, url, tags, published
                 FROM feed_articles INDEXED BY feed_articles_list WHERE {condition}
                 ORDER BY published DESC LIMIT ?1"
            ))?;
            let mut rows = statement.query([limit])?;
            while let Some(row) = rows.next()? {
                let published = row.get_ref(7)?.as_str_or_null()?;
                let article = list_article(row)?;
                if published.is_some() && article.published.is_none() {
                    unreadable += 1;
                } else {
                    each(row.get_ref(0)?.as_str()?, article);
                }
            }
            Ok(())
        };
        read_rows()
            .map_err(|error: rusqlite::Error| StoreError::from_sqlite(&self.path, &error))?;
        Ok(unreadable)
    }

    /// The body of a cached article, `None` if it is not cached (any more).
    pub fn cached_body(&self, id: &ArticleId) -> Result<Option<Body>, StoreError> {
        let stored: Option<(String, Option<Vec<u8>>)> = self
            .conn
            .prepare_cached("SELECT snapshot, body FROM feed_articles WHERE id = ?1")
            .and_then(|mut find| {
                find.query_row([id.as_str()], |row| Ok((row.get(0)?, row.get(1)?)))
                    .optional()
            })
            .map_err(|error| StoreError::from_sqlite(&self.path, &error))?;
        let Some((snapshot, packed)) = stored else {
            return Ok(None);
        };
        body::unpack(packed.as_deref(), &snapshot)
            .map(Some)
            .map_err(|detail| StoreError::BadSnapshot {
                id: id.clone(),
                detail: one_line(detail),
            })
    }

    /// How many articles are cached for each feed URL (feeds with none are absent), hidden
    /// ones aside.
    pub fn cached_counts(&self) -> Result<HashMap<String, usize>, StoreError> {
        let counts = self.query_all(
            "SELECT feed_url, count(*) FROM feed_articles
             WHERE id NOT IN (SELECT article_id FROM hidden_articles) GROUP BY feed_url",
            |row| Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?)),
        )?;
        Ok(counts
            .into_iter()
            .map(|(url, count)| (url, usize::try_from(count).unwrap_or(0)))
            .collect())
    }

    /// Retention: removes cached articles older than `keep_days` (by published date, else by
    /// when first seen) and those beyond the newest `keep_per_feed` of each feed (bookmarked
    /// ones count among the newest); bookmarked articles are never removed. `None` is no limit.
    /// Returns how many were removed.
    pub fn prune(
        &self,
        keep_days: Option<u32>,
        keep_per_feed: Option<usize>,
        now: DateTime<Utc>,
    ) -> Result<usize, StoreError> {
        // A limit too far back to reach is no limit.
        let cutoff = keep_days
            .and_then(|days| now.checked_sub_signed(TimeDelta::days(i64::from(days))))
            .map(stored_time);
        let keep = keep_per_feed.map(|count| i64::try_from(count).unwrap_or(i64::MAX));
        if cutoff.is_none() && keep.is_none() {
            return Ok(0);
        }
        self.change(|conn| {
            let mut removed = conn.prepare_cached(
                "DELETE FROM feed_articles WHERE rowid IN (
                     SELECT rowid FROM (
                         SELECT rowid, id, coalesce(published, first_seen) AS dated,
                                ROW_NUMBER() OVER (
                                    PARTITION BY feed_url
                                    ORDER BY coalesce(published, first_seen) DESC, rowid
                                ) AS rank
                         FROM feed_articles
                     )
                     WHERE (dated < ?1 OR rank > ?2)
                       AND id NOT IN (SELECT article_id FROM bookmarks)
                 )
                 RETURNING id, feed_url, last_seen",
            )?;
            let mut remember = conn.prepare_cached(
                "INSERT OR REPLACE INTO pruned_articles (id, feed_url, last_seen) VALUES (?1, ?2, ?3)",
            )?;
            let rows = removed
                .query_map(params![cutoff, keep], |row| {
                    Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get::<_, String>(2)?))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for (id, feed_url, last_seen) in &rows {
                remember.execute(params![id, feed_url, last_seen])?;
            }
            Ok(rows.len())
        })
    }
}

/// A cached article without its body, from a row whose columns 1 to 7 are `id, title,
/// source, author, url, tags, published`.
fn list_article(row: &rusqlite::Row<'_>) -> rusqlite::Result<Article> {
    Ok(Article {
        id: ArticleId::from_stored(row.get(1)?),
        title: row.get(2)?,
        source: row.get(3)?,
        author: row.get(4)?,
        url: row.get(5)?,
        tags: row
            .get_ref(6)?
            .as_str()?
            .split(TAG_SEPARATOR)
            .filter_map(Tag::from_stored)
            .collect(),
        published: row.get_ref(7)?.as_str_or_null()?.and_then(parse_time),
        body: Body::default(),
    })
}

/// A cached article whole, as a bookmark keeps it: its snapshot if it was stored before
/// schema version 7, else made of its list columns and its body. `None` if it is not cached
/// or cannot be read back.
pub(super) fn cached_snapshot(conn: &Connection, id: &str) -> rusqlite::Result<Option<String>> {
    let row = conn
        .prepare_cached(
            "SELECT feed_url, id, title, source, author, url, tags, published, snapshot, body
             FROM feed_articles WHERE id = ?1",
        )?
        .query_row([id], |row| {
            Ok((
                list_article(row)?,
                row.get::<_, String>(8)?,
                row.get::<_, Option<Vec<u8>>>(9)?,
            ))
        })
        .optional()?;
    let Some((mut article, snapshot, packed)) = row else {
        return Ok(None);
    };
    if packed.is_none() {
        return Ok(Some(snapshot));
    }
    let Ok(body) = body::unpack(packed.as_deref(), &snapshot) else {
        return Ok(None);
    };
    article.body = body;
    Ok(serde_json::to_string(&article).ok())
}
