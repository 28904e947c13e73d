//! The fields an item is read into, whatever the element that gave each: a feed may say the
//! same thing several ways (an RSS `title` and a `dc:title`, a `pubDate` and a `dc:date`), and
//! the most direct one wins, whatever their order. The extension vocabularies RSS and Atom
//! feeds share (Dublin Core, `content`, Media RSS, iTunes, XHTML, FeedBurner) are read here.

use chrono::{DateTime, Utc};

use super::dates::parse_date;
use super::entry::{Enclosure, Entry, Kind, Text};
use super::identity::Identity;
use super::tree::{Element, Ns};
use crate::source::media::{Candidate, Rank};

/// How direct a field's source is: lower wins.
pub type Priority = u8;
pub const CORE: Priority = 0;
pub const DUBLIN_CORE: Priority = 1;
pub const MEDIA: Priority = 2;
pub const ITUNES: Priority = 3;

/// An item being read.
#[derive(Default)]
pub struct Draft {
    pub identity: Identity,
    pub guid: Option<(String, bool)>,
    title: Option<(Priority, Text)>,
    link: Option<(Priority, (String, Vec<String>))>,
    published: Option<(Priority, DateTime<Utc>)>,
    updated: Option<(Priority, DateTime<Utc>)>,
    authors: Vec<(Priority, Text)>,
    pub categories: Vec<Text>,
    content: Vec<(Priority, Text)>,
    summary: Vec<(Priority, Text)>,
    pub body_bases: Vec<String>,
    pub enclosures: Vec<Enclosure>,
    pub pictures: Vec<Candidate>,
    caption: Option<(Priority, String)>,
}

/// Keeps `value` in `slot` unless what is there came from a more direct source.
fn offer<T>(slot: &mut Option<(Priority, T)>, priority: Priority, value: T) {
    if slot.as_ref().is_none_or(|(held, _)| priority < *held) {
        *slot = Some((priority, value));
    }
}

impl Draft {
    pub fn title(&mut self, priority: Priority, text: Text) {
        if !text.content.trim().is_empty() {
            offer(&mut self.title, priority, text);
        }
    }

    /// A link as written, with the `xml:base`s around it.
    pub fn link(&mut self, priority: Priority, href: &str, bases: Vec<String>) {
        if !href.trim().is_empty() {
            offer(&mut self.link, priority, (href.to_string(), bases));
        }
    }

    pub fn has_link(&self) -> bool {
        self.link.is_some()
    }

    pub fn published(&mut self, priority: Priority, text: &str) {
        if let Some(date) = parse_date(text) {
            offer(&mut self.published, priority, date);
        }
    }

    pub fn updated(&mut self, priority: Priority, text: &str) {
        if let Some(date) = parse_date(text) {
            offer(&mut self.updated, priority, date);
        }
    }

    pub fn author(&mut self, priority: Priority, text: Text) {
        if !text.content.trim().is_empty() {
            self.authors.push((priority, text));
        }
    }

    pub fn content(&mut self, priority: Priority, text: Text) {
        self.content.push((priority, text));
    }

    pub fn summary(&mut self, priority: Priority, text: Text) {
        self.summary.push((priority, text));
    }

    pub fn category(&mut self, text: Text) {
        if !text.content.trim().is_empty() {
            self.categories.push(text);
        }
    }

    /// Reads an element of a vocabulary RSS and Atom items share; `false` when it is none
    /// of them.
    pub fn extension(&mut self, element: &Element, bases: &[String]) -> bool {
        let Some(ns) = element.ns else {
            return false;
        };
        let text = || element.text();
        match (ns, element.name.as_str()) {
            (Ns::Dc, "title") => self.title(DUBLIN_CORE, Text::new(text(), Kind::Either)),
            (Ns::Dc, "creator" | "author" | "contributor") => {
                self.author(DUBLIN_CORE, Text::new(text(), Kind::Either));
            }
            (Ns::Dc, "subject") => self.category(Text::new(text(), Kind::Either)),
            (Ns::Dc, "date") | (Ns::DcTerms, "issued" | "created" | "available") => {
                self.published(DUBLIN_CORE, &text());
            }
            (Ns::DcTerms, "modified") => self.updated(DUBLIN_CORE, &text()),
            (Ns::Dc, "description") | (Ns::DcTerms, "abstract") => {
                self.summary(DUBLIN_CORE, Text::new(text(), Kind::Either));
            }
            (Ns::Content, "encoded") => self.content(CORE, Text::html_in(element)),
            (Ns::Xhtml, "body" | "div") => {
                self.content(CORE, Text::new(element.inner_markup(), Kind::Html));
            }
            (Ns::Media, "group") => {
                for member in element.elements() {
                    self.extension(member, bases);
                }
            }
            (Ns::Media, "content") => self.media_content(element),
            (Ns::Media, "thumbnail") => {
                if let Some(url) = element.attr("url") {
                    self.pictures.push(Candidate {
                        width: number(element.attr("width")),
                        height: number(element.attr("height")),
                        ..Candidate::new(url, Rank::Thumbnail)
                    });
                }
            }
            (Ns::Media, "title") => {
                offer(&mut self.caption, MEDIA, text());
                self.title(MEDIA, text_of_type(element, text()));
            }
            (Ns::Media, "description") => {
                self.summary(MEDIA, text_of_type(element, text()));
            }
            (Ns::Media, "category") => self.category(Text::new(text(), Kind::Plain)),
            (Ns::Itunes, "author") => self.author(ITUNES, Text::new(text(), Kind::Plain)),
            (Ns::Itunes, "title") => self.title(ITUNES, Text::new(text(), Kind::Plain)),
            (Ns::Itunes, "summary") => self.summary(ITUNES, Text::new(text(), Kind::Either)),
            (Ns::Itunes, "subtitle") => self.summary(ITUNES + 1, Text::new(text(), Kind::Either)),
            (Ns::Itunes, "category") => {
                if let Some(name) = element.attr("text") {
                    self.category(Text::new(name.to_string(), Kind::Plain));
                }
                // A subcategory sits inside its category.
                for inner in element.elements() {
                    self.extension(inner, bases);
                }
            }
            (Ns::Itunes, "image") => {
                if let Some(url) = element.attr("href").or(element.attr("url")) {
                    self.pictures.push(Candidate::new(url, Rank::Thumbnail));
                }
            }
            (Ns::Feedburner, "origLink") => {
                let mut around = bases.to_vec();
                around.extend(element.base().map(str::to_string));
                self.link(ITUNES, text().trim(), around);
            }
            _ => return false,
        }
        true
    }

