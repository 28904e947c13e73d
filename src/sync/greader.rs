//! What Google Reader API servers send and how their items become articles. Servers differ
//! (FreshRSS, Miniflux, Inoreader…): ids come as decimal numbers or as long hex ids
//! (`tag:google.com,2005:reader/item/<16 hex digits>`), continuations as text or numbers,
//! states as `user/-/state/…` or `user/<number>/state/…`, and any list may be missing or null.
//! Everything read here is taken leniently, and every string passes through the sanitizer.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer};

use crate::model::{Article, ArticleId, Tag};
use crate::sanitize::clean_line;
use crate::source::html;

pub use crate::store::READING_LIST;
pub const READ: &str = "user/-/state/com.google/read";
pub const STARRED: &str = "user/-/state/com.google/starred";
const LONG_ID_PREFIX: &str = "tag:google.com,2005:reader/item/";

/// An item id as the server gave it, as a number: a long id is hexadecimal, a short one decimal
/// (signed, as Google's were).
pub fn item_number(id: &str) -> Option<i64> {
    let id = id.trim();
    match id.strip_prefix(LONG_ID_PREFIX) {
        // The bits of an unsigned hex id, kept as the signed number a short id would be.
        Some(hex) => u64::from_str_radix(hex, 16).ok().map(|n| n.cast_signed()),
        None => id.parse::<i64>().ok(),
    }
}

/// The long form of an item id, which every server reads (Miniflux takes a short id for hex).
pub fn long_id(item: i64) -> String {
    format!("{LONG_ID_PREFIX}{:016x}", item.cast_unsigned())
}

/// `subscription/list`.
#[derive(Debug, Deserialize)]
pub struct SubscriptionList {
    #[serde(default, deserialize_with = "nullable")]
    pub subscriptions: Vec<Subscription>,
}

#[derive(Debug, Deserialize)]
pub struct Subscription {
    pub id: String,
    #[serde(default, deserialize_with = "nullable")]
    pub title: String,
    #[serde(default, deserialize_with = "nullable")]
    pub url: String,
    #[serde(default, deserialize_with = "nullable")]
    pub categories: Vec<Category>,
}

#[derive(Debug, Deserialize)]
pub struct Category {
    pub id: String,
    #[serde(default)]
    pub label: Option<String>,
}

impl Subscription {
    /// Its folders, by their labels (else the end of their ids).
    pub fn folders(&self) -> Vec<String> {
        self.categories
            .iter()
            .filter_map(|c| {
                c.label
                    .clone()
                    .filter(|l| !l.trim().is_empty())
                    .or_else(|| label_of(&c.id).map(ToString::to_string))
            })
            .map(|l| clean_line(&l))
            .filter(|l| !l.is_empty())
            .collect()
    }
}

/// `stream/items/ids`: a page of item ids, and where the next page starts, if there is one.
#[derive(Debug, Deserialize)]
pub struct ItemIds {
    #[serde(default, rename = "itemRefs", deserialize_with = "nullable")]
    pub item_refs: Vec<ItemRef>,
    #[serde(default)]
    pub continuation: Option<Loose>,
}

#[derive(Debug, Deserialize)]
pub struct ItemRef {
    pub id: Loose,
}

impl ItemIds {
    /// The continuation to ask for the next page with; none when empty or zero (Miniflux's
    /// offsets are numbers, and 0 means the end).
    pub fn next(&self) -> Option<String> {
        let text = self.continuation.as_ref()?.text();
        (!text.is_empty() && text != "0").then_some(text)
    }
}

/// Text or a number, as servers send ids, times and continuations either way.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Loose {
    Text(String),
    Number(serde_json::Number),
}

impl Loose {
    pub fn text(&self) -> String {
        match self {
            Loose::Text(text) => text.trim().to_string(),
            Loose::Number(number) => number.to_string(),
        }
    }

    fn number(&self) -> Option<i64> {
        match self {
            Loose::Text(text) => text.trim().parse().ok(),
            Loose::Number(number) => number.as_i64(),
        }
    }
}

/// `stream/items/contents`.
#[derive(Debug, Deserialize)]
pub struct Contents {
    #[serde(default, deserialize_with = "nullable")]
    pub items: Vec<Item>,
}

#[derive(Debug, Deserialize)]
pub struct Item {
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub published: Option<Loose>,
    #[serde(default, rename = "crawlTimeMsec")]
    pub crawl_msec: Option<Loose>,
    #[serde(default, rename = "timestampUsec")]
    pub timestamp_usec: Option<Loose>,
    #[serde(default, deserialize_with = "nullable")]
    pub categories: Vec<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub canonical: Vec<Link>,
    #[serde(default, deserialize_with = "nullable")]
    pub alternate: Vec<Link>,
    #[serde(default)]
    pub origin: Option<Origin>,
    #[serde(default)]
    pub summary: Option<Text>,
    #[serde(default)]
    pub content: Option<Text>,
}

