//! Files the store must refuse, and leave byte for byte as they were; and damaged bookmarks.

use std::path::Path;

use rusqlite::Connection;

use super::{SHORT_TIMEOUT, article, at, db_file, open, write_real_database};
use crate::store::*;

/// Asserts that opening `dir` fails as `expected` says and leaves the file's bytes alone.
fn assert_refused_untouched(dir: &Path, expected: impl Fn(&StoreError) -> bool) -> StoreError {
    let before = std::fs::read(db_file(dir)).unwrap();
    let error = match Store::open_with_timeout(dir, SHORT_TIMEOUT) {
        Ok(_) => panic!("opened a database that should have been refused"),
        Err(error) => error,
    };
    assert!(expected(&error), "unexpected error: {error:?}");
    assert_eq!(
        std::fs::read(db_file(dir)).unwrap(),
        before,
        "the file changed"
    );
    let message = error.to_string();
    assert!(!message.contains('\n'), "{message}");
    assert!(
        message.contains(&db_file(dir).display().to_string()),
        "{message}"
    );
    error
}

#[test]
fn a_garbage_file_is_corrupt_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let garbage: Vec<u8> = (0..10_000u32).map(|n| (n * 7919 % 251) as u8).collect();
    std::fs::write(db_file(dir.path()), &garbage).unwrap();
    let error = assert_refused_untouched(dir.path(), |error| {
        matches!(error, StoreError::Corrupt { .. })
    });
    assert_eq!(
        error.to_string(),
        format!(
            "the database {} is not a tidings database or is damaged (file is not a \
             database); it was left as it is, move it away to start afresh",
            db_file(dir.path()).display()
        )
    );
}

#[test]
fn a_truncated_database_is_corrupt_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    write_real_database(dir.path());
    let file = db_file(dir.path());
    let whole = std::fs::read(&file).unwrap();
    assert!(
        whole.len() >= 4 * 4096,
        "too small to truncate: {}",
        whole.len()
    );
    std::fs::write(&file, &whole[..whole.len() / 2]).unwrap();
    assert_refused_untouched(dir.path(), |error| {
        matches!(error, StoreError::Corrupt { .. })
    });
}

#[test]
fn a_damaged_page_behind_a_sound_header_is_found_at_open() {
    let dir = tempfile::tempdir().unwrap();
    write_real_database(dir.path());
    let file = db_file(dir.path());
    let mut bytes = std::fs::read(&file).unwrap();
    let page = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
    // Page 1 (header and schema) stays sound, so only the integrity check can tell.
    for (offset, byte) in bytes[page..3 * page].iter_mut().enumerate() {
        *byte = (offset % 253) as u8;
    }
    std::fs::write(&file, &bytes).unwrap();
    assert_refused_untouched(
        dir.path(),
        |error| matches!(error, StoreError::Corrupt { detail, .. } if detail != "database disk image is malformed"),
    );
}

#[test]
fn a_database_from_a_newer_build_is_refused_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    write_real_database(dir.path());
    // Back to a rollback journal, so that switching to WAL before the check would show.
    let raw = Connection::open(db_file(dir.path())).unwrap();
    raw.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))
        .unwrap();
    let current = schema::CURRENT_VERSION;
    let newer = current + 1;
    raw.pragma_update(None, "user_version", newer).unwrap();
    drop(raw);
    let error = assert_refused_untouched(dir.path(), |error| {
        matches!(
            error,
            StoreError::NewerSchema { found, supported, .. }
                if *found == newer && *supported == current
        )
    });
    assert_eq!(
        error.to_string(),
        format!(
            "the database {} was written by a newer tidings (schema {newer}, this build knows \
             {current}); it was left as it is, use that newer tidings",
            db_file(dir.path()).display()
        )
    );
}

