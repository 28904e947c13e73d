//! An item as a feed gave it, whatever its format ([`Entry`]), and how it becomes an
//! [`Item`]: its title and names reduced to text, its addresses resolved, its id made as
//! readers before this one made it.

use std::borrow::Cow;

use chrono::{DateTime, Utc};

use super::address::{Bases, resolve};
use super::identity::Identity;
use super::repair::repair;
use super::{Context, Item, ItemBody};
use crate::model::tag::parse_tag_list;
use crate::model::{Article, ArticleId, Tag};
use crate::net;
use crate::sanitize::{clean_line, has_visible};
use crate::source::html::inline_text;
use crate::source::media::{self, Candidate};

/// Text as a feed gave it, and what the feed says it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub content: String,
    pub kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Plain text, shown as written whatever characters it holds.
    Plain,
    Html,
    /// Said to be neither (RSS never says): HTML when it looks like HTML.
    Either,
}

impl Text {
    pub fn new(content: String, kind: Kind) -> Text {
        Text { content, kind }
    }

    /// The HTML an element holds: escaped, or markup written straight into it.
    pub fn html_in(element: &super::tree::Element) -> Text {
        if element.has_elements() {
            Text::new(element.inner_markup(), Kind::Html)
        } else {
            Text::new(element.text(), Kind::Html)
        }
    }

    /// The text as one clean line: HTML reduced to its words, plain text as written.
    pub fn line(&self) -> String {
        let content = repair(&self.content);
        if self.is_html() {
            inline_text(&content)
        } else {
            clean_line(&content)
        }
    }

    fn is_html(&self) -> bool {
        match self.kind {
            Kind::Plain => false,
            Kind::Html => true,
            Kind::Either => looks_like_html(&self.content),
        }
    }

    /// The text as an HTML body: plain text escaped, so that `<` is shown as written.
    pub fn into_html(self) -> String {
        let content = match repair(&self.content) {
            Cow::Borrowed(_) => self.content,
            Cow::Owned(repaired) => repaired,
        };
        if self.kind == Kind::Plain {
            escape(&content)
        } else {
            content
        }
    }
}

/// Whether text a feed did not label is HTML: it closes an element, has a line break or a
/// picture, or holds a character reference (`&amp;` left after the XML was read).
fn looks_like_html(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let closes = lower.match_indices("</").any(|(at, _)| {
        lower[at + 2..]
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic())
    });
    let void = ["<br", "<img", "<hr", "<p>"].iter().any(|tag| {
        lower.match_indices(tag).any(|(at, _)| {
            matches!(
                lower.as_bytes().get(at + tag.len()),
                Some(b'>' | b'/' | b' ' | b'\t' | b'\n') | None
            ) || tag.ends_with('>')
        })
    });
    let reference = lower
        .match_indices('&')
        .any(|(at, _)| crate::source::entities::at(&lower.as_bytes()[at..]).is_some());
    closes || void || reference
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// An attached file: its address, type and size.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Enclosure {
    pub url: String,
    pub kind: Option<String>,
    pub length: Option<u64>,
}

/// An item as read from its feed.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    /// What earlier readers named the item by (see [`Identity`]).
    pub identity: Identity,
    /// Its link as written, and the `xml:base`s around it, outermost first.
    pub link: Option<(String, Vec<String>)>,
    /// Its guid, and whether the feed says it is the item's address.
    pub guid: Option<(String, bool)>,
    pub title: Option<Text>,
    pub authors: Vec<Text>,
    pub categories: Vec<Text>,
    pub published: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
    /// The full text, and a summary, in order of preference each.
    pub content: Vec<Text>,
    pub summary: Vec<Text>,
    /// The `xml:base`s that hold for the body, outermost first.
    pub body_bases: Vec<String>,
    pub enclosures: Vec<Enclosure>,
    /// Pictures the feed names beside the text, most wanted first, and a caption.
    pub pictures: Vec<Candidate>,
    pub caption: Option<String>,
}

