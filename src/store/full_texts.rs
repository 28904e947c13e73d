//! Full texts: the article of each article's web page, kept with the article (or why it
//! could not be had), searched with it, and copied into its bookmark.
//!
//! A text is kept under the article's id with the address it was read from; once the
//! article's address changes it is stale and is dropped. A cached article's text goes
//! with it; a bookmark keeps its own copy in its snapshot (under `full_text`).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::body;
use super::columns::{parse_time, stored_time};
use super::error::one_line;
use super::text_index;
use super::{Store, StoreError};
use crate::model::{ArticleId, Body, FullText};
use crate::source::words::{IndexText, Markup, index_text};

/// What the store knows of an article's full text.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredFullText {
    /// The address it was read from, or tried.
    pub url: String,
    pub fetched_at: DateTime<Utc>,
    /// The text, or why there is none, in words.
    pub result: Result<Body, String>,
}

impl StoredFullText {
    /// The text, if there is one.
    pub fn text(&self) -> Option<FullText> {
        let body = self.result.as_ref().ok()?;
        Some(FullText {
            url: self.url.clone(),
            body: body.clone(),
        })
    }
}

/// An article of a `full_text` feed whose text has not been fetched yet.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingFullText {
    pub id: ArticleId,
    pub url: String,
    pub title: String,
    /// The feed's text of it, to check the page's article against.
    pub summary: String,
}

impl Store {
    /// Keeps what came of reading an article's page: its text, or why there is none (which
    /// replaces an earlier failure, never an earlier text). A text is also put in the
    /// search index of the cached article and in the article's bookmark, if it has them.
    pub fn save_full_text(
        &self,
        id: &ArticleId,
        url: &str,
        result: &Result<Body, String>,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let (body, error) = match result {
            Ok(body) => {
                let json =
                    serde_json::to_string(body).map_err(|error| StoreError::BadSnapshot {
                        id: id.clone(),
                        detail: one_line(error),
                    })?;
                (Some(json), None)
            }
            Err(error) => (None, Some(one_line(error))),
        };
        self.change(|conn| {
            let kept = conn.execute(
                "INSERT INTO full_texts (article_id, url, fetched_at, body, error)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (article_id) DO UPDATE SET
                     url = excluded.url, fetched_at = excluded.fetched_at,
                     body = excluded.body, error = excluded.error
                 WHERE excluded.body IS NOT NULL OR full_texts.body IS NULL
                     OR full_texts.url <> excluded.url",
                params![id.as_str(), url, stored_time(at), body, error],
            )?;
            if kept > 0 && body.is_some() {
                reindex(conn, id)?;
                copy_into_bookmark(conn, id)?;
            }
            Ok(())
        })
    }

    /// The full text kept for an article (or why there is none), else its bookmark's copy.
    pub fn full_text(&self, id: &ArticleId) -> Result<Option<StoredFullText>, StoreError> {
        let read = || {
            let row: Option<(String, String, Option<String>, Option<String>)> = self
                .conn
                .prepare_cached(
                    "SELECT url, fetched_at, body, error FROM full_texts WHERE article_id = ?1
                     UNION ALL
                     SELECT json_extract(snapshot, '$.full_text.url'), saved_at,
                            json_extract(snapshot, '$.full_text.body'), NULL
                     FROM bookmarks
                     WHERE article_id = ?1 AND json_extract(snapshot, '$.full_text') IS NOT NULL
                     LIMIT 1",
                )?
                .query_row([id.as_str()], |row| {
                    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
                })
                .optional()?;
            Ok(row)
        };
        let row =
            read().map_err(|error: rusqlite::Error| StoreError::from_sqlite(&self.path, &error))?;
        let Some((url, fetched_at, body, error)) = row else {
            return Ok(None);
        };
        let result = match (body, error) {
            (Some(body), _) => Ok(serde_json::from_str::<Body>(&body).map_err(|error| {
                StoreError::BadSnapshot {
                    id: id.clone(),
                    detail: format!("its full text: {}", one_line(error)),
                }
            })?),
            (None, error) => Err(error.unwrap_or_default()),
        };
        Ok(Some(StoredFullText {
            url,
            fetched_at: parse_time(&fetched_at).unwrap_or_default(),
            result,
        }))
    }

    /// Every article whose full text has been read and kept (`is:fulltext`), its bookmark's
    /// copy included.
    pub fn full_text_ids(&self) -> Result<Vec<ArticleId>, StoreError> {
        let read = || -> rusqlite::Result<Vec<ArticleId>> {
            self.conn
                .prepare_cached(
                    "SELECT article_id FROM full_texts WHERE body IS NOT NULL
                     UNION SELECT article_id FROM bookmarks
                     WHERE json_extract(snapshot, '$.full_text.body') IS NOT NULL",
                )?
                .query_map([], |row| row.get::<_, String>(0))?
                .map(|id| id.map(ArticleId::from_stored))
                .collect()
        };
        read().map_err(|error| StoreError::from_sqlite(&self.path, &error))
    }

