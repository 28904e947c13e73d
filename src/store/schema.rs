//! The database schema and its forward migrations, numbered by `PRAGMA user_version`.

use rusqlite::Connection;

/// The schema version this build writes and understands.
pub const CURRENT_VERSION: i64 = 11;

/// `PRAGMA application_id` of a tidings database ("tidi" in ASCII), so that a SQLite file
/// that belongs to another program is recognised and left alone.
pub const APPLICATION_ID: i64 = 0x7469_6469;

/// `MIGRATIONS[n]` takes a database from version `n` to version `n + 1`.
const MIGRATIONS: &[&str] = &[
    V1_BOOKMARKS_AND_READ_MARKS,
    V2_FEEDS_AND_FEED_CACHE,
    V3_LIST_INDEX,
    V4_REFRESH_INTERVALS,
    V5_SYNC,
    V6_FULL_TEXT,
    V7_PACKED_BODIES,
    V8_SOURCE_HASH,
    V9_SEARCH_IN_EVERY_SCRIPT,
    V10_FRESHNESS_AND_FOLDERS,
    V11_QUERIES_RULES_AND_HIDDEN,
];

/// Version 1: bookmarks with a JSON snapshot of the article, and read marks.
/// Times are RFC 3339 text in UTC with nine fractional digits, so that text order is time order.
const V1_BOOKMARKS_AND_READ_MARKS: &str = "
    CREATE TABLE bookmarks (
        article_id TEXT PRIMARY KEY NOT NULL,
        saved_at TEXT NOT NULL,
        snapshot TEXT NOT NULL
    ) STRICT;
    CREATE INDEX bookmarks_by_saved_at ON bookmarks (saved_at);
    CREATE TABLE read_marks (
        article_id TEXT PRIMARY KEY NOT NULL,
        read_at TEXT NOT NULL
    ) STRICT;
    PRAGMA application_id = 1953064041;
";

