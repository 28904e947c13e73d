//! Feeds: RSS (0.90 to 2.0.1, RDF's 1.0, with or without a version, in any namespace), Atom
//! (1.0 and 0.3) and JSON Feed, read by our own readers on quick-xml and serde_json into
//! articles. feed-rs, which the reader used before, refused or misread too much of what
//! servers send (Atom 0.3, RSS without a version or in a namespace, unknown `type`s, UTF-16
//! big-endian, fields of Dublin Core, Media RSS and iTunes), and reading the tree ourselves
//! lets every field come from whichever element a feed used.
//!
//! A document is decoded first (`decode`: byte order mark, HTTP charset, XML declaration,
//! a guess), then read as a run of items, a few at a time ([`read_items`]): an XML document
//! is split at its items (`split`), so that a large feed is never whole in memory as a tree,
//! a damaged one keeps the items before the damage, and a big one is read on every core.
//! Each item is read into an [`entry::Entry`] (`rss`, `atom`, `json`, with `fields` for the
//! vocabularies they share), which becomes an [`Item`]: its title reduced to text, its
//! addresses resolved (`address`), its id made as the old reader made it (`identity`), and
//! its body kept as the feed gave it ([`ItemBody`]) until it is wanted: the store keeps that,
//! and the reader makes the body when the article is opened.

mod address;
mod atom;
mod dates;
mod decode;
mod entry;
mod fields;
mod head;
mod identity;
mod json;
mod kept;
mod names;
mod ordered;
mod references;
mod repair;
mod rss;
mod sniff;
mod split;
mod tree;

use std::time::Duration;

use serde::{Deserialize, Serialize};
use url::Url;

use super::{html, media};
use crate::model::tag::parse_tag_list;
use crate::model::{Article, Block, Body, Span, SpanStyle, Tag};
use crate::net;
use crate::sanitize::{clean_line, has_visible};
use entry::{Entry, person_name};
use ordered::in_order;
use tree::{Element, Names, Ns};

pub use dates::parse_date;
pub use kept::{Kept, kept_item};
pub use sniff::{Format, Kind, kind, sniff};

/// A subscription as the parser needs it, and what the answer that brought the document
/// said of it.
#[derive(Debug, Clone, Copy, Default)]
pub struct FeedSource<'a> {
    pub url: &'a str,
    /// The name the reader gave the feed, shown in place of the feed's own title.
    pub name: Option<&'a str>,
    /// Tags for every article of the feed, merged with each item's categories.
    pub tags: &'a [String],
    /// The address the document came from after redirects, when it is not `url`.
    pub location: Option<&'a str>,
    /// The HTTP `Content-Type`, for the character set.
    pub content_type: Option<&'a str>,
    /// The HTTP `Content-Location`, the document's own address for relative links.
    pub content_location: Option<&'a str>,
}

