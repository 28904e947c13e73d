//! newsboat's `cache.db`: its feeds (`rss_feed`: address, title, validators) and the items
//! it keeps (`rss_item`), read-only, in any schema of newsboat 2.x (columns a version lacks
//! read as empty).

use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};

use crate::import::column_text;

/// A feed as newsboat keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedFeed {
    pub url: String,
    pub title: String,
    pub etag: Option<String>,
    /// The `Last-Modified` of its last answer, as an HTTP date.
    pub last_modified: Option<String>,
}

/// An item as newsboat keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedItem {
    pub guid: String,
    pub title: String,
    pub author: String,
    pub url: String,
    pub feed_url: String,
    pub published: Option<DateTime<Utc>>,
    pub content: String,
    pub unread: bool,
    pub enclosure_url: Option<String>,
    pub enclosure_type: Option<String>,
    /// newsboat's flag letters (`s`, `a`…).
    pub flags: String,
    pub deleted: bool,
}

/// Everything the cache keeps.
#[derive(Debug, Default)]
pub struct Cache {
    pub feeds: Vec<CachedFeed>,
    pub items: Vec<CachedItem>,
}

/// Reads the cache at `path`; the error says what is wrong with it, in words.
pub fn read(path: &Path) -> Result<Cache, String> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|error| words(&error))?;
    read_from(&conn).map_err(|error| words(&error))
}

fn words(error: &rusqlite::Error) -> String {
    match error.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => "not a newsboat cache (not SQLite)".to_string(),
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => "damaged".to_string(),
        Some(rusqlite::ErrorCode::CannotOpen) => "cannot be opened".to_string(),
        _ => match error {
            rusqlite::Error::SqliteFailure(_, Some(message)) if message.contains("no such") => {
                format!("not a newsboat cache ({message})")
            }
            other => other.to_string(),
        },
    }
}

fn read_from(conn: &Connection) -> rusqlite::Result<Cache> {
    let has = |table: &str, column: &str| -> rusqlite::Result<bool> {
        conn.prepare(&format!(
            "SELECT 1 FROM pragma_table_info('{table}') WHERE name = ?1"
        ))?
        .exists([column])
    };
    // A column an older schema lacks reads as its default.
    let column = |table: &str, column: &str, default: &str| -> rusqlite::Result<String> {
        Ok(if has(table, column)? {
            column.to_string()
        } else {
            default.to_string()
        })
    };
    let etag = column("rss_feed", "etag", "''")?;
    let feeds = conn
        .prepare(&format!(
            "SELECT rssurl, title, {etag}, lastmodified FROM rss_feed ORDER BY rowid"
        ))?
        .query_map([], |row| {
            let etag = column_text(row, 2)?;
            let modified: i64 = row.get::<_, Option<i64>>(3)?.unwrap_or(0);
            Ok(CachedFeed {
                url: column_text(row, 0)?,
                title: column_text(row, 1)?,
                etag: (!etag.is_empty()).then_some(etag),
                last_modified: crate::import::http_date(modified),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let flags = column("rss_item", "flags", "''")?;
    let deleted = column("rss_item", "deleted", "0")?;
    let items = conn
        .prepare(&format!(
            "SELECT guid, title, author, url, feedurl, pubDate, content, unread,
                    enclosure_url, enclosure_type, {flags}, {deleted}
             FROM rss_item ORDER BY feedurl, pubDate DESC, id"
        ))?
        .query_map([], |row| {
            let text = |at: usize| -> rusqlite::Result<String> { column_text(row, at) };
            let published: i64 = row.get::<_, Option<i64>>(5)?.unwrap_or(0);
            Ok(CachedItem {
                guid: text(0)?,
                title: text(1)?,
                author: text(2)?,
                url: text(3)?,
                feed_url: text(4)?,
                published: (published > 0)
                    .then(|| DateTime::from_timestamp(published, 0))
                    .flatten(),
                content: text(6)?,
                unread: row.get::<_, Option<i64>>(7)?.unwrap_or(1) != 0,
                enclosure_url: Some(text(8)?).filter(|url| !url.is_empty()),
                enclosure_type: Some(text(9)?).filter(|kind| !kind.is_empty()),
                flags: text(10)?,
                deleted: row.get::<_, Option<i64>>(11)?.unwrap_or(0) != 0,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Cache { feeds, items })
}
