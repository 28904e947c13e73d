//! Moving in from newsraft: its `feeds` file (a feed a line, its address then a `"Name"`,
//! `@ Section` lines making the feeds after them a section's, which becomes their tag) and
//! its database (`newsraft.sqlite3`: `feeds` with their validators, `items` with `unread`
//! and `important`, which becomes a bookmark), found where newsraft looks.

use std::path::{Path, PathBuf};

use chrono::DateTime;
use rusqlite::{Connection, OpenFlags};

use super::{Files, MoveIn, column_text};
use crate::model::Subscription;
use crate::sanitize::clean_line;
use crate::source::feed::{Kept, kept_item};
use crate::store::{Arrived, CacheRow, Import, Validators};

/// The section every feed is in; feeds only in it have no tag.
const GLOBAL: &str = "Global";

/// newsraft's files, where it looks: `$XDG_CONFIG_HOME/newsraft/feeds`,
/// `~/.config/newsraft/feeds`, `~/.newsraft/feeds`, and `newsraft.sqlite3` in
/// `$XDG_DATA_HOME/newsraft/`, `~/.local/share/newsraft/`, `~/.newsraft/`: the first that
/// exists. A file given explicitly wins.
pub fn files(given: Files) -> Files {
    let home = dirs::home_dir().unwrap_or_default();
    let xdg = |variable: &str| {
        std::env::var_os(variable)
            .filter(|value| !value.is_empty())
            .map(|value| PathBuf::from(value).join("newsraft"))
    };
    let first = |places: Vec<PathBuf>| {
        places
            .iter()
            .find(|place| place.exists())
            .or(places.first())
            .cloned()
    };
    let config_dirs: Vec<PathBuf> = xdg("XDG_CONFIG_HOME")
        .into_iter()
        .chain([home.join(".config/newsraft"), home.join(".newsraft")])
        .collect();
    let data_dirs: Vec<PathBuf> = xdg("XDG_DATA_HOME")
        .into_iter()
        .chain([home.join(".local/share/newsraft"), home.join(".newsraft")])
        .collect();
    Files {
        feeds: given
            .feeds
            .or_else(|| first(config_dirs.iter().map(|dir| dir.join("feeds")).collect())),
        database: given.database.or_else(|| {
            first(
                data_dirs
                    .iter()
                    .map(|dir| dir.join("newsraft.sqlite3"))
                    .collect(),
            )
        }),
        config: None,
    }
}

/// A feed of the `feeds` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedLine {
    pub url: String,
    pub name: Option<String>,
    pub section: Option<String>,
}

/// Reads a `feeds` file: its feeds, and what is left out (command feeds).
pub fn feeds_file(text: &str) -> (Vec<FeedLine>, Vec<String>) {
    let (mut feeds, mut left_out) = (Vec::new(), Vec::new());
    let mut section: Option<String> = None;
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        // Settings after `<` are newsraft's own (reload-period, item-limit…).
        let line = line
            .split_once('<')
            .map_or(line, |(before, _)| before)
            .trim();
        if let Some(name) = line.strip_prefix('@') {
            let name = name.trim();
            section = (!name.is_empty() && name != GLOBAL).then(|| name.to_string());
            continue;
        }
        if line.starts_with("$(") {
            let command = line.split_once(')').map_or(line, |(command, _)| command);
            left_out.push(format!(
                "{command}): a command feed, not imported (tidings does not run commands from \
                 a feeds file)"
            ));
            continue;
        }
        let (url, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let name = rest
            .trim()
            .strip_prefix('"')
            .and_then(|rest| rest.split_once('"'))
            .map(|(name, _)| name.trim().to_string())
            .filter(|name| !name.is_empty());
        feeds.push(FeedLine {
            url: url.to_string(),
            name,
            section: section.clone(),
        });
    }
    (feeds, left_out)
}

/// What newsraft's files hold, made ready to store.
pub fn read(files: &Files, keep_per_feed: u32) -> Result<MoveIn, String> {
    let feeds_path = files.feeds.as_deref().ok_or("no feeds file")?;
    let text = std::fs::read_to_string(feeds_path)
        .map_err(|error| format!("{}: {}", feeds_path.display(), crate::net::io_words(&error)))?;
    let (lines, left_out) = feeds_file(&text);
    let mut move_in = MoveIn {
        import: Import {
            by: "newsraft".to_string(),
            ..Import::default()
        },
        left_out,
        ..MoveIn::default()
    };
    for line in &lines {
        move_in.import.feeds.push(Subscription {
            url: line.url.clone(),
            name: line.name.as_deref().map(clean_line),
            tags: line
                .section
                .iter()
                .map(|section| clean_line(section))
                .collect(),
            every: None,
            full_text: false,
        });
    }
    let Some(database) = files.database.as_deref().filter(|path| path.exists()) else {
        move_in
            .notes
            .push("no newsraft.sqlite3: feeds only, without their articles".to_string());
        return Ok(move_in);
    };
    read_database(database, &lines, &mut move_in, keep_per_feed)
        .map_err(|error| format!("{}: {}", database.display(), database_words(&error)))?;
    Ok(move_in)
}