#[test]
fn a_database_of_another_program_is_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let raw = Connection::open(db_file(dir.path())).unwrap();
    raw.execute_batch("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine');")
        .unwrap();
    drop(raw);
    assert_refused_untouched(
        dir.path(),
        |error| matches!(error, StoreError::Corrupt { detail, .. } if detail.contains("did not create")),
    );
}

#[test]
fn a_data_dir_under_a_file_is_unwritable() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").unwrap();
    let data_dir = file.join("tidings");
    let error = Store::open_with_timeout(&data_dir, SHORT_TIMEOUT)
        .err()
        .unwrap();
    assert!(matches!(&error, StoreError::Unwritable { path, .. } if *path == data_dir));
    assert!(
        error
            .to_string()
            .starts_with(&format!("cannot write {} (", data_dir.display()))
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_data_dir_is_unwritable() {
    use std::os::unix::fs::PermissionsExt;

    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("tidings");
    std::fs::create_dir(&data_dir).unwrap();
    std::fs::set_permissions(&data_dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Permissions do not bind root (or some file systems); then there is nothing to test.
    let permissions_bind = std::fs::write(data_dir.join("probe"), "x").is_err();
    let result = Store::open_with_timeout(&data_dir, SHORT_TIMEOUT);
    std::fs::set_permissions(&data_dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    if permissions_bind {
        let error = result.err().unwrap();
        assert!(matches!(error, StoreError::Unwritable { .. }), "{error:?}");
    }
}

#[test]
fn a_bad_snapshot_is_an_error_naming_its_article() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let good = article("good");
    store.add_bookmark(&good, at(1)).unwrap();
    let raw = Connection::open(db_file(dir.path())).unwrap();
    raw.execute(
        "INSERT INTO bookmarks VALUES ('bad0bad0bad0', '2025-01-01T00:00:00Z', '{\"title\": 3}')",
        [],
    )
    .unwrap();

    let error = store.bookmarks().unwrap().unreadable.remove(0);
    assert!(matches!(&error, StoreError::BadSnapshot { id, .. } if id.as_str() == "bad0bad0bad0"));
    assert!(
        error
            .to_string()
            .contains("tidings bookmark remove bad0bad0bad0")
    );
    assert_eq!(store.bookmarked_ids().unwrap().len(), 2);
    let bad = ArticleId::from_stored("bad0bad0bad0".to_string());
    assert!(store.remove_bookmark(&bad).unwrap());
    assert_eq!(store.bookmarks().unwrap().saved[0].article, good);
}

/// A full disk, made with SQLite's page limit (a full file system cannot be made here): the
/// change that does not fit fails in words naming the file, nothing half-written is left, what
/// was saved before stays, and the store works again once there is room.
#[test]
fn a_full_database_fails_in_words_and_keeps_what_was_saved() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    store.add_bookmark(&article("kept"), at(1)).unwrap();
    let pages: i64 = store
        .conn
        .query_row("PRAGMA page_count", [], |row| row.get(0))
        .unwrap();
    store
        .conn
        .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(()))
        .unwrap();

    // Big snapshots, so that the next pages are needed at once.
    let mut big = article("big");
    big.title = "x".repeat(64 * 1024);
    let error = store.add_bookmark(&big, at(2)).unwrap_err();
    assert!(matches!(error, StoreError::Database { .. }), "{error:?}");
    let message = error.to_string();
    assert!(
        message.contains(&db_file(dir.path()).display().to_string())
            && message.contains("full")
            && !message.contains('\n'),
        "{message}"
    );

    let saved = store.bookmarks().unwrap();
    assert_eq!(saved.saved.len(), 1);
    assert_eq!(saved.saved[0].article, article("kept"));
    assert_eq!(super::integrity_check(&store.conn), "ok");

    store
        .conn
        .query_row("PRAGMA max_page_count = 1000000", [], |_| Ok(()))
        .unwrap();
    store.add_bookmark(&big, at(2)).unwrap();
    assert_eq!(store.bookmarks().unwrap().saved.len(), 2);
}
