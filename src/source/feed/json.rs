//! JSON Feed as real feeds write it: any order of keys, with or without a `version`, numbers
//! or nulls where strings belong, `tags` as one comma-separated string, `author` as a plain
//! name, dates without a time zone. The document is rewritten into a JSON Feed 1.1 that
//! feed-rs reads without complaint; a field that means nothing is left out, never the item.

use chrono::{NaiveDate, NaiveDateTime};
use serde_json::{Map, Value};

const VERSION: &str = "https://jsonfeed.org/version/1.1";

/// The feed as strict JSON Feed 1.1, or why it is not a JSON Feed at all.
pub fn canonical(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let feed = read(bytes)?;
    let items = match feed.get("items") {
        Some(Value::Array(items)) => items.as_slice(),
        Some(Value::Null) | None if mentions_json_feed(&feed) => &[],
        _ => return Err("not a feed: JSON without an \"items\" list".to_string()),
    };
    let mut out = Map::new();
    out.insert("version".into(), VERSION.into());
    out.insert(
        "title".into(),
        text(feed.get("title")).unwrap_or_default().into(),
    );
    for key in ["home_page_url", "feed_url", "description", "language"] {
        copy_text(&feed, &mut out, key);
    }
    copy_authors(&feed, &mut out);
    let items: Vec<Value> = items
        .iter()
        .filter_map(Value::as_object)
        .map(|item| Value::Object(canonical_item(item)))
        .collect();
    out.insert("items".into(), Value::Array(items));
    serde_json::to_vec(&Value::Object(out)).map_err(|e| format!("not a feed: {e}"))
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

fn canonical_item(item: &Map<String, Value>) -> Map<String, Value> {
    let mut out = Map::new();
    for key in [
        "id",
        "url",
        "external_url",
        "title",
        "content_html",
        "content_text",
        "summary",
        "image",
        "banner_image",
    ] {
        copy_text(item, &mut out, key);
    }
    for key in ["date_published", "date_modified"] {
        if let Some(date) = text(item.get(key)).and_then(|d| with_time_zone(&d)) {
            out.insert(key.into(), date.into());
        }
    }
    copy_authors(item, &mut out);
    let tags: Vec<Value> = match item.get("tags") {
        Some(Value::Array(tags)) => tags.iter().filter_map(|t| text(Some(t))).collect(),
        Some(Value::String(tags)) => tags.split(',').map(str::to_string).collect(),
        _ => Vec::new(),
    }
    .into_iter()
    .map(|tag| tag.trim().to_string())
    .filter(|tag| !tag.is_empty())
    .map(Value::from)
    .collect();
    if !tags.is_empty() {
        out.insert("tags".into(), Value::Array(tags));
    }
    let attachments: Vec<Value> = match item.get("attachments") {
        Some(Value::Array(attachments)) => attachments.iter().filter_map(attachment).collect(),
        _ => Vec::new(),
    };
    if !attachments.is_empty() {
        out.insert("attachments".into(), Value::Array(attachments));
    }
    out
}

fn attachment(value: &Value) -> Option<Value> {
    let url = text(value.get("url"))?;
    let mut out = Map::new();
    out.insert("url".into(), url.into());
    let kind = text(value.get("mime_type")).unwrap_or_else(|| "application/octet-stream".into());
    out.insert("mime_type".into(), kind.into());
    copy_text(value.as_object()?, &mut out, "title");
    if let Some(size) = value.get("size_in_bytes").and_then(number) {
        out.insert("size_in_bytes".into(), size.into());
    }
    Some(Value::Object(out))
}

/// `author` and `authors` as JSON Feed has them: objects with a `name`; a plain name, or a
/// list in `author`, is taken as meant.
fn copy_authors(from: &Map<String, Value>, out: &mut Map<String, Value>) {
    let mut authors: Vec<Value> = Vec::new();
    for key in ["author", "authors"] {
        match from.get(key) {
            Some(Value::Array(list)) => authors.extend(list.iter().filter_map(person)),
            Some(one) => authors.extend(person(one)),
            None => {}
        }
    }
    if !authors.is_empty() {
        out.insert("authors".into(), Value::Array(authors));
    }
}

fn person(value: &Value) -> Option<Value> {
    let (name, url) = match value {
        Value::Object(person) => (text(person.get("name")), text(person.get("url"))),
        other => (text(Some(other)), None),
    };
    let name = name.filter(|name| !name.trim().is_empty())?;
    let mut out = Map::new();
    out.insert("name".into(), name.into());
    if let Some(url) = url {
        out.insert("url".into(), url.into());
    }
    Some(Value::Object(out))
}

fn copy_text(from: &Map<String, Value>, out: &mut Map<String, Value>, key: &str) {
    if let Some(value) = text(from.get(key)) {
        out.insert(key.into(), value.into());
    }
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

/// A date as feed-rs reads it: one without a time zone is taken as UTC, one without a time
/// as its midnight. Other text is passed on for feed-rs's own lenient reading.
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
