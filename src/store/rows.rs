//! The feed cache's rows as they are written: an article made ready away from the thread that
//! writes ([`CacheRow`]), and the writing of a feed's rows and the end of its refresh.

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::arrival::{Arrival, NewRow, Ruled, carry_out};
use super::body::{self, Stored};
use super::columns::{TAG_SEPARATOR, stored_time};
use super::feed_state::{FeedState, write_feed_state};
use super::{Store, StoreError, full_texts, text_index};
use crate::digest::digest;
use crate::model::{Article, ArticleId, Tag};
use crate::source::feed::Item;
use crate::source::words::{IndexText, Markup, index_text};

/// What an ingest changed in the cache.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ingested {
    /// Articles not cached before.
    pub new: usize,
    /// Cached articles whose snapshot (or feed) changed.
    pub updated: usize,
    /// What the rules did to the new ones, for the reader that shows them.
    pub ruled: Ruled,
}

impl Store {
    /// Stores a feed's articles, whole, in one transaction with its state (saved under its
    /// own `url`, which should be `feed_url`), as [`Store::store_rows`] and
    /// [`Store::finish_feed`] do. Cached articles missing from `articles` stay until `prune`
    /// removes them.
    pub fn ingest(
        &self,
        feed_url: &str,
        articles: &[Article],
        state: &FeedState,
        at: DateTime<Utc>,
    ) -> Result<Ingested, StoreError> {
        let rows: Vec<CacheRow> = articles.iter().map(CacheRow::from_article).collect();
        let seen = stored_time(at);
        self.change(|conn| {
            let ingested = write_rows(conn, feed_url, &rows, &seen)?;
            finish(conn, state, &seen)?;
            Ok(ingested)
        })
    }

    /// Stores rows of a feed's articles in one transaction: new ids inserted, changed ones
    /// replaced in place, unchanged ones (same hash, same feed) not written at all, and ids
    /// that retention removed while the feed still lists them left out. A feed's rows may
    /// come in several calls with the same `at`, before [`Store::finish_feed`].
    pub fn store_rows(
        &self,
        feed_url: &str,
        rows: &[CacheRow],
        at: DateTime<Utc>,
    ) -> Result<Ingested, StoreError> {
        let ingested = self.store_runs(&[(feed_url, rows)], at)?;
        Ok(ingested.into_iter().next().unwrap_or_default())
    }

    /// [`Store::store_rows`] for runs of rows of several feeds, `(feed_url, rows)`, in one
    /// transaction: what each run changed, in their order.
    pub fn store_runs(
        &self,
        runs: &[(&str, &[CacheRow])],
        at: DateTime<Utc>,
    ) -> Result<Vec<Ingested>, StoreError> {
        let seen = stored_time(at);
        self.change(|conn| {
            runs.iter()
                .map(|(feed_url, rows)| write_rows(conn, feed_url, rows, &seen))
                .collect()
        })
    }

    /// Ends the storing of a feed read whole at `at`: saves its state, and forgets what
    /// retention removed that the feed no longer lists.
    pub fn finish_feed(&self, state: &FeedState, at: DateTime<Utc>) -> Result<(), StoreError> {
        let seen = stored_time(at);
        self.change(|conn| finish(conn, state, &seen))
    }
}

/// One article as the cache stores it, made ready away from the thread that writes: its list
/// columns, its body packed, a hash of both, and its words for the search index.
#[derive(Debug, Clone)]
pub struct CacheRow {
    pub(super) id: ArticleId,
    pub(super) published: Option<String>,
    pub(super) title: String,
    pub(super) source: String,
    pub(super) author: Option<String>,
    pub(super) url: Option<String>,
    pub(super) tags: String,
    pub(super) hash: i64,
    pub(super) body: Vec<u8>,
    /// What the search index finds it by (its title's pairs included).
    pub(super) text: IndexText,
}

impl CacheRow {
    /// The row as the rules look at it.
    fn for_rules(&self) -> NewRow<'_> {
        NewRow {
            title: &self.title,
            source: &self.source,
            author: self.author.as_deref(),
            url: self.url.as_deref(),
            tags: &self.tags,
            published: self.published.as_deref(),
            text: &self.text,
        }
    }

    /// An item as a feed gave it: its body is made when the article is opened.
    pub fn from_item(item: &Item) -> CacheRow {
        let text = index_text(&item.body.text, Markup::Html);
        Self::new(
            &item.article,
            &Stored::Item(Cow::Borrowed(&item.body)),
            &text,
        )
    }

    /// A whole article, its body made.
    pub fn from_article(article: &Article) -> CacheRow {
        let text = index_text(&article.body.plain_text(), Markup::Plain);
        Self::new(article, &Stored::Made(Cow::Borrowed(&article.body)), &text)
    }

    fn new(article: &Article, stored: &Stored<'_>, text: &IndexText) -> CacheRow {
        let published = article.published.map(stored_time);
        let tags = joined_tags(article);
        let mut hashed = body::json(stored);
        let body = body::pack(&hashed);
        for field in [
            article.title.as_str(),
            &article.source,
            article.author.as_deref().unwrap_or_default(),
            article.url.as_deref().unwrap_or_default(),
            &tags,
            published.as_deref().unwrap_or_default(),
        ] {
            hashed.push(0x1f);
            hashed.extend_from_slice(field.as_bytes());
        }
        CacheRow {
            id: article.id.clone(),
            published,
            title: article.title.clone(),
            source: article.source.clone(),
            author: article.author.clone(),
            url: article.url.clone(),
            tags,
            // Stored as SQLite's 64-bit integer, bit for bit.
            hash: digest(&hashed) as i64,
            body,
            text: text_index::of_title_and_text(&article.title, text),
        }
    }
}