    /// The newest cached articles of the feeds at `feed_urls` that have an address and no
    /// full text (nor a failure) kept for it, at most `limit`.
    pub fn pending_full_texts(
        &self,
        feed_urls: &[String],
        limit: usize,
    ) -> Result<Vec<PendingFullText>, StoreError> {
        let mut pending = Vec::new();
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut find = || {
            let mut statement = self.conn.prepare_cached(
                "SELECT a.id, a.url, a.title, a.snapshot, a.body
                 FROM feed_articles AS a
                 WHERE a.feed_url = ?1 AND a.url IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM full_texts AS f
                                   WHERE f.article_id = a.id AND f.url = a.url)
                 ORDER BY a.published DESC LIMIT ?2",
            )?;
            for feed_url in feed_urls {
                let rows = statement.query_map(params![feed_url, limit], |row| {
                    let snapshot: String = row.get(3)?;
                    let packed: Option<Vec<u8>> = row.get(4)?;
                    let summary = body::unpack(packed.as_deref(), &snapshot)
                        .map(|body| body.plain_text())
                        .unwrap_or_default();
                    Ok(PendingFullText {
                        id: ArticleId::from_stored(row.get(0)?),
                        url: row.get(1)?,
                        title: row.get(2)?,
                        summary,
                    })
                })?;
                for row in rows {
                    pending.push(row?);
                }
            }
            Ok(())
        };
        find().map_err(|error: rusqlite::Error| StoreError::from_sqlite(&self.path, &error))?;
        Ok(pending)
    }
}

/// Indexes a cached article's title, feed text and full text together for search.
pub(super) fn reindex(conn: &Connection, id: &ArticleId) -> rusqlite::Result<()> {
    // The row, title and address of the article, and the words of its feed text.
    type Found = (i64, String, Option<String>, Result<IndexText, String>);
    let row: Option<Found> = conn
        .prepare_cached(
            "SELECT rowid, title, url, snapshot, body FROM feed_articles WHERE id = ?1",
        )?
        .query_row([id.as_str()], |row| {
            let packed: Option<Vec<u8>> = row.get(4)?;
            let words = body::words(packed.as_deref(), row.get_ref(3)?.as_str()?);
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, words))
        })
        .optional()?;
    let Some((rowid, title, url, Ok(words))) = row else {
        return Ok(());
    };
    text_index::remove(conn, rowid)?;
    let text = text_index::of_title_and_text(&title, &words);
    text_index::write(
        conn,
        rowid,
        &title,
        &indexed_text(conn, id, url.as_deref(), text)?,
    )
}

/// What a cached article is found by: its title's and feed text's words (`text`), and its
/// full text's if it has one read from its address.
pub(super) fn indexed_text(
    conn: &Connection,
    id: &ArticleId,
    url: Option<&str>,
    mut text: IndexText,
) -> rusqlite::Result<IndexText> {
    let full: Option<String> = conn
        .prepare_cached(
            "SELECT body FROM full_texts WHERE article_id = ?1 AND body IS NOT NULL AND url = ?2",
        )?
        .query_row(params![id.as_str(), url], |row| row.get(0))
        .optional()?;
    if let Some(body) = full.and_then(|body| serde_json::from_str::<Body>(&body).ok()) {
        text.append(&index_text(&body.plain_text(), Markup::Plain));
    }
    Ok(text)
}

/// Puts an article's kept full text into its bookmark's snapshot, if it is bookmarked.
pub(super) fn copy_into_bookmark(conn: &Connection, id: &ArticleId) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "UPDATE bookmarks SET snapshot = json_set(snapshot, '$.full_text',
             (SELECT json_object('url', url, 'body', json(body)) FROM full_texts
              WHERE article_id = ?1 AND body IS NOT NULL))
         WHERE article_id = ?1
           AND EXISTS (SELECT 1 FROM full_texts WHERE article_id = ?1 AND body IS NOT NULL)",
    )?
    .execute([id.as_str()])?;
    Ok(())
}

/// Drops a kept full text read from another address than the article's own now.
pub(super) fn forget_stale(
    conn: &Connection,
    id: &ArticleId,
    url: Option<&str>,
) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM full_texts WHERE article_id = ?1 AND url IS NOT ?2")?
        .execute(params![id.as_str(), url])?;
    Ok(())
}
