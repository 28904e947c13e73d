//! The SQLite store: bookmarks with article snapshots, read state, feed subscriptions and the
//! feed cache (`feeds`).
//!
//! One database file, `tidings.db`, in the data dir. Every change is its own IMMEDIATE
//! transaction with `synchronous=FULL` in WAL mode, so a change is on disk when the call
//! returns and two running tidings can share one data dir; only a refresh's writes to the
//! feed cache wait for the next checkpoint ([`Store::with_cache_writes`]). An existing file is
//! never deleted, truncated or recreated: a file that is damaged, foreign or from a newer
//! build is refused before anything is written to it.

mod arrival;
mod body;
mod bookmarks;
mod columns;
mod error;
mod feed_state;
mod feeds;
mod full_texts;
mod import;
mod queries;
mod read_marks;
mod reindex;
mod rows;
mod schema;
mod search;
mod sync;
mod sync_queue;
#[cfg(test)]
mod tests;
mod text_index;

pub use arrival::Ruled;
pub use bookmarks::{Bookmark, Bookmarks, Unstarred};
pub use error::StoreError;
pub use feed_state::FeedState;
pub use feeds::Subscription;
pub use full_texts::{PendingFullText, StoredFullText};
pub use import::{Arrived, Import, Imported, Validators};
pub use read_marks::FeedCount;
pub use reindex::Reindexing;
pub use rows::{CacheRow, Ingested};
pub use sync::{
    FeedListChange, MovedFeed, ServerFeed, ServerItem, ServerState, StateChanges, SyncStatus,
};
pub use sync_queue::{Change, MarkKind, Queued, READING_LIST, ReadScope};

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

use crate::model::ArticleId;
use error::one_line;

/// Databases up to this size are checked whole when opened: bookmarks, read marks and a
/// cache of a few thousand articles (about 20 ms here). A cache of 10,000 articles, about
/// 55 MB since schema version 7, took 60 ms more to start.
const QUICK_CHECK_LIMIT: u64 = 16 * 1024 * 1024;

/// The page size of a new database.
const PAGE_SIZE: i64 = 16 * 1024;

/// The page cache of a connection, in KiB as `PRAGMA cache_size` counts them when negative: the
/// reader's connections read the list and the index a page at a time and again, and the
/// system keeps the file in memory anyway; the reader's budget has little room.
pub(super) const CACHE_KIB: i64 = -1024;

/// How often the checkpoints of [`Store::with_cache_writes`] run.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(100);

/// Stops the checkpoint thread when dropped: sets its flag and wakes it, so that a short
/// refresh does not wait out its pause.
struct Stop<'a> {
    done: &'a std::sync::atomic::AtomicBool,
    thread: &'a std::thread::Thread,
}

impl Drop for Stop<'_> {
    fn drop(&mut self) {
        self.done.store(true, std::sync::atomic::Ordering::Relaxed);
        self.thread.unpark();
    }
}

/// Checkpoints the database at `path` on a connection of its own, every
/// [`CHECKPOINT_EVERY`], until `done` (the thread is unparked then). A passive checkpoint
/// waits for no one: what a commit under way has written is copied next time.
fn checkpoint_while(path: &Path, done: &std::sync::atomic::AtomicBool) {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let Ok(conn) = Connection::open_with_flags(path, flags) else {
        return;
    };
    let _ = conn.pragma_update(None, "synchronous", "NORMAL");
    loop {
        std::thread::park_timeout(CHECKPOINT_EVERY);
        if done.load(std::sync::atomic::Ordering::Relaxed) {
            return;
        }
        let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
    }
}

/// Switches the database to WAL, which lets a reader and a writer work at once. Where WAL is
/// unavailable (some network file systems) SQLite keeps its rollback journal, which is still
/// safe, so the mode it reports is not insisted on.
///
/// SQLite answers `PRAGMA journal_mode = WAL` with "database is locked" at once, without
/// waiting the busy timeout, when another connection is switching the same new file at the
/// same moment; so a busy answer is retried here until the timeout has passed.
fn use_write_ahead_log(conn: &Connection, busy_timeout: Duration) -> rusqlite::Result<()> {
    let deadline = Instant::now() + busy_timeout;
    loop {
        match conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(())) {
            Err(error)
                if error.sqlite_error_code() == Some(ErrorCode::DatabaseBusy)
                    && Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            result => return result,
        }
    }
}

/// The open database. Not shared between threads; each thread or process opens its own.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Which article each cached row holds, for search; dropped by every change made here.
    row_ids: search::RowIdCache,
}

impl Store {
    pub const FILE_NAME: &'static str = "tidings.db";
    /// How long a call waits for another program's write before giving up with `Locked`.
    pub const DEFAULT_BUSY_TIMEOUT: Duration = Duration::from_secs(2);

    /// Opens (creating the folder and file if needed) and migrates forward.
    pub fn open(data_dir: &Path) -> Result<Store, StoreError> {
        Self::open_with_timeout(data_dir, Self::DEFAULT_BUSY_TIMEOUT)
    }

    /// Same with a custom busy timeout (tests use a short one).
    pub fn open_with_timeout(data_dir: &Path, busy_timeout: Duration) -> Result<Store, StoreError> {
        Self::open_at_version(data_dir, busy_timeout, schema::CURRENT_VERSION)
    }

