//! The feed cache's search index, in two tables kept rowid for rowid with `feed_articles`:
//! `feed_text`, the words of scripts that space their words and the characters of those that
//! do not (title and text apart, each once, no positions), and `feed_grams`, the runs of
//! Chinese, Japanese, Korean, Thai and the like as pairs of characters in order, with their
//! positions, for the rows that have any (see `source::words`).

use rusqlite::{Connection, params};

use crate::source::words::{IndexText, Markup, index_text, unspaced};

/// What a cached article is found by: the characters of its title's runs and the words of
/// its text (the title's own words are the title column's), and the pairs of its title's runs
/// and then its text's.
pub fn of_title_and_text(title: &str, text: &IndexText) -> IndexText {
    let title = index_text(title, Markup::Plain);
    let mut all = IndexText {
        words: String::new(),
        grams: title.grams,
    };
    for word in title.words.split(' ') {
        let mut chars = word.chars();
        if chars.next().is_some_and(unspaced) && chars.next().is_none() {
            all.words.push_str(word);
            all.words.push(' ');
        }
    }
    all.append(text);
    all
}

/// Indexes a row: its title and words, and its pairs (from [`of_title_and_text`]) if it has
/// any.
pub(super) fn write(
    conn: &Connection,
    rowid: i64,
    title: &str,
    text: &IndexText,
) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT INTO feed_text (rowid, title, body) VALUES (?1, ?2, ?3)")?
        .execute(params![rowid, title, text.words])?;
    if !text.grams.is_empty() {
        conn.prepare_cached("INSERT INTO feed_grams (rowid, grams) VALUES (?1, ?2)")?
            .execute(params![rowid, text.grams])?;
    }
    Ok(())
}

/// Takes a row out of the index (of both tables: one it is not in is left as it is).
pub(super) fn remove(conn: &Connection, rowid: i64) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM feed_text WHERE rowid = ?1")?
        .execute([rowid])?;
    conn.prepare_cached("DELETE FROM feed_grams WHERE rowid = ?1")?
        .execute([rowid])?;
    Ok(())
}
