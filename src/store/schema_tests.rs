//! Tests of the schema and its migrations.

use super::*;

#[test]
fn application_id_in_the_migration_matches_the_constant() {
    let conn = Connection::open_in_memory().unwrap();
    migrate(&conn, CURRENT_VERSION).unwrap();
    let stored: i64 = conn
        .pragma_query_value(None, "application_id", |row| row.get(0))
        .unwrap();
    assert_eq!(stored, APPLICATION_ID);
    assert_eq!(read_version(&conn).unwrap(), CURRENT_VERSION);
    assert_eq!(inspect(&conn).unwrap(), Verdict::Usable);
}

#[test]
fn migrating_stops_at_the_target_and_goes_on_from_there() {
    let conn = Connection::open_in_memory().unwrap();
    migrate(&conn, 1).unwrap();
    assert_eq!(read_version(&conn).unwrap(), 1);
    let tables = |conn: &Connection| -> i64 {
        conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
            [],
            |row| row.get(0),
        )
        .unwrap()
    };
    assert_eq!(tables(&conn), 2);
    migrate(&conn, CURRENT_VERSION).unwrap();
    assert_eq!(read_version(&conn).unwrap(), CURRENT_VERSION);
    // Seven tables, two full-text indexes of five tables each (the virtual table and
    // its shadow tables), SQLite's table of AUTOINCREMENT counters, five tables of sync,
    // the rows left to index anew, and saved queries, rules and hidden articles.
    assert_eq!(tables(&conn), 27);
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