/// Version 2: subscriptions made on the command line or by OPML import, what is known of each
/// feed between fetches (config feeds too), and the cache of feed articles, each a JSON
/// snapshot like a bookmark's with what the list shows beside it (title, source, author,
/// address, tags joined by U+001F) so that start-up reads no bodies, and the articles
/// retention removed, and a full-text index of each cached article's title and text (rowid
/// for rowid, kept in step by ingest and a trigger), for search without reading bodies; and
/// the articles retention removed while their feed still
/// lists them, so that a refresh does not bring them back. Tags are a JSON array of strings. Times are as in version 1;
/// an article's `published` is its date, if it has one, in the same form.
const V2_FEEDS_AND_FEED_CACHE: &str = "
    CREATE TABLE subscriptions (
        url TEXT PRIMARY KEY NOT NULL,
        name TEXT,
        tags TEXT NOT NULL CHECK (json_type(tags) = 'array'),
        added_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE feed_state (
        url TEXT PRIMARY KEY NOT NULL,
        title TEXT,
        etag TEXT,
        last_modified TEXT,
        last_attempt TEXT,
        last_success TEXT,
        last_error TEXT,
        retry_after TEXT,
        fresh_until TEXT
    ) STRICT;
    CREATE TABLE feed_articles (
        id TEXT PRIMARY KEY NOT NULL,
        feed_url TEXT NOT NULL,
        snapshot TEXT NOT NULL,
        published TEXT,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        title TEXT NOT NULL,
        source TEXT NOT NULL,
        author TEXT,
        url TEXT,
        tags TEXT NOT NULL
    ) STRICT;
    CREATE INDEX feed_articles_by_feed ON feed_articles (feed_url);
    CREATE INDEX feed_articles_by_published ON feed_articles (published);
    CREATE TABLE pruned_articles (
        id TEXT PRIMARY KEY NOT NULL,
        feed_url TEXT NOT NULL,
        last_seen TEXT NOT NULL
    ) STRICT;
    CREATE INDEX pruned_articles_by_feed ON pruned_articles (feed_url);
    CREATE VIRTUAL TABLE feed_text USING fts5(
        title, body, content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER feed_articles_forget_text AFTER DELETE ON feed_articles BEGIN
        DELETE FROM feed_text WHERE rowid = old.rowid;
    END;
";

/// Version 3: the list columns of the feed cache in one index, in date order, so that the
/// list is read without touching a page of the snapshots stored beside them (in the table,
/// every column after the snapshot sits behind its overflow pages) and its first screenful
/// is the first rows of the index. It takes the place of the index on `published` alone.
const V3_LIST_INDEX: &str = "
    DROP INDEX feed_articles_by_published;
    CREATE INDEX feed_articles_list
        ON feed_articles (published, id, feed_url, title, source, author, url, tags);
";

/// Version 4: how often a subscription is refreshed while the reader runs, in minutes
/// (NULL: the config's `refresh_every`; 0: only when asked).
const V4_REFRESH_INTERVALS: &str = "
    ALTER TABLE subscriptions ADD COLUMN every INTEGER CHECK (every >= 0);
";

/// Version 5: sync with a feed server (the Google Reader API). `sync_feeds` are the server's
/// subscriptions (`stream` is its id for the feed, `feed/12`; `url` the feed's address, under
/// which its articles are cached; `tags` its folders, a JSON array). `sync_items` ties each
/// article that came from the server to the server's item id (a 64-bit number) and its feed's
/// stream, with the time the server got it, in microseconds. `sync_queue` holds every local
/// change not yet accepted by the server, in order: read (`value` 1) or unread (0), starred or
/// not, each item at most once per kind (the latest change), and mark-all-read requests
/// (`stream` and `ts_usec`, the newest article the reader saw). `unstarred_bookmarks` keeps the
/// bookmarks a star removed on another device took away, with their snapshots, to restore.
/// `sync_status` is what the last sync with each server came to.
const V5_SYNC: &str = "
    CREATE TABLE sync_feeds (
        stream TEXT PRIMARY KEY NOT NULL,
        url TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        tags TEXT NOT NULL CHECK (json_type(tags) = 'array')
    ) STRICT;
    CREATE TABLE sync_items (
        article_id TEXT PRIMARY KEY NOT NULL,
        item INTEGER NOT NULL UNIQUE,
        stream TEXT NOT NULL,
        crawl_usec INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE sync_queue (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('read', 'starred', 'read_all')),
        item INTEGER,
        value INTEGER NOT NULL CHECK (value IN (0, 1)),
        stream TEXT,
        ts_usec INTEGER,
        queued_at TEXT NOT NULL,
        UNIQUE (item, kind)
    ) STRICT;
    CREATE TABLE unstarred_bookmarks (
        article_id TEXT PRIMARY KEY NOT NULL,
        saved_at TEXT NOT NULL,
        snapshot TEXT NOT NULL,
        unstarred_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE sync_status (
        server TEXT PRIMARY KEY NOT NULL,
        last_attempt TEXT,
        last_success TEXT,
        last_error TEXT
    ) STRICT;
";

/// Version 6: the full text of articles, read from their web pages (issue 12), one row an
/// article: the Body as JSON, or why it could not be had, with the address it was read
/// from (a text read from an address the article no longer has is stale); a cached
/// article's row goes with it. Subscriptions say whether their articles' full text is
/// fetched after each refresh.
const V6_FULL_TEXT: &str = "
    CREATE TABLE full_texts (
        article_id TEXT PRIMARY KEY NOT NULL,
        url TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        body TEXT,
        error TEXT,
        CHECK ((body IS NULL) <> (error IS NULL))
    ) STRICT;
    CREATE TRIGGER feed_articles_forget_full_text AFTER DELETE ON feed_articles BEGIN
        DELETE FROM full_texts WHERE article_id = old.id;
    END;
    ALTER TABLE subscriptions ADD COLUMN full_text INTEGER NOT NULL DEFAULT 0;
";

/// Version 7: a cached article keeps its body as the feed gave it, deflated, in `body`
/// (`snapshot` is empty from now on; rows stored before keep their whole-article snapshot and
/// are read from it), with a hash of the row in `hash` (0 for those older rows), so that an
/// unchanged article is told without reading its body and is not written again. A feed's
/// state keeps a hash of the document last read and, for a file, its size and modification
/// time (nanoseconds since 1970), so that an unchanged feed is not read again. The full-text
/// index keeps no positions (`detail = none`): a quarter of the work and a tenth of the size
/// of the full index, for the same answers to the word-prefix searches asked of it; it is
/// built again from the old rows' snapshots, whose text is every string of their body.
const V7_PACKED_BODIES: &str = "
    ALTER TABLE feed_articles ADD COLUMN hash INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE feed_articles ADD COLUMN body BLOB;
    ALTER TABLE feed_state ADD COLUMN content_hash INTEGER;
    ALTER TABLE feed_state ADD COLUMN file_size INTEGER;
    ALTER TABLE feed_state ADD COLUMN file_modified INTEGER;
    DROP TABLE feed_text;
    CREATE VIRTUAL TABLE feed_text USING fts5(
        title, body, content = '', contentless_delete = 1, detail = none,
        tokenize = 'unicode61 remove_diacritics 2'
    );
    INSERT INTO feed_text (rowid, title, body)
        SELECT rowid, title,
               (SELECT group_concat(value, ' ') FROM json_tree(snapshot, '$.body')
                WHERE type = 'text')
        FROM feed_articles WHERE json_valid(snapshot);
";

/// Version 8: a feed's state keeps a hash of the name and tags its articles were last stored
/// under, so that a feed renamed or tagged anew is read again though its document is the same.
const V8_SOURCE_HASH: &str = "
    ALTER TABLE feed_state ADD COLUMN source_hash INTEGER;
";

/// Version 9: search finds any string of Chinese, Japanese, Korean, Thai and the like (issue
/// 18). `feed_grams` holds, rowid for rowid with `feed_articles`, the runs of those scripts in
/// a cached article's title, text and full text as overlapping pairs of characters in order
/// (`source::words`), with their positions, so that a string of two characters or more is
/// found as a phrase of its pairs; the `ascii` tokenizer leaves every character but ASCII as
/// it is, so each pair is a token. Rows with no such text have no row there. In `feed_text`
/// those runs give way to their characters, each once, so that one character is found as a
/// word; the words of the other scripts are as before. `search_reindex` says which rows are
/// still to be indexed anew (rowids `next_row` to `last_row`, those stored before this
/// version): they are read and indexed again a batch per transaction (`store::reindex`), and
/// the row goes when they are done; meanwhile search answers from the index as it stands.
const V9_SEARCH_IN_EVERY_SCRIPT: &str = "
    CREATE VIRTUAL TABLE feed_grams USING fts5(
        grams, content = '', contentless_delete = 1, tokenize = 'ascii'
    );
    CREATE TRIGGER feed_articles_forget_grams AFTER DELETE ON feed_articles BEGIN
        DELETE FROM feed_grams WHERE rowid = old.rowid;
    END;
    CREATE TABLE search_reindex (
        next_row INTEGER NOT NULL,
        last_row INTEGER NOT NULL
    ) STRICT;
    INSERT INTO search_reindex (next_row, last_row)
        SELECT min(rowid), max(rowid) FROM feed_articles HAVING count(*) > 0;
";

/// Version 10 (issue 18): what a feed said of its freshness, kept for the answers that do not
/// say it again, in seconds: its `<ttl>` (in the document, which a 304 does not send) and the
/// `max-age` of the last answer that carried a `Cache-Control`; so that a 304 leaves the feed
/// as fresh as the document it confirms. And the folders an OPML import found a subscription
/// in, outermost first (a JSON array), so that `export-opml` nests it in them again.
const V10_FRESHNESS_AND_FOLDERS: &str = "
    ALTER TABLE feed_state ADD COLUMN ttl INTEGER CHECK (ttl >= 0);
    ALTER TABLE feed_state ADD COLUMN max_age INTEGER CHECK (max_age >= 0);
    ALTER TABLE subscriptions ADD COLUMN folders TEXT
        CHECK (folders IS NULL OR json_type(folders) = 'array');
";

/// Version 11 (issue 20): queries kept under a name and rules, added by command or brought
/// by an import (`origin`: "added", "newsboat", "newsraft"; the config's own are read from
/// the config); and the articles a rule or an import hid, by id, so that an article stays
/// hidden when its feed sends it again, changed or not, and after it was pruned.
const V11_QUERIES_RULES_AND_HIDDEN: &str = "
    CREATE TABLE saved_queries (
        name TEXT PRIMARY KEY NOT NULL,
        query TEXT NOT NULL,
        origin TEXT NOT NULL,
        added_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE rules (
        number INTEGER PRIMARY KEY,
        query TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('read', 'hide', 'bookmark', 'tag')),
        tag TEXT CHECK ((action = 'tag') = (tag IS NOT NULL)),
        origin TEXT NOT NULL,
        added_at TEXT NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX rules_once ON rules (query, action, coalesce(tag, ''));
    CREATE TABLE hidden_articles (
        article_id TEXT PRIMARY KEY NOT NULL,
        hidden_at TEXT NOT NULL
    ) STRICT;
";

/// What the header and schema of an opened file say about it, before anything is written.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// A tidings database at this version or older, or an empty file.
    Usable,
    /// A SQLite database that is not ours; the text says why.
    Foreign(&'static str),
    /// A tidings database from a newer build.
    Newer(i64),
}

/// Reads (and only reads) the schema version and owner of the database.
pub fn inspect(conn: &Connection) -> rusqlite::Result<Verdict> {
    // One statement, so one snapshot: read separately, another process migrating at the same
    // moment could show us version 0 and then its freshly created tables.
    let (version, application_id, table_count): (i64, i64, i64) = conn.query_row(
        "SELECT (SELECT user_version FROM pragma_user_version),
                (SELECT application_id FROM pragma_application_id),
                (SELECT count(*) FROM sqlite_master)",
        [],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
    )?;
    if application_id != 0 && application_id != APPLICATION_ID {
        return Ok(Verdict::Foreign("it belongs to another program"));
    }
    if version < 0 {
        return Ok(Verdict::Foreign("its schema version is negative"));
    }
    if version == 0 && table_count > 0 {
        return Ok(Verdict::Foreign(
            "it holds tables that tidings did not create",
        ));
    }
    if version > CURRENT_VERSION {
        return Ok(Verdict::Newer(version));
    }
    Ok(Verdict::Usable)
}

/// Brings the schema up to `target` (`CURRENT_VERSION`, or an older one to test migrations from
/// it), one version per transaction. The connection must begin its transactions IMMEDIATE, so
/// that two processes migrating at once take turns and the second one sees the first one's work.
pub fn migrate(conn: &Connection, target: i64) -> rusqlite::Result<()> {
    if read_version(conn)? >= target {
        return Ok(());
    }
    let steps = (0..)
        .zip(MIGRATIONS)
        .take_while(|(from_version, _)| *from_version < target);
    for (from_version, migration) in steps {
        let transaction = conn.unchecked_transaction()?;
        if read_version(&transaction)? == from_version {
            transaction.execute_batch(migration)?;
            transaction.pragma_update(None, "user_version", from_version + 1)?;
            transaction.commit()?;
        }
    }
    Ok(())
}

fn read_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

#[cfg(test)]
#[path = "schema_tests.rs"]
mod tests;
