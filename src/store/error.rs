//! Why the store could not do what was asked, in words a person can act on.

use std::fmt;
use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;

use crate::model::ArticleId;
use crate::sanitize::fold_white_space;

/// Why the store could not do what was asked. Each message is one line that names the file
/// or article at fault and says what to do.
#[derive(Debug)]
pub enum StoreError {
    /// The data dir or the database file cannot be created or written.
    Unwritable { path: PathBuf, detail: String },
    /// Another program held the database past the busy timeout.
    Locked { path: PathBuf },
    /// The file is not a SQLite database, is damaged, or belongs to another program.
    Corrupt { path: PathBuf, detail: String },
    /// The file was written by a newer tidings with a schema this build does not know.
    NewerSchema {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// A bookmark's stored snapshot cannot be read back as an article.
    BadSnapshot { id: ArticleId, detail: String },
    /// Any other failure of SQLite (a full disk, an I/O error).
    Database { path: PathBuf, detail: String },
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unwritable { path, detail } => write!(
                f,
                "cannot write {} ({detail}); check its permissions or choose another folder \
                 with --data-dir",
                path.display()
            ),
            Self::Locked { path } => write!(
                f,
                "the database {} is locked by another program; close it and try again",
                path.display()
            ),
            Self::Corrupt { path, detail } => write!(
                f,
                "the database {} is not a tidings database or is damaged ({detail}); it was \
                 left as it is, move it away to start afresh",
                path.display()
            ),
            Self::NewerSchema {
                path,
                found,
                supported,
            } => write!(
                f,
                "the database {} was written by a newer tidings (schema {found}, this build \
                 knows {supported}); it was left as it is, use that newer tidings",
                path.display()
            ),
            Self::BadSnapshot { id, detail } => write!(
                f,
                "the bookmark of article {id} cannot be read ({detail}); remove it with \
                 `tidings bookmark remove {id}`"
            ),
            Self::Database { path, detail } => write!(
                f,
                "the database {} failed ({detail}); check the disk and try again",
                path.display()
            ),
        }
    }
}

impl std::error::Error for StoreError {}

impl StoreError {
    /// Sorts a SQLite failure on the database at `path` into what a person can act on.
    pub(super) fn from_sqlite(path: &Path, error: &rusqlite::Error) -> Self {
        let path = path.to_path_buf();
        let detail = one_line(error);
        match error.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Self::Locked { path },
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
                Self::Corrupt { path, detail }
            }
            Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
                Self::Unwritable { path, detail }
            }
            _ => Self::Database { path, detail },
        }
    }
}

/// The text of an error or report on one line, as every message must be.
pub(super) fn one_line(text: impl fmt::Display) -> String {
    fold_white_space(&text.to_string())
}
