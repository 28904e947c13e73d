//! Search in the feed cache: the full-text index's answer, made into article ids without
//! reading a row of the table, through a map of row to id that is read once and again after
//! any change to the cache (by this connection or any other).

use std::cell::{Ref, RefCell};

use super::{Store, StoreError};
use crate::model::ArticleId;

/// The shortest search word the full-text index matches as the start of a word.
pub const SHORTEST_PREFIX: usize = 3;

/// Each cached article's row and id, by row, as of `version`.
#[derive(Default)]
pub(super) struct RowIds {
    /// `PRAGMA data_version` when read: another connection's commit changes it.
    version: i64,
    rows: Vec<(i64, ArticleId)>,
}

/// The map of a store, `None` until read or after this connection changed the cache.
pub(super) type RowIdCache = RefCell<Option<RowIds>>;

impl Store {
    /// The cached articles whose title or text has a word starting with each of `words`; a
    /// word shorter than [`SHORTEST_PREFIX`] characters must be a whole word there (as "eu"
    /// or "ai"), since most of a large cache would start with a letter or two.
    pub fn search_cached(&self, words: &[String]) -> Result<Vec<ArticleId>, StoreError> {
        // The index keeps no positions, so a word is asked for as the words it is made of
        // (`e-mail`: `e` and `mail`), never as a phrase.
        let query: Vec<String> = words
            .iter()
            .flat_map(|w| w.split(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .map(|w| {
                if w.chars().count() < SHORTEST_PREFIX {
                    format!("\"{w}\"")
                } else {
                    format!("\"{w}\"*")
                }
            })
            .collect();
        if query.is_empty() {
            return Ok(Vec::new());
        }
        // Rows only: joined with the table, each would read a page of bodies. The map is
        // read after them, so it knows every row they name.
        let rows = self
            .conn
            .prepare_cached("SELECT rowid FROM feed_text WHERE feed_text MATCH ?1")
            .and_then(|mut search| {
                search
                    .query_map([query.join(" AND ")], |row| row.get::<_, i64>(0))?
                    .collect::<rusqlite::Result<Vec<i64>>>()
            })
            .map_err(|error| StoreError::from_sqlite(&self.path, &error))?;
        let map = self.row_ids()?;
        Ok(rows
            .iter()
            .filter_map(|row| map.rows.binary_search_by_key(row, |(row, _)| *row).ok())
            .map(|at| map.rows[at].1.clone())
            .collect())
    }

    /// The map of row to id, read again if the cache changed since.
    fn row_ids(&self) -> Result<Ref<'_, RowIds>, StoreError> {
        let sqlite_error = |error: rusqlite::Error| StoreError::from_sqlite(&self.path, &error);
        let version: i64 = self
            .conn
            .pragma_query_value(None, "data_version", |row| row.get(0))
            .map_err(sqlite_error)?;
        let current = self
            .row_ids
            .borrow()
            .as_ref()
            .is_some_and(|map| map.version == version);
        if !current {
            // Read straight into the map, sized first: the reader's memory budget has little
            // room for a second copy of 100,000 ids.
            self.row_ids.take();
            let read = || -> rusqlite::Result<Vec<(i64, ArticleId)>> {
                let count: i64 =
                    self.conn
                        .query_row("SELECT count(*) FROM feed_articles", [], |row| row.get(0))?;
                let mut rows = Vec::with_capacity(usize::try_from(count).unwrap_or(0));
                let mut statement = self
                    .conn
                    .prepare_cached("SELECT rowid, id FROM feed_articles")?;
                let mut found = statement.query([])?;
                while let Some(row) = found.next()? {
                    let id = ArticleId::from_stored(row.get_ref(1)?.as_str()?.to_string());
                    rows.push((row.get(0)?, id));
                }
                rows.sort_unstable_by_key(|(row, _)| *row);
                Ok(rows)
            };
            let rows = read().map_err(sqlite_error)?;
            *self.row_ids.borrow_mut() = Some(RowIds { version, rows });
        }
        Ok(Ref::map(self.row_ids.borrow(), |map| match map {
            Some(map) => map,
            None => &EMPTY,
        }))
    }
}

static EMPTY: RowIds = RowIds {
    version: 0,
    rows: Vec::new(),
};
