//! The SQLite store: bookmarks with article snapshots, read state.
