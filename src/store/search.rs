//! Search in the feed cache: the full-text index's answer, made into article ids without
//! reading a row of the table, through a map of row to id that is read once and again after
//! any change to the cache (by this connection or any other). Words of scripts that space
//! their words are asked of `feed_text`, runs of Chinese, Japanese, Korean, Thai and the like
//! of `feed_grams` (see `text_index`); an article must have them all.

use std::cell::{Ref, RefCell};

use rusqlite::{Transaction, TransactionBehavior};

use super::{Store, StoreError};
use crate::model::ArticleId;
use crate::source::words::{unspaced, variation_selector};

/// The shortest search word the full-text index matches as the start of a word.
pub const SHORTEST_PREFIX: usize = 3;

/// Each cached article's row and id, by row, as of `version`: the id as its key (sixteen
/// bytes a row in all; 100,000 rows take 1.6 MB of the reader's budget), and apart, the few ids
/// that are not made of digits (none, unless a database was edited by hand).
#[derive(Default)]
pub(super) struct RowIds {
    /// `PRAGMA data_version` when read: another connection's commit changes it.
    version: i64,
    rows: Vec<(i64, u64)>,
    others: Vec<(i64, ArticleId)>,
}

impl RowIds {
    fn id(&self, row: i64) -> Option<ArticleId> {
        match self.rows.binary_search_by_key(&row, |(row, _)| *row) {
            Ok(at) => Some(ArticleId::from_key(self.rows[at].1)),
            Err(_) => self
                .others
                .iter()
                .find(|(other, _)| *other == row)
                .map(|(_, id)| id.clone()),
        }
    }
}

/// The map of a store, `None` until read or after this connection changed the cache.
pub(super) type RowIdCache = RefCell<Option<RowIds>>;

impl Store {
    /// The cached articles whose title or text has a word starting with each of `words`; a
    /// word shorter than [`SHORTEST_PREFIX`] characters must be a whole word there (as "eu"
    /// or "ai"), since most of a large cache would start with a letter or two. A run of
    /// Chinese, Japanese, Korean, Thai or the like in `words` is found anywhere, a character
    /// or more.
    pub fn search_cached(&self, words: &[String]) -> Result<Vec<ArticleId>, StoreError> {
        let queries = queries(words);
        let sql = match (queries.words.is_empty(), queries.grams.is_empty()) {
            (true, true) => return Ok(Vec::new()),
            (false, true) => "SELECT rowid FROM feed_text WHERE feed_text MATCH ?1",
            (true, false) => "SELECT rowid FROM feed_grams WHERE feed_grams MATCH ?2",
            (false, false) => {
                "SELECT rowid FROM feed_text WHERE feed_text MATCH ?1
                 INTERSECT SELECT rowid FROM feed_grams WHERE feed_grams MATCH ?2"
            }
        };
        let (words, grams) = (queries.words.join(" AND "), queries.grams.join(" AND "));
        // One snapshot for the map and the index, so the map knows every row the index
        // names; rows only, each found in the map as it comes: joined with the table, each
        // would read a page of bodies.
        let find = || -> Result<Vec<ArticleId>, StoreError> {
            let sqlite_error = |error: rusqlite::Error| StoreError::from_sqlite(&self.path, &error);
            let snapshot = Transaction::new_unchecked(&self.conn, TransactionBehavior::Deferred)
                .map_err(sqlite_error)?;
            snapshot
                .query_row(
                    "SELECT count(*) FROM (SELECT 1 FROM feed_articles LIMIT 1)",
                    [],
                    |_| Ok(()),
                )
                .map_err(sqlite_error)?;
            let map = self.row_ids()?;
            let mut search = snapshot.prepare_cached(sql).map_err(sqlite_error)?;
            // As many parameters as the statement's highest number.
            let mut rows = if sql.contains("?2") {
                search.query([&words, &grams])
            } else {
                search.query([&words])
            }
            .map_err(sqlite_error)?;
            // Room for every row at most: pages the answer does not fill are never touched,
            // and a large answer is not copied as it grows.
            let mut found = Vec::with_capacity(map.rows.len() + map.others.len());
            while let Some(row) = rows.next().map_err(sqlite_error)? {
                found.extend(map.id(row.get(0).map_err(sqlite_error)?));
            }
            Ok(found)
        };
        find()
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
            let read = || -> rusqlite::Result<RowIds> {
                let count: i64 =
                    self.conn
                        .query_row("SELECT count(*) FROM feed_articles", [], |row| row.get(0))?;
                let mut map = RowIds {
                    version,
                    rows: Vec::with_capacity(usize::try_from(count).unwrap_or(0)),
                    others: Vec::new(),
                };
                let mut statement = self
                    .conn
                    .prepare_cached("SELECT rowid, id FROM feed_articles")?;
                let mut found = statement.query([])?;
                while let Some(row) = found.next()? {
                    let id = ArticleId::from_stored(row.get_ref(1)?.as_str()?.to_string());
                    match id.key() {
                        Some(key) => map.rows.push((row.get(0)?, key)),
                        None => map.others.push((row.get(0)?, id)),
                    }
                }
                map.rows.sort_unstable_by_key(|(row, _)| *row);
                Ok(map)
            };
            let map = read().map_err(sqlite_error)?;
            *self.row_ids.borrow_mut() = Some(map);
        }
        Ok(Ref::map(self.row_ids.borrow(), |map| match map {
            Some(map) => map,
            None => &EMPTY,
        }))
    }
}

/// The full-text queries for search words, each a term every article found must have.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Queries {
    /// Terms for `feed_text`: words, or their starts; a single character of a script that
    /// does not space its words.
    pub words: Vec<String>,
    /// Terms for `feed_grams`: phrases of pairs.
    pub grams: Vec<String>,
}

/// The terms of `words` (lower case): the words of scripts that space their words as
/// `feed_text` holds them, and the runs of those that do not as `feed_grams` does.
pub(super) fn queries(words: &[String]) -> Queries {
    let mut queries = Queries::default();
    for word in words {
        // The index keeps no positions of words, so a word is asked for as the words it is
        // made of (`e-mail`: `e` and `mail`), never as a phrase.
        let mut spaced = String::new();
        let mut run: Vec<char> = Vec::new();
        for c in word.chars().chain([' ']) {
            if !run.is_empty() && variation_selector(c) {
                continue;
            }
            if unspaced(c) {
                queries.push_word(&mut spaced);
                run.push(c);
            } else {
                queries.push_run(&mut run);
                if c.is_alphanumeric() {
                    spaced.push(c);
                } else {
                    queries.push_word(&mut spaced);
                }
            }
        }
    }
    queries
}

impl Queries {
    fn push_word(&mut self, word: &mut String) {
        if word.is_empty() {
            return;
        }
        self.words.push(if word.chars().count() < SHORTEST_PREFIX {
            format!("\"{word}\"")
        } else {
            format!("\"{word}\"*")
        });
        word.clear();
    }

    /// A run as the index holds it: one character, a word of the word index (each
    /// character of a text is one); more, the phrase of its pairs in order.
    fn push_run(&mut self, run: &mut Vec<char>) {
        match run.as_slice() {
            [] => return,
            [c] => self.words.push(format!("\"{c}\"")),
            _ => {
                let pairs: Vec<String> = run.windows(2).map(|pair| pair.iter().collect()).collect();
                self.grams.push(format!("\"{}\"", pairs.join(" ")));
            }
        }
        run.clear();
    }
}

static EMPTY: RowIds = RowIds {
    version: 0,
    rows: Vec::new(),
    others: Vec::new(),
};