fn database_words(error: &rusqlite::Error) -> String {
    match error.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => {
            "not a newsraft database (not SQLite)".to_string()
        }
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => "damaged".to_string(),
        _ => error.to_string(),
    }
}

fn read_database(
    path: &Path,
    lines: &[FeedLine],
    move_in: &mut MoveIn,
    keep_per_feed: u32,
) -> rusqlite::Result<()> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut feed_row = conn.prepare(
        "SELECT title, http_header_etag, http_header_last_modified FROM feeds WHERE feed_url = ?1",
    )?;
    let mut items = conn.prepare(
        "SELECT guid, title, link, content, attachments, persons, publication_date,
                update_date, unread, important
         FROM items WHERE feed_url = ?1 ORDER BY publication_date DESC, rowid",
    )?;
    for line in lines {
        let known = feed_row
            .query_map([&line.url], |row| {
                Ok((
                    Some(column_text(row, 0)?).filter(|text| !text.is_empty()),
                    Some(column_text(row, 1)?).filter(|text| !text.is_empty()),
                    row.get::<_, Option<i64>>(2)?,
                ))
            })?
            .next()
            .transpose()?;
        let title = known.as_ref().and_then(|(title, _, _)| title.clone());
        if let Some((title, etag, modified)) = known {
            move_in.import.validators.push(Validators {
                url: line.url.clone(),
                title: title
                    .map(|title| clean_line(&title))
                    .filter(|title| !title.is_empty()),
                etag: etag.filter(|etag| !etag.is_empty()),
                last_modified: modified.and_then(super::http_date),
            });
        }
        let source = line.name.clone().or(title).unwrap_or_default();
        let tags: Vec<String> = line.section.iter().cloned().collect();
        let mut count = 0;
        let mut rows = items.query([&line.url])?;
        while let Some(row) = rows.next()? {
            let text = |at: usize| -> rusqlite::Result<String> { column_text(row, at) };
            let (guid, link) = (text(0)?, text(2)?);
            let content = largest_text(&text(3)?);
            let attachment = first_record(&text(4)?);
            let author = first_record(&text(5)?).and_then(|person| person.get("name").cloned());
            let date = |at: usize| -> rusqlite::Result<Option<chrono::DateTime<chrono::Utc>>> {
                Ok(row
                    .get::<_, Option<i64>>(at)?
                    .filter(|&at| at > 0)
                    .and_then(|at| DateTime::from_timestamp(at, 0)))
            };
            let published = date(6)?.or(date(7)?);
            let item = kept_item(&Kept {
                feed_url: &line.url,
                guid: (guid != link).then_some(guid.as_str()),
                link: Some(&link),
                title: &text(1)?,
                author: author.as_deref(),
                published,
                content: &content,
                enclosure: attachment.as_ref().and_then(|attachment| {
                    Some((
                        attachment.get("url")?.as_str(),
                        attachment.get("type").map(String::as_str),
                    ))
                }),
                source: &source,
                tags: &tags,
            });
            let important = row.get::<_, Option<i64>>(9)?.unwrap_or(0) != 0;
            move_in.import.articles.push(Arrived {
                feed_url: line.url.clone(),
                row: CacheRow::from_item(&item),
                starred: important.then(|| item.clone().into_article()),
                read: row.get::<_, Option<i64>>(8)?.unwrap_or(1) == 0,
                hidden: false,
            });
            count += 1;
        }
        move_in
            .notes
            .extend(super::keep_per_feed_note(&source, count, keep_per_feed));
    }
    Ok(())
}

/// newsraft's serialized records: fields `key=value` after a separator (the text's first
/// character), records apart at a `^` field.
fn records(serialized: &str) -> Vec<std::collections::HashMap<String, String>> {
    let Some(separator) = serialized.chars().next() else {
        return Vec::new();
    };
    let mut all = vec![std::collections::HashMap::new()];
    for field in serialized[separator.len_utf8()..].split(separator) {
        if field == "^" {
            all.push(std::collections::HashMap::new());
        } else if let Some((key, value)) = field.split_once('=')
            && let Some(record) = all.last_mut()
        {
            record.insert(key.to_string(), value.to_string());
        }
    }
    all.retain(|record| !record.is_empty());
    all
}

fn first_record(serialized: &str) -> Option<std::collections::HashMap<String, String>> {
    records(serialized).into_iter().next()
}

/// The longest of an item's texts, as newsraft shows it; a plain one made safe as HTML.
fn largest_text(serialized: &str) -> String {
    let Some(record) = records(serialized)
        .into_iter()
        .filter(|record| record.contains_key("text"))
        .max_by_key(|record| record["text"].len())
    else {
        return String::new();
    };
    let text = &record["text"];
    if record
        .get("type")
        .is_some_and(|kind| kind.to_ascii_lowercase().contains("html"))
    {
        text.clone()
    } else {
        text.split("\n\n")
            .map(|paragraph| {
                let escaped = paragraph
                    .replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;");
                format!("<p>{}</p>", escaped.replace('\n', "<br>"))
            })
            .collect()
    }
}

#[cfg(test)]
#[path = "newsraft_tests.rs"]
mod tests;