#[derive(Debug, Deserialize)]
pub struct Link {
    #[serde(default)]
    pub href: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Origin {
    #[serde(default, rename = "streamId")]
    pub stream_id: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Text {
    #[serde(default)]
    pub content: Option<String>,
}

/// A missing or null list or text reads as empty.
fn nullable<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// The label in `user/-/label/News` or `user/1/label/News`.
pub fn label_of(category: &str) -> Option<&str> {
    let rest = category.strip_prefix("user/")?;
    let (_, label) = rest.split_once("/label/")?;
    Some(label)
}

/// A server feed as its items need it: where its articles are cached, its name, and its
/// folders, which become tags of its items (whether or not the server labels the items).
#[derive(Debug, Clone)]
pub struct FeedInfo {
    pub url: String,
    pub name: String,
    pub folders: Vec<String>,
}

/// A server item as an article, with its number, its feed's stream and when the server got
/// it; `None` for an item without a readable id.
pub struct Converted {
    pub article: Article,
    pub item: i64,
    pub stream: String,
    pub feed_url: String,
    pub crawl_usec: i64,
}

/// The stable id of a server item: the same on every run and every device.
pub fn article_id(server: &str, item: i64) -> ArticleId {
    ArticleId::from_identity(&format!("greader:{server}\n{item}"))
}

/// Converts an item. Its feed is looked up by stream in `feeds`; an item of a feed the server
/// no longer lists (a starred one) is kept under an address of its own.
pub fn convert(item: &Item, server: &str, feeds: &HashMap<String, FeedInfo>) -> Option<Converted> {
    let number = item_number(&item.id)?;
    let origin = item.origin.as_ref();
    let stream = origin.and_then(|o| o.stream_id.clone()).unwrap_or_default();
    let feed = feeds.get(&stream);
    let (feed_url, source) = match feed {
        Some(feed) => (feed.url.clone(), feed.name.clone()),
        None => (
            format!("{server}#{}", clean_line(&stream)),
            origin
                .and_then(|o| o.title.as_deref())
                .map(text_of)
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| clean_line(&stream)),
        ),
    };
    let url = item
        .canonical
        .iter()
        .chain(&item.alternate)
        .filter_map(|link| link.href.as_deref())
        .map(clean_line)
        .find(|href| !href.is_empty());
    let published = item
        .published
        .as_ref()
        .and_then(Loose::number)
        .and_then(|seconds| DateTime::<Utc>::from_timestamp(seconds, 0));
    let html = [&item.content, &item.summary]
        .into_iter()
        .flatten()
        .filter_map(|text| text.content.as_deref())
        .find(|text| !text.trim().is_empty());
    let crawl_usec = item
        .timestamp_usec
        .as_ref()
        .and_then(Loose::number)
        .or_else(|| {
            item.crawl_msec
                .as_ref()
                .and_then(Loose::number)
                .map(|ms| ms.saturating_mul(1000))
        })
        .or_else(|| published.map(|p| p.timestamp_micros()))
        .unwrap_or(0);
    let article = Article {
        id: article_id(server, number),
        title: item
            .title
            .as_deref()
            .map(text_of)
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| "(no title)".to_string()),
        source,
        author: item
            .author
            .as_deref()
            .map(clean_line)
            .filter(|a| !a.is_empty()),
        published,
        tags: tags_of(&item.categories, feed.map_or(&[], |f| &f.folders)),
        body: html
            .map(|html| html::to_body(html, url.as_deref()))
            .unwrap_or_default(),
        url,
    };
    Some(Converted {
        article,
        item: number,
        stream,
        feed_url,
        crawl_usec,
    })
}

/// The item's labels (its folder among them) and its own categories, without the states,
/// then its feed's folders.
fn tags_of(categories: &[String], folders: &[String]) -> Vec<Tag> {
    let mut seen = std::collections::HashSet::new();
    categories
        .iter()
        .filter_map(|category| match label_of(category) {
            Some(label) => Some(label),
            None if category.starts_with("user/") => None,
            None => Some(category.as_str()),
        })
        .chain(folders.iter().map(String::as_str))
        .filter_map(|text| Tag::new(&clean_line(text)))
        .filter(|tag| seen.insert(tag.key()))
        .collect()
}

/// A title or name, whatever markup the server left in it, as one clean line.
pub fn text_of(text: &str) -> String {
    let text = text.trim();
    if text.contains('<') || text.contains('&') {
        clean_line(&html::to_body(text, None).plain_text())
    } else {
        clean_line(text)
    }
}

#[cfg(test)]
#[path = "greader_tests.rs"]
mod tests;