/// See [`Store::store_rows`](super::Store::store_rows).
pub(super) fn write_rows(
    conn: &Connection,
    feed_url: &str,
    rows: &[CacheRow],
    seen: &str,
) -> rusqlite::Result<Ingested> {
    let mut find =
        conn.prepare_cached("SELECT hash, feed_url, rowid FROM feed_articles WHERE id = ?1")?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO feed_articles (id, feed_url, snapshot, published, first_seen, last_seen,
                                    title, source, author, url, tags, hash, body)
         VALUES (?1, ?2, '', ?3, ?4, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    let mut replace = conn.prepare_cached(
        "UPDATE feed_articles SET feed_url = ?2, snapshot = '', published = ?3, last_seen = ?4,
             title = ?5, source = ?6, author = ?7, url = ?8, tags = ?9, hash = ?10, body = ?11
         WHERE id = ?1",
    )?;
    let mut still_pruned =
        conn.prepare_cached("UPDATE pruned_articles SET last_seen = ?2 WHERE id = ?1")?;
    let arrival = Arrival::read(conn, Utc::now())?;
    let mut ingested = Ingested::default();
    for row in rows {
        let id = row.id.as_str();
        // Retention removed it; the feed still lists it: it stays removed.
        if still_pruned.execute(params![id, seen])? > 0 {
            continue;
        }
        let values = |tags: &str| {
            (
                id,
                feed_url,
                row.published.as_deref(),
                seen,
                row.title.as_str(),
                row.source.as_str(),
                row.author.as_deref(),
                row.url.as_deref(),
                tags.to_string(),
                row.hash,
                row.body.as_slice(),
            )
        };
        let known: Option<(i64, String, i64)> = find
            .query_row([id], |found| {
                Ok((found.get(0)?, found.get(1)?, found.get(2)?))
            })
            .optional()?;
        match known {
            None => {
                let fate = (!arrival.is_empty()).then(|| arrival.judge(&row.for_rules(), feed_url));
                let tags = fate.as_ref().and_then(|fate| fate.tags.as_deref());
                insert.execute(values(tags.unwrap_or(&row.tags)))?;
                // A new article has no full text yet: it is indexed with it when one comes.
                text_index::write(conn, conn.last_insert_rowid(), &row.title, &row.text)?;
                if let Some(fate) = &fate {
                    carry_out(conn, id, fate, seen)?;
                    ingested.ruled.note(&row.id, fate);
                }
                ingested.new += 1;
            }
            Some((hash, feed, _)) if hash == row.hash && feed == feed_url => {}
            Some((hash, _, rowid)) => {
                // A tag a rule gave stays with the article when its feed changes it; the
                // rules' other actions were done when it arrived.
                let fate = (!arrival.is_empty()).then(|| arrival.judge(&row.for_rules(), feed_url));
                let tags = fate.as_ref().and_then(|fate| fate.tags.as_deref());
                replace.execute(values(tags.unwrap_or(&row.tags)))?;
                // A full text read from another address is not this article's now.
                full_texts::forget_stale(conn, &row.id, row.url.as_deref())?;
                text_index::remove(conn, rowid)?;
                let text =
                    full_texts::indexed_text(conn, &row.id, row.url.as_deref(), row.text.clone())?;
                text_index::write(conn, rowid, &row.title, &text)?;
                // A row stored before version 4 has no hash: it is stored again, but it may
                // well be the same article.
                if hash != LEGACY_HASH {
                    ingested.updated += 1;
                }
            }
        }
    }
    Ok(ingested)
}

/// The hash of rows stored before schema version 4.
const LEGACY_HASH: i64 = 0;

/// See [`Store::finish_feed`](super::Store::finish_feed).
pub(super) fn finish(conn: &Connection, state: &FeedState, seen: &str) -> rusqlite::Result<()> {
    conn.execute(
        "DELETE FROM pruned_articles WHERE feed_url = ?1 AND last_seen < ?2",
        params![state.url, seen],
    )?;
    write_feed_state(conn, state)
}

fn joined_tags(article: &Article) -> String {
    let tags: Vec<&str> = article.tags.iter().map(Tag::as_str).collect();
    tags.join(&TAG_SEPARATOR.to_string())
}