    /// Opens and migrates forward as far as `version`: the current one, or an older one for
    /// tests that write a database as an older build did.
    fn open_at_version(
        data_dir: &Path,
        busy_timeout: Duration,
        version: i64,
    ) -> Result<Store, StoreError> {
        std::fs::create_dir_all(data_dir).map_err(|error| StoreError::Unwritable {
            path: data_dir.to_path_buf(),
            detail: one_line(error),
        })?;
        let path = data_dir.join(Self::FILE_NAME);
        let sqlite_error = |error: rusqlite::Error| StoreError::from_sqlite(&path, &error);

        // Opening reads nothing and writes nothing; SQLite only creates the file if missing.
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(&path, flags).map_err(sqlite_error)?;
        if conn.is_readonly("main").map_err(sqlite_error)? {
            return Err(StoreError::Unwritable {
                path,
                detail: "the file is read-only".to_string(),
            });
        }
        conn.busy_timeout(busy_timeout).map_err(sqlite_error)?;

        // Look before writing: the version check and the integrity check only read.
        match schema::inspect(&conn).map_err(sqlite_error)? {
            schema::Verdict::Usable => {}
            schema::Verdict::Foreign(why) => {
                return Err(StoreError::Corrupt {
                    path,
                    detail: why.to_string(),
                });
            }
            schema::Verdict::Newer(found) => {
                return Err(StoreError::NewerSchema {
                    path,
                    found,
                    supported: schema::CURRENT_VERSION,
                });
            }
        }
        // A whole-file check reads every page: worth it at open for a database of bookmarks,
        // too slow for a large feed cache, where damage shows as an error when it is read.
        let small = std::fs::metadata(&path).is_ok_and(|meta| meta.len() <= QUICK_CHECK_LIMIT);
        let check: String = if small {
            // In one snapshot with the schema it reads: another tidings migrating the same new
            // file may replace the full-text index meanwhile (schema version 7 does).
            let snapshot =
                rusqlite::Transaction::new_unchecked(&conn, TransactionBehavior::Deferred)
                    .map_err(sqlite_error)?;
            snapshot
                .query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
                .map_err(sqlite_error)?;
            let check = snapshot
                .query_row("PRAGMA quick_check(1)", [], |row| row.get(0))
                .map_err(sqlite_error)?;
            snapshot.finish().map_err(sqlite_error)?;
            check
        } else {
            "ok".to_string()
        };
        if check != "ok" {
            return Err(StoreError::Corrupt {
                path,
                detail: one_line(check),
            });
        }

        // From here on the file is ours to write. A new file gets pages of 16 KiB: an
        // article's packed body fits in one with others, and a refresh writes a quarter as
        // many pages (it applies only to a file that holds nothing yet).
        conn.pragma_update(None, "page_size", PAGE_SIZE)
            .map_err(sqlite_error)?;
        use_write_ahead_log(&conn, busy_timeout).map_err(sqlite_error)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(sqlite_error)?;
        conn.pragma_update(None, "cache_size", CACHE_KIB)
            .map_err(sqlite_error)?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(sqlite_error)?;
        conn.set_transaction_behavior(TransactionBehavior::Immediate);
        schema::migrate(&conn, version).map_err(sqlite_error)?;
        Ok(Store {
            conn,
            path,
            row_ids: search::RowIdCache::default(),
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `work` (a refresh) with commits made durable at checkpoints rather than each one
    /// (`synchronous = NORMAL`): a refresh commits many times, and what a crash of the machine
    /// could undo of it is fetched again next time, since a feed's rows and the hash of its
    /// document are committed together. Other writes keep `FULL`. Meanwhile a thread of its
    /// own copies what the log holds into the database (a checkpoint) every little while,
    /// so that the writing thread does not, and little is left to copy at the end.
    pub fn with_cache_writes<T>(&self, work: impl FnOnce() -> T) -> T {
        let _ = self.conn.pragma_update(None, "synchronous", "NORMAL");
        let _ = self.conn.pragma_update(None, "wal_autocheckpoint", 0);
        let _ = self.conn.pragma_update(None, "cache_size", -16384);
        let done = std::sync::atomic::AtomicBool::new(false);
        let path = self.path.as_path();
        let result = std::thread::scope(|scope| {
            let checkpoints = scope.spawn(|| checkpoint_while(path, &done));
            // Told to stop however `work` ends: a panic in it must not leave the scope
            // waiting for the checkpoints forever (a `tidings refresh` that never exits).
            let _stop = Stop {
                done: &done,
                thread: checkpoints.thread(),
            };
            work()
        });
        let _ = self.conn.pragma_update(None, "cache_size", CACHE_KIB);
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
        let _ = self.conn.pragma_update(None, "wal_autocheckpoint", 1000);
        let _ = self.conn.pragma_update(None, "synchronous", "FULL");
        result
    }

    /// Runs one change in its own IMMEDIATE transaction and commits it to disk.
    fn change<T>(
        &self,
        apply: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        self.row_ids.take();
        let run = || {
            let transaction = self.conn.unchecked_transaction()?;
            let result = apply(&transaction)?;
            transaction.commit()?;
            Ok(result)
        };
        run().map_err(|error| StoreError::from_sqlite(&self.path, &error))
    }

    fn query_all<T>(
        &self,
        sql: &str,
        read_row: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, StoreError> {
        let run = || {
            let mut statement = self.conn.prepare_cached(sql)?;
            let rows = statement.query_map([], read_row)?;
            rows.collect::<rusqlite::Result<Vec<T>>>()
        };
        run().map_err(|error| StoreError::from_sqlite(&self.path, &error))
    }

    fn ids_in(&self, sql: &str) -> Result<HashSet<ArticleId>, StoreError> {
        let ids = self.query_all(sql, |row| row.get::<_, String>(0))?;
        Ok(ids.into_iter().map(ArticleId::from_stored).collect())
    }
}
