//! The database schema and its forward migrations, numbered by `PRAGMA user_version`.

use rusqlite::Connection;

/// The schema version this build writes and understands.
pub const CURRENT_VERSION: i64 = 1;

/// `PRAGMA application_id` of a tidings database ("tidi" in ASCII), so that a SQLite file
/// that belongs to another program is recognised and left alone.
pub const APPLICATION_ID: i64 = 0x7469_6469;

/// `MIGRATIONS[n]` takes a database from version `n` to version `n + 1`.
const MIGRATIONS: &[&str] = &[V1_BOOKMARKS_AND_READ_MARKS];

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

/// Brings the schema up to `CURRENT_VERSION`, one version per transaction. The connection must
/// begin its transactions IMMEDIATE, so that two processes migrating at once take turns and the
/// second one sees the first one's work.
pub fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    if read_version(conn)? >= CURRENT_VERSION {
        return Ok(());
    }
    for (from_version, migration) in (0..).zip(MIGRATIONS) {
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
mod tests {
    use super::*;

    #[test]
    fn application_id_in_the_migration_matches_the_constant() {
        let conn = Connection::open_in_memory().unwrap();
        migrate(&conn).unwrap();
        let stored: i64 = conn
            .pragma_query_value(None, "application_id", |row| row.get(0))
            .unwrap();
        assert_eq!(stored, APPLICATION_ID);
        assert_eq!(read_version(&conn).unwrap(), CURRENT_VERSION);
        assert_eq!(inspect(&conn).unwrap(), Verdict::Usable);
    }

    #[test]
    fn a_database_of_another_program_is_foreign() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE notes (text TEXT)")
            .unwrap();
        assert!(matches!(inspect(&conn).unwrap(), Verdict::Foreign(_)));
        conn.pragma_update(None, "application_id", 42).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        assert!(matches!(inspect(&conn).unwrap(), Verdict::Foreign(_)));
    }
}