    /// An attached file at `url` (an RSS `enclosure`, an Atom `link rel="enclosure"`), with
    /// the `type` and `length` its element gives; the lead picture when it is one.
    pub fn enclosure(&mut self, url: &str, element: &Element) {
        if url.trim().is_empty() {
            return;
        }
        let kind = element.attr("type").map(str::to_string);
        if kind
            .as_deref()
            .is_some_and(|kind| kind.starts_with("image/"))
        {
            self.pictures.push(Candidate {
                kind: kind.clone(),
                ..Candidate::new(url, Rank::Full)
            });
        }
        self.enclosures.push(Enclosure {
            url: url.to_string(),
            kind,
            length: element.attr("length").and_then(|l| l.trim().parse().ok()),
        });
    }

    /// `media:content`: an attached file, and the lead picture when it is one.
    fn media_content(&mut self, element: &Element) {
        let Some(url) = element.attr("url") else {
            return;
        };
        let kind = element.attr("type").map(str::to_string);
        let image = element
            .attr("medium")
            .is_some_and(|m| m.eq_ignore_ascii_case("image"));
        self.pictures.push(Candidate {
            width: number(element.attr("width")),
            height: number(element.attr("height")),
            kind: kind.clone().or(image.then(|| "image/*".to_string())),
            ..Candidate::new(url, Rank::Full)
        });
        for inner in element.elements() {
            match (inner.ns, inner.name.as_str()) {
                (Some(Ns::Media), "title") => offer(&mut self.caption, CORE, inner.text()),
                (Some(Ns::Media), _) => {
                    self.extension(inner, &[]);
                }
                _ => {}
            }
        }
        self.enclosures.push(Enclosure {
            url: url.to_string(),
            kind,
            length: element.attr("fileSize").and_then(|s| s.trim().parse().ok()),
        });
    }

    /// The item, its fields settled.
    pub fn finish(self) -> Entry {
        let best = |list: Vec<(Priority, Text)>| -> Vec<Text> {
            let mut list: Vec<(Priority, Text)> = list
                .into_iter()
                .filter(|(_, text)| !text.content.trim().is_empty())
                .collect();
            list.sort_by_key(|(priority, _)| *priority);
            list.into_iter().map(|(_, text)| text).collect()
        };
        let mut authors = self.authors;
        authors.sort_by_key(|(priority, _)| *priority);
        let authors = authors.into_iter().map(|(_, text)| text).collect();
        Entry {
            identity: self.identity,
            link: self.link.map(|(_, link)| link),
            guid: self.guid,
            title: self.title.map(|(_, title)| title),
            authors,
            categories: self.categories,
            published: self.published.map(|(_, date)| date),
            updated: self.updated.map(|(_, date)| date),
            content: best(self.content),
            summary: best(self.summary),
            body_bases: self.body_bases,
            enclosures: self.enclosures,
            pictures: self.pictures,
            caption: self.caption.map(|(_, caption)| caption),
        }
    }
}

/// A Media RSS text: `type="html"` or plain.
fn text_of_type(element: &Element, text: String) -> Text {
    let html = element
        .attr("type")
        .is_some_and(|t| t.eq_ignore_ascii_case("html"));
    Text::new(text, if html { Kind::Html } else { Kind::Plain })
}

fn number(value: Option<&str>) -> Option<u32> {
    value?.trim().parse().ok()
}