impl Entry {
    /// The item this entry is, in the feed `context`.
    pub fn into_item(mut self, context: &Context) -> Item {
        let bases = Bases::new(&context.document_base);
        let url = self.url(&bases);
        let title = self
            .title
            .as_ref()
            .map(Text::line)
            .filter(|title| has_visible(title));
        let mut authors: Vec<String> = Vec::new();
        for name in self.authors.iter().map(|name| person_name(&name.line())) {
            let known = |k: &String| k.to_lowercase() == name.to_lowercase();
            if !name.is_empty() && !authors.iter().any(known) {
                authors.push(name);
            }
        }
        if authors.is_empty() {
            authors.clone_from(&context.feed_authors);
        }
        let categories: Vec<String> = self.categories.iter().map(Text::line).collect();
        let mut tags: Vec<Tag> = parse_tag_list(&categories.join(","));
        for tag in &context.feed_tags {
            if !tags.iter().any(|t| t.key() == tag.key()) {
                tags.push(tag.clone());
            }
        }
        let body = self.body(&bases, url.as_deref());
        let identity = self
            .identity
            .text(|| super::identity::body_text(&body.to_body()));
        let feed_url = context.feed_url;
        Item {
            article: Article {
                id: ArticleId::from_identity(&format!("feed:{feed_url}\n{identity}")),
                title: title.unwrap_or_else(|| "(no title)".to_string()),
                source: context.source_name.clone(),
                author: (!authors.is_empty()).then(|| authors.join(", ")),
                published: self.published.or(self.updated),
                url,
                tags,
                body: crate::model::Body::default(),
            },
            body,
        }
    }

    /// The item's address, resolved: its link, else a guid that says it is one.
    fn url(&self, bases: &Bases) -> Option<String> {
        if let Some((href, item_bases)) = &self.link {
            let resolved = resolve(href, &bases.with(item_bases));
            if !resolved.is_empty() {
                return Some(resolved);
            }
        }
        let (guid, permalink) = self.guid.as_ref()?;
        let guid = guid.trim();
        (*permalink && net::is_web(guid)).then(|| resolve(guid, &bases.with(&[])))
    }

    fn body(&mut self, bases: &Bases, url: Option<&str>) -> ItemBody {
        let text = self
            .content
            .iter_mut()
            .chain(&mut self.summary)
            .find(|text| !text.content.trim().is_empty())
            .map(|text| std::mem::replace(text, Text::new(String::new(), Kind::Plain)))
            .map(Text::into_html)
            .unwrap_or_default();
        // Links in the body resolve against its `xml:base`, else the item's address, else
        // the document's.
        let base = if self.body_bases.is_empty() {
            url.map(str::to_string)
                .or_else(|| bases.with(&[]).absolute())
        } else {
            bases.with(&self.body_bases).absolute()
        };
        let enclosures = self
            .enclosures
            .iter()
            .filter_map(|enclosure| {
                let url = clean_line(&resolve(&enclosure.url, &bases.with(&[])));
                (!url.is_empty()).then(|| (url, enclosure_label(enclosure)))
            })
            .collect();
        let lead = media::lead_picture(
            self.pictures
                .iter()
                .map(|c| Candidate {
                    url: resolve(&c.url, &bases.with(&[])),
                    ..c.clone()
                })
                .collect(),
            self.caption.as_deref().map(clean_line).unwrap_or_default(),
        );
        ItemBody {
            text,
            base,
            enclosures,
            lead,
        }
    }
}

/// "Enclosure: audio/mpeg, 1.2 MB".
pub(super) fn enclosure_label(enclosure: &Enclosure) -> String {
    let kind = enclosure
        .kind
        .as_deref()
        .map(clean_line)
        .filter(|kind| !kind.is_empty())
        .unwrap_or_else(|| "file".to_string());
    let size = enclosure
        .length
        .filter(|&s| s > 0)
        .map(|s| format!(", {:.1} MB", s as f64 / 1e6))
        .unwrap_or_default();
    format!("Enclosure: {kind}{size}")
}

/// The name in an author as RSS writes one: `editor@example.com (Ada Editor)`, `Ada Editor
/// <editor@example.com>`, `Ada Editor (editor@example.com)`; an address alone stays as it is.
pub fn person_name(text: &str) -> String {
    let text = text.trim();
    let is_address = |s: &str| {
        let s = s.trim().trim_start_matches("mailto:");
        s.contains('@') && !s.contains(char::is_whitespace)
    };
    if let Some(open) = text.rfind('(')
        && text.ends_with(')')
    {
        let (before, inside) = (text[..open].trim(), &text[open + 1..text.len() - 1]);
        if is_address(before) && !inside.trim().is_empty() {
            return clean_line(inside);
        }
        if is_address(inside) && !before.is_empty() {
            return clean_line(before);
        }
    }
    if let Some(open) = text.rfind('<')
        && text.ends_with('>')
        && is_address(&text[open + 1..text.len() - 1])
    {
        let name = text[..open].trim().trim_matches(['"', '\'']).trim();
        if !name.is_empty() {
            return clean_line(name);
        }
    }
    clean_line(text)
}

#[cfg(test)]
#[path = "entry_tests.rs"]
mod tests;
