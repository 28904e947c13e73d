//! What moves in from another reader, stored in one transaction: its subscriptions, the
//! validators of its feeds, its articles with their read marks, stars and deletions, its
//! saved queries and its rules. Nothing already here is changed (an article already stored
//! keeps what a refresh stored): an import run twice adds nothing the second time.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::columns::stored_time;
use super::queries::{add_rule, add_saved_query, hide_one};
use super::rows::{CacheRow, write_rows};
use super::{Store, StoreError};
use crate::model::{Article, Subscription};
use crate::query::{Query, RuleAction};

/// The page cache of the import's transaction, in KiB (negative, as SQLite counts it).
const IMPORT_CACHE_KIB: i64 = -65536;

/// The memory of the index's pending terms during an import, and as SQLite's FTS5 has it.
const IMPORT_HASH_BYTES: i64 = 16 * 1024 * 1024;
const DEFAULT_HASH_BYTES: i64 = 1024 * 1024;

/// Everything an import brings.
#[derive(Debug, Default)]
pub struct Import {
    /// What brought it: "newsboat", "newsraft".
    pub by: String,
    pub feeds: Vec<Subscription>,
    /// Each feed's own title and validators, so that the first refresh can be a 304.
    pub validators: Vec<Validators>,
    pub articles: Vec<Arrived>,
    pub queries: Vec<(String, Query)>,
    pub rules: Vec<(Query, RuleAction)>,
}

#[derive(Debug, Clone, Default)]
pub struct Validators {
    pub url: String,
    pub title: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// One article with what the other reader knew of it.
#[derive(Debug)]
pub struct Arrived {
    pub feed_url: String,
    pub row: CacheRow,
    /// The whole article, kept as the bookmark's copy when it was starred there.
    pub starred: Option<Article>,
    pub read: bool,
    /// Deleted there: it comes in hidden, so that it does not come back.
    pub hidden: bool,
}

/// What an import changed here.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Imported {
    pub feeds: usize,
    pub articles: usize,
    pub read: usize,
    pub bookmarked: usize,
    pub hidden: usize,
    pub queries: usize,
    pub rules: usize,
}

impl Imported {
    pub fn is_nothing(&self) -> bool {
        *self == Imported::default()
    }
}

impl Store {
    /// Stores `import`, then the articles `streamed` hands over as they are made ready (on
    /// another thread, while these are written), all in one transaction.
    pub fn import(
        &self,
        import: &Import,
        streamed: impl Iterator<Item = Result<Arrived, String>>,
        at: DateTime<Utc>,
    ) -> Result<Imported, StoreError> {
        let seen = stored_time(at);
        // One transaction of many rows: with the connection's small page cache, SQLite
        // would read the index's pages back again and again as the transaction grows.
        let _ = self
            .conn
            .pragma_update(None, "cache_size", IMPORT_CACHE_KIB);
        let imported = self.change(|conn| {
            // The index's terms kept in memory far longer before each is written out: one
            // transaction of many rows otherwise sorts and writes the index's pending terms
            // hundreds of times.
            for index in ["feed_text", "feed_grams"] {
                conn.execute(
                    &format!("INSERT INTO {index} ({index}, rank) VALUES ('hashsize', ?1)"),
                    [IMPORT_HASH_BYTES],
                )?;
            }
            let mut done = Imported::default();
            for feed in &import.feeds {
                done.feeds += conn.execute(
                    "INSERT INTO subscriptions (url, name, tags, added_at, every, full_text)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (url) DO NOTHING",
                    params![
                        feed.url,
                        feed.name,
                        serde_json::Value::from(feed.tags.clone()).to_string(),
                        seen,
                        feed.every,
                        feed.full_text
                    ],
                )?;
            }
            for known in &import.validators {
                conn.execute(
                    "INSERT INTO feed_state (url, title, etag, last_modified) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (url) DO NOTHING",
                    params![known.url, known.title, known.etag, known.last_modified],
                )?;
            }
            for batch in import.articles.chunks(BATCH) {
                write_batch(conn, batch, &seen, &mut done)?;
            }
            let mut batch = Vec::with_capacity(BATCH);
            for arrived in streamed {
                // Nothing is half imported: an article that could not be made ready undoes
                // the whole transaction.
                let arrived = arrived.map_err(|why| {
                    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Null, why.into())
                })?;
                batch.push(arrived);
                if batch.len() == BATCH {
                    write_batch(conn, &batch, &seen, &mut done)?;
                    batch.clear();
                }
            }
            write_batch(conn, &batch, &seen, &mut done)?;
            for (name, query) in &import.queries {
                done.queries += usize::from(add_saved_query(conn, name, query, &import.by, at)?);
            }
            for (query, action) in &import.rules {
                done.rules += usize::from(add_rule(conn, query, action, &import.by, at)?);
            }
            for index in ["feed_text", "feed_grams"] {
                conn.execute(
                    &format!("INSERT INTO {index} ({index}, rank) VALUES ('hashsize', ?1)"),
                    [DEFAULT_HASH_BYTES],
                )?;
            }
            Ok(done)
        });
        let _ = self
            .conn
            .pragma_update(None, "cache_size", super::CACHE_KIB);
        imported
    }
}

/// Articles written at once, a feed's run of them at a time.
const BATCH: usize = 256;

/// Writes `batch`, each feed's run of rows together, then each article's read mark, star
/// and hiding. An article here already stays as it is: a refresh since the first import may
/// have stored it better than the other reader kept it.
fn write_batch(
    conn: &rusqlite::Connection,
    batch: &[Arrived],
    seen: &str,
    done: &mut Imported,
) -> rusqlite::Result<()> {
    let mut known = conn.prepare_cached("SELECT 1 FROM feed_articles WHERE id = ?1")?;
    let mut start = 0;
    while start < batch.len() {
        let feed_url = &batch[start].feed_url;
        let end = batch[start..]
            .iter()
            .position(|arrived| &arrived.feed_url != feed_url)
            .map_or(batch.len(), |len| start + len);
        let mut rows: Vec<CacheRow> = Vec::with_capacity(end - start);
        for arrived in &batch[start..end] {
            if !known.exists([arrived.row.id.as_str()])? {
                rows.push(arrived.row.clone());
            }
        }
        done.articles += write_rows(conn, feed_url, &rows, seen)?.new;
        start = end;
    }
    let mut mark = conn.prepare_cached(
        "INSERT INTO read_marks (article_id, read_at) VALUES (?1, ?2)
         ON CONFLICT (article_id) DO NOTHING",
    )?;
    let mut star = conn.prepare_cached(
        "INSERT INTO bookmarks (article_id, saved_at, snapshot) VALUES (?1, ?2, ?3)
         ON CONFLICT (article_id) DO NOTHING",
    )?;
    for arrived in batch {
        let id = arrived.row.id.as_str();
        if arrived.read {
            done.read += mark.execute(params![id, seen])?;
        }
        if let Some(article) = &arrived.starred {
            let snapshot = serde_json::to_string(article).unwrap_or_default();
            done.bookmarked += star.execute(params![id, seen, snapshot])?;
        }
        if arrived.hidden {
            done.hidden += hide_one(conn, id, seen)?;
        }
    }
    Ok(())
}
