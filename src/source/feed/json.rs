//! JSON Feed (1.0 and 1.1) as real feeds write it: any order of keys, with or without a
//! `version`, numbers or nulls where strings belong, `tags` as one comma-separated string,
//! `author` as a plain name, dates without a time zone. A field that means nothing is left
//! out, never the item.

use chrono::{NaiveDate, NaiveDateTime};
use serde_json::{Map, Value};

use super::entry::{Enclosure, Entry, Kind, Text};
use super::fields::{CORE, Draft};
use super::head::Head;
use super::identity::Link;
use crate::source::media::{Candidate, Rank};

/// What the feed says of itself, and its items; or why it is not a JSON Feed at all.
pub fn read_feed(text: &str) -> Result<(Head, Vec<Entry>), String> {
    let feed = read(text.as_bytes())?;
    let items = match feed.get("items") {
        Some(Value::Array(items)) => items.as_slice(),
        Some(Value::Null) | None if mentions_json_feed(&feed) => &[],
        _ => return Err("not a feed: JSON without an \"items\" list".to_string()),
    };
    let head = Head {
        title: self::text(feed.get("title")).map(|title| Text::new(title, Kind::Either)),
        ttl: None,
        authors: authors(&feed),
    };
    let entries = items
        .iter()
        .filter_map(Value::as_object)
        .map(entry)
        .collect();
    Ok((head, entries))
}

fn entry(item: &Map<String, Value>) -> Entry {
    let mut draft = Draft::default();
    let field = |key: &str| self::text(item.get(key));
    draft.identity.guid = field("id");
    let attachments: Vec<&Map<String, Value>> = match item.get("attachments") {
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_object).collect(),
        _ => Vec::new(),
    };
    let attached = attachments.iter().filter_map(|a| self::text(a.get("url")));
    for href in [field("url"), field("external_url")]
        .into_iter()
        .flatten()
        .chain(attached)
    {
        draft
            .identity
            .links
            .push(Link::new(&href, &[], true, false));
    }
    draft.identity.title = field("title");
    let published = field("date_published").and_then(|d| with_time_zone(&d));
    let modified = field("date_modified").and_then(|d| with_time_zone(&d));
    let legacy = |date: &Option<String>| date.as_deref().and_then(super::identity::legacy_date);
    draft.identity.date = legacy(&published).or(legacy(&modified));
    if let Some(date) = &published {
        draft.published(CORE, date);
    }
    if let Some(date) = &modified {
        draft.updated(CORE, date);
    }
    if let Some(url) = field("url").or_else(|| field("external_url")) {
        draft.link(CORE, &url, Vec::new());
    }
    if let Some(title) = field("title") {
        draft.title(CORE, Text::new(title, Kind::Either));
    }
    if let Some(html) = field("content_html") {
        draft.content(CORE, Text::new(html, Kind::Html));
    }
    if let Some(text) = field("content_text") {
        draft.content(CORE + 1, Text::new(text, Kind::Plain));
    }
    if let Some(summary) = field("summary") {
        draft.summary(CORE, Text::new(summary, Kind::Either));
    }
    for author in authors(item) {
        draft.author(CORE, author);
    }
    let tags: Vec<String> = match item.get("tags") {
        Some(Value::Array(tags)) => tags.iter().filter_map(|t| self::text(Some(t))).collect(),
        Some(Value::String(tags)) => tags.split(',').map(str::to_string).collect(),
        _ => Vec::new(),
    };
    for tag in tags {
        draft.category(Text::new(tag, Kind::Plain));
    }
    for attachment in attachments {
        let Some(url) = self::text(attachment.get("url")) else {
            continue;
        };
        let kind = self::text(attachment.get("mime_type"));
        if kind.as_deref().is_some_and(|k| k.starts_with("image/")) {
            draft.pictures.push(Candidate {
                kind: kind.clone(),
                ..Candidate::new(&url, Rank::Full)
            });
        }
        draft.enclosures.push(Enclosure {
            url,
            kind,
            length: attachment.get("size_in_bytes").and_then(number),
        });
    }
    for key in ["image", "banner_image"] {
        if let Some(url) = field(key) {
            draft.pictures.push(Candidate::new(&url, Rank::Image));
        }
    }
    draft.finish()
}

