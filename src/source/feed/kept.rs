//! An item another reader kept (newsboat's cache, newsraft's database) made into the item
//! this reader would have read from its feed: its id made as [`identity`](super::identity)
//! makes it, so that a later refresh of the feed finds it, its body kept as the feed gave it.

use chrono::{DateTime, Utc};

use super::entry::{Enclosure, enclosure_label};
use super::identity::{Identity, Link};
use super::{Item, ItemBody};
use crate::model::tag::parse_tag_list;
use crate::model::{Article, ArticleId, Body};
use crate::sanitize::clean_line;

/// What the other reader kept of an item.
#[derive(Debug, Clone, Default)]
pub struct Kept<'a> {
    pub feed_url: &'a str,
    /// The item's guid or id, when the feed gave one.
    pub guid: Option<&'a str>,
    pub link: Option<&'a str>,
    pub title: &'a str,
    pub author: Option<&'a str>,
    pub published: Option<DateTime<Utc>>,
    /// Its text: HTML, or plain text.
    pub content: &'a str,
    /// An attached file's address and type.
    pub enclosure: Option<(&'a str, Option<&'a str>)>,
    /// The feed's name, shown as where the article comes from.
    pub source: &'a str,
    /// The feed's tags.
    pub tags: &'a [String],
}

fn non_empty(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|text| !text.is_empty())
}

/// The item as this reader would have read it.
pub fn kept_item(kept: &Kept) -> Item {
    let link = non_empty(kept.link).map(str::to_string);
    let body = ItemBody {
        text: kept.content.to_string(),
        base: link.clone(),
        enclosures: non_empty(kept.enclosure.map(|(url, _)| url))
            .map(|url| {
                let enclosure = Enclosure {
                    url: url.to_string(),
                    kind: kept
                        .enclosure
                        .and_then(|(_, kind)| non_empty(kind))
                        .map(str::to_string),
                    length: None,
                };
                vec![(url.to_string(), enclosure_label(&enclosure))]
            })
            .unwrap_or_default(),
        lead: None,
    };
    let identity = Identity {
        guid: non_empty(kept.guid).map(str::to_string),
        links: link
            .iter()
            .map(|href| Link::new(href, &[], true, false))
            .collect(),
        title: non_empty(Some(kept.title)).map(str::to_string),
        date: kept.published,
    }
    .text(|| super::identity::body_text(&body.to_body()));
    let title = clean_line(kept.title);
    Item {
        article: Article {
            id: ArticleId::from_identity(&format!("feed:{}\n{identity}", kept.feed_url)),
            title: if title.trim().is_empty() {
                "(no title)".to_string()
            } else {
                title
            },
            source: clean_line(kept.source),
            author: non_empty(kept.author).map(clean_line),
            published: kept.published,
            url: link,
            tags: parse_tag_list(&clean_line(&kept.tags.join(","))),
            body: Body::default(),
        },
        body,
    }
}

#[cfg(test)]
#[path = "kept_tests.rs"]
mod tests;
