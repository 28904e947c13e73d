//! JSON Feed as real feeds write it: any order of keys, with or without a `version`, numbers
//! or nulls where strings belong, `tags` as one comma-separated string, `author` as a plain
//! name, dates without a time zone. The document is rewritten into a JSON Feed 1.1 that
//! feed-rs reads without complaint; a field that means nothing is left out, never the item.

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
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

/// The JSON object of a document, or as much of it as comes before the place where it is
/// cut off or broken: the items before the damage are kept.
pub fn read(bytes: &[u8]) -> Result<Map<String, Value>, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let value = match serde_json::from_slice::<Value>(bytes) {
        Ok(value) => value,
        Err(error) => {
            let mut reader = serde_json::Deserializer::from_slice(bytes);
            match Salvaged::deserialize(&mut reader) {
                Ok(Salvaged(value @ Value::Object(_), _)) => value,
                _ => return Err(format!("not a feed: {error}")),
            }
        }
    };
    match value {
        Value::Object(object) => Ok(object),
        _ => Err("not a feed: the JSON is not an object".to_string()),
    }
}

/// A JSON value read up to the first error inside it, and whether it was read whole. An
/// object keeps the members read whole before the error, and a list read part way; a list
/// keeps the elements read whole.
struct Salvaged(Value, bool);

impl<'de> Deserialize<'de> for Salvaged {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(SalvageVisitor)
    }
}

struct SalvageVisitor;

impl<'de> Visitor<'de> for SalvageVisitor {
    type Value = Salvaged;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Salvaged, A::Error> {
        let mut object = Map::new();
        loop {
            let Ok(key) = access.next_key::<String>() else {
                return Ok(Salvaged(Value::Object(object), false));
            };
            let Some(key) = key else {
                return Ok(Salvaged(Value::Object(object), true));
            };
            match access.next_value::<Salvaged>() {
                Ok(Salvaged(value, true)) => {
                    object.insert(key, value);
                }
                Ok(Salvaged(list @ Value::Array(_), false)) => {
                    object.insert(key, list);
                    return Ok(Salvaged(Value::Object(object), false));
                }
                Ok(Salvaged(_, false)) | Err(_) => {
                    return Ok(Salvaged(Value::Object(object), false));
                }
            }
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<Salvaged, A::Error> {
        let mut list = Vec::new();
        loop {
            match access.next_element::<Salvaged>() {
                Ok(Some(Salvaged(value, true))) => list.push(value),
                Ok(None) => return Ok(Salvaged(Value::Array(list), true)),
                Ok(Some(Salvaged(_, false))) | Err(_) => {
                    return Ok(Salvaged(Value::Array(list), false));
                }
            }
        }
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Salvaged, E> {
        Ok(Salvaged(v.into(), true))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Salvaged, E> {
        Ok(Salvaged(v.into(), true))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Salvaged, E> {
        Ok(Salvaged(v.into(), true))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Salvaged, E> {
        Ok(Salvaged(v.into(), true))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Salvaged, E> {
        Ok(Salvaged(v.into(), true))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Salvaged, E> {
        Ok(Salvaged(v.into(), true))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Salvaged, E> {
        Ok(Salvaged(Value::Null, true))
    }
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