impl<'a> FeedSource<'a> {
    /// A feed known by its address alone.
    pub fn new(url: &'a str) -> FeedSource<'a> {
        FeedSource {
            url,
            ..FeedSource::default()
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ParsedFeed {
    /// What the feed calls itself.
    pub title: Option<String>,
    pub articles: Vec<Article>,
    /// How long the feed asks to be left alone (RSS `<ttl>`).
    pub ttl: Option<Duration>,
}

/// What a feed says of itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedHead {
    pub title: Option<String>,
    pub ttl: Option<Duration>,
}

/// One item as read: its article without a body, and what the body is made from.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub article: Article,
    pub body: ItemBody,
}

impl Item {
    /// The whole article, its body made.
    pub fn into_article(self) -> Article {
        Article {
            body: self.body.to_body(),
            ..self.article
        }
    }
}

/// What an item's body is made from, as the feed gave it: the store keeps this (smaller than
/// the body made of it, and read again by a better reader), and the body is made when wanted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemBody {
    /// The item's content, else its summary: HTML, or plain text.
    #[serde(default)]
    pub text: String,
    /// The item's address, against which relative links are resolved.
    #[serde(default)]
    pub base: Option<String>,
    /// Attached files: their address and a label ("Enclosure: audio/mpeg, 1.2 MB").
    #[serde(default)]
    pub enclosures: Vec<(String, String)>,
    /// The picture the feed gives beside the text, shown first unless the text shows it.
    #[serde(default)]
    pub lead: Option<media::Lead>,
}

impl ItemBody {
    pub fn to_body(&self) -> Body {
        let mut body = if self.text.trim().is_empty() {
            Body::default()
        } else {
            html::to_body(&self.text, self.base.as_deref())
        };
        add_enclosures(&mut body, &self.enclosures);
        if let Some(lead) = &self.lead {
            lead.add_to(&mut body);
        }
        body
    }
}

/// Parses a feed document whole. The error is one line for a person: "not a feed: …".
pub fn parse(bytes: &[u8], source: FeedSource) -> Result<ParsedFeed, String> {
    let mut articles = Vec::new();
    let head = read_items(
        bytes,
        source,
        cores(),
        |items| items.into_iter().map(Item::into_article).collect(),
        |made: Vec<Article>| articles.extend(made),
    )?;
    Ok(ParsedFeed {
        title: head.title,
        articles,
        ttl: head.ttl,
    })
}

/// Items are read and handed on in runs of this many.
pub const RUN: usize = 64;
/// Feeds with fewer items are read on one thread.
const ITEMS_FOR_THREADS: usize = 256;

/// The cores of this machine.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// Reads a feed's items in document order, in runs of [`RUN`]: each run goes through
/// `prepare` (on up to `threads` threads for a large feed), and what comes of it to `each`,
/// in order.
/// A feed is refused, with one line for a person ("not a feed: …"), only when nothing in it
/// can be read; items that cannot be read are left out and the others kept.
pub fn read_items<T: Send>(
    bytes: &[u8],
    source: FeedSource,
    threads: usize,
    prepare: impl Fn(Vec<Item>) -> T + Sync,
    each: impl FnMut(T),
) -> Result<FeedHead, String> {
    let location = source.location.unwrap_or(source.url);
    let text = decode::decode(bytes, source.content_type, Some(location))?;
    let document_base = address::document_base(location, source.content_location);
    if sniff(text.as_bytes()) == Some(Format::Json) {
        let (head, entries) = json::read_feed(&text)?;
        let context = Context::new(head, source, document_base);
        let runs = in_runs(entries.into_iter());
        let count = runs.iter().map(Vec::len).sum();
        in_order(
            runs,
            threads_for(count, threads),
            |run| prepare(run.into_iter().map(|e| e.into_item(&context)).collect()),
            each,
        );
        return Ok(context.head);
    }
    match split::Split::scan(&text) {
        Some(split) => Ok(read_split(
            &split,
            source,
            document_base,
            threads,
            prepare,
            each,
        )),
        None => read_whole(&text, source, document_base, prepare, each),
    }
}

/// `items` in runs of [`RUN`].
fn in_runs<I>(items: impl Iterator<Item = I>) -> Vec<Vec<I>> {
    let mut items = items.peekable();
    let mut runs = Vec::new();
    while items.peek().is_some() {
        runs.push(items.by_ref().take(RUN).collect());
    }
    runs
}

fn read_split<T: Send>(
    split: &split::Split<'_>,
    source: FeedSource,
    document_base: Option<Url>,
    threads: usize,
    prepare: impl Fn(Vec<Item>) -> T + Sync,
    each: impl FnMut(T),
) -> FeedHead {
    let mut names = Names::new(split.vocabulary);
    let mut bases = Vec::new();
    for tag in &split.around {
        names.enter(tag);
        let around = tree::read(tag, &names);
        bases.extend(around.as_ref().and_then(Element::base).map(str::to_string));
    }
    let root = names.clone();
    let head = tree::read(&split.head_document(), &root)
        .map(|root| head::read(&root))
        .unwrap_or_default();
    let context = Context::new(head, source, document_base);
    let count = split.items.len();
    let runs = in_runs(0..count);
    in_order(
        runs,
        threads_for(count, threads),
        |run| {
            let items = run.into_iter().filter_map(|index| {
                let element = tree::read(split.item(index), &names)?;
                Some(entry_of(&element, &bases).into_item(&context))
            });
            prepare(items.collect())
        },
        each,
    );
    context.head
}

/// A document that could not be split (one with no whole item, or items where they do not
/// belong) read whole; refused when its root is no feed's.
fn read_whole<T: Send>(
    text: &str,
    source: FeedSource,
    document_base: Option<Url>,
    prepare: impl Fn(Vec<Item>) -> T + Sync,
    mut each: impl FnMut(T),
) -> Result<FeedHead, String> {
    let Some((start, vocabulary)) = split::root(text) else {
        return Err(not_a_feed(text));
    };
    let mut names = Names::new(vocabulary);
    names.enter(&text[start.clone()]);
    let root = tree::read(&text[start.start..], &names).ok_or_else(|| not_a_feed(text))?;
    // An Atom entry document is one item, and says nothing of a feed.
    if root.is(Ns::Atom, "entry") && root.closed {
        let context = Context::new(head::Head::default(), source, document_base);
        each(prepare(vec![atom::entry(&root, &[]).into_item(&context)]));
        return Ok(context.head);
    }
    let head = head::read(&root);
    let context = Context::new(head, source, document_base);
    let bases: Vec<String> = root.base().map(str::to_string).into_iter().collect();
    let mut entries: Vec<Entry> = Vec::new();
    for element in root.elements() {
        if element.is(Ns::Rss, "channel") {
            let mut within = bases.clone();
            within.extend(element.base().map(str::to_string));
            for item in element.elements().filter(|e| is_item(e)) {
                entries.push(entry_of(item, &within));
            }
        } else if is_item(element) {
            entries.push(entry_of(element, &bases));
        }
    }
    if entries.is_empty() && !root.closed && has_cut_item(&root) {
        return Err("not a feed: it is cut off before its first whole item".to_string());
    }
    for run in in_runs(entries.into_iter()) {
        each(prepare(
            run.into_iter().map(|e| e.into_item(&context)).collect(),
        ));
    }
    Ok(context.head)
}

/// Whether a document cut off was cut inside an item: what comes of it is only part.
fn has_cut_item(root: &Element) -> bool {
    let item = |e: &Element| e.is(Ns::Rss, "item") || e.is(Ns::Atom, "entry");
    root.elements().any(|element| {
        (item(element) && !element.closed)
            || (element.is(Ns::Rss, "channel") && element.elements().any(|e| item(e) && !e.closed))
    })
}

/// Whether an element is a whole item: one cut off with its document is left for the next
/// refresh to bring whole.
fn is_item(element: &Element) -> bool {
    (element.is(Ns::Rss, "item") || element.is(Ns::Atom, "entry")) && element.closed
}

/// An item or entry read by the reader of its vocabulary.
fn entry_of(element: &Element, bases: &[String]) -> Entry {
    if element.ns == Some(Ns::Atom) {
        atom::entry(element, bases)
    } else {
        rss::entry(element, bases)
    }
}

/// Why a document is not a feed, in words.
fn not_a_feed(text: &str) -> String {
    let start = text.trim_start().get(..1024).unwrap_or(text.trim_start());
    let lower = start.to_ascii_lowercase();
    if lower.contains("<html") || lower.starts_with("<!doctype html") {
        "not a feed: it is a web page (HTML), not RSS, Atom or JSON Feed".to_string()
    } else if start.is_empty() {
        "not a feed: the document is empty".to_string()
    } else {
        "not a feed: no RSS, Atom or JSON Feed in it".to_string()
    }
}

/// How many threads read a feed of `count` items: a small one is read on one.
fn threads_for(count: usize, threads: usize) -> usize {
    if count >= ITEMS_FOR_THREADS {
        threads
    } else {
        1
    }
}

/// What every item of a feed shares.
pub(crate) struct Context<'a> {
    head: FeedHead,
    feed_url: &'a str,
    source_name: String,
    feed_tags: Vec<Tag>,
    /// The feed's authors, for items that name none.
    feed_authors: Vec<String>,
    /// The document's own address, for relative ones.
    document_base: Option<Url>,
}