/// `author` and `authors` as JSON Feed has them: objects with a `name`; a plain name, or a
/// list in `author`, is taken as meant.
fn authors(from: &Map<String, Value>) -> Vec<Text> {
    let mut names: Vec<Text> = Vec::new();
    for key in ["author", "authors"] {
        let people: Vec<&Value> = match from.get(key) {
            Some(Value::Array(list)) => list.iter().collect(),
            Some(one) => vec![one],
            None => Vec::new(),
        };
        for person in people {
            let name = match person {
                Value::Object(person) => self::text(person.get("name")),
                other => self::text(Some(other)),
            };
            if let Some(name) = name.filter(|name| !name.trim().is_empty()) {
                names.push(Text::new(name, Kind::Plain));
            }
        }
    }
    names
}

/// The JSON object of a document, or, when it is cut off or broken part way, as much of it as
/// comes whole before the damage: the items before it are kept.
pub fn read(bytes: &[u8]) -> Result<Map<String, Value>, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Bytes that are not UTF-8 become U+FFFD, as in an XML feed: the feed stays a feed.
    let lossy = String::from_utf8_lossy(bytes);
    let bytes = lossy.as_bytes();
    let value = match serde_json::from_slice::<Value>(bytes) {
        Ok(value) => value,
        Err(error) => match whole_part(bytes).map(|part| serde_json::from_slice(&part)) {
            Some(Ok(value @ Value::Object(_))) => value,
            _ => return Err(format!("not a feed: {error}")),
        },
    };
    match value {
        Value::Object(object) => Ok(object),
        _ => Err("not a feed: the JSON is not an object".to_string()),
    }
}

/// The JSON cut after the last value that ends whole in the top object or in a list of it
/// (an item of `items`), with the brackets still open closed; `None` when there is none.
fn whole_part(bytes: &[u8]) -> Option<Vec<u8>> {
    // Open brackets, and for each whether the next string in it is a key.
    let mut open: Vec<u8> = Vec::new();
    let mut key_next = false;
    let (mut in_string, mut escaped) = (false, false);
    let mut cut: Option<(usize, Vec<u8>)> = None;
    for (at, &byte) in bytes.iter().enumerate() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => {
                    in_string = false;
                    if !key_next && open.len() <= 2 {
                        cut = Some((at + 1, open.clone()));
                    }
                }
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'{' | b'[' => {
                open.push(byte);
                key_next = byte == b'{';
            }
            b'}' | b']' => {
                open.pop()?;
                key_next = false;
                if open.len() <= 2 {
                    cut = Some((at + 1, open.clone()));
                }
            }
            b',' => key_next = open.last() == Some(&b'{'),
            b':' => key_next = false,
            _ => {}
        }
    }
    let (end, open) = cut?;
    let mut part = bytes[..end].to_vec();
    part.extend(
        open.iter()
            .rev()
            .map(|&b| if b == b'{' { b'}' } else { b']' }),
    );
    Some(part)
}

/// Whether a JSON document says it is a JSON Feed (its `version`, whatever its place).
pub fn mentions_json_feed(feed: &Map<String, Value>) -> bool {
    feed.get("version")
        .and_then(Value::as_str)
        .is_some_and(|version| version.contains("jsonfeed"))
}

/// A string, or a number or true/false written as one; nothing for null, lists and objects.
fn text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}

fn number(value: &Value) -> Option<u64> {
    match value {
        Value::Number(number) => number.as_u64(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

/// A date with its time zone: one without is taken as UTC, one without a time as its
/// midnight. Other text is passed on as it is, for the lenient reading of dates.
fn with_time_zone(date: &str) -> Option<String> {
    let date = date.trim();
    if date.is_empty() {
        return None;
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(time) = NaiveDateTime::parse_from_str(date, format) {
            return Some(time.and_utc().to_rfc3339());
        }
    }
    if let Ok(day) = NaiveDate::parse_from_str(date, "%Y-%m-%d") {
        return Some(day.and_hms_opt(0, 0, 0)?.and_utc().to_rfc3339());
    }
    Some(date.to_string())
}