impl<'a> Context<'a> {
    fn new(head: head::Head, source: FeedSource<'a>, document_base: Option<Url>) -> Self {
        let title = head
            .title
            .as_ref()
            .map(entry::Text::line)
            .filter(|t| has_visible(t));
        let source_name = source
            .name
            .map(clean_line)
            .or_else(|| title.clone())
            .or_else(|| net::site(source.url))
            .unwrap_or_default();
        let mut feed_authors: Vec<String> = Vec::new();
        for name in head.authors.iter().map(|a| person_name(&a.line())) {
            if !name.is_empty()
                && !feed_authors
                    .iter()
                    .any(|known| known.to_lowercase() == name.to_lowercase())
            {
                feed_authors.push(name);
            }
        }
        Context {
            head: FeedHead {
                title,
                ttl: head
                    .ttl
                    .map(|minutes| Duration::from_secs(u64::from(minutes) * 60)),
            },
            feed_url: source.url,
            source_name,
            feed_tags: parse_tag_list(&clean_line(&source.tags.join(","))),
            feed_authors,
            document_base,
        }
    }
}

/// Enclosures as numbered links at the end.
fn add_enclosures(body: &mut Body, enclosures: &[(String, String)]) {
    if enclosures.is_empty() {
        return;
    }
    let mut links = match body.blocks.last() {
        Some(Block::Links(_)) => match body.blocks.pop() {
            Some(Block::Links(links)) => links,
            _ => Vec::new(),
        },
        _ => Vec::new(),
    };
    for (url, label) in enclosures {
        let (url, label) = (url.clone(), label.clone());
        let number = match links.iter().position(|known| *known == url) {
            Some(at) => at + 1,
            None => {
                links.push(url);
                links.len()
            }
        };
        let link = SpanStyle {
            link: true,
            ..SpanStyle::default()
        };
        body.blocks.push(Block::Paragraph(vec![
            Span::styled(label, link),
            Span::plain(format!(" [{number}]")),
        ]));
    }
    body.blocks.push(Block::Links(links));
}

#[cfg(test)]
mod tests;
