//! Feeds: RSS 0.9x/1.0/2.0, Atom and JSON Feed, parsed with feed-rs into articles. An item's
//! id comes from its feed and its guid, else its link, else its title and date, so a
//! refreshed item replaces its earlier copy.
//!
//! A feed is read as a run of items, a few at a time ([`read_items`]): an XML document is
//! split at its items first (`split`), so that a large feed is never whole in feed-rs's model,
//! a damaged one keeps the items before the damage, and a big one is read on every core. An
//! item's body is kept as the feed gave it ([`ItemBody`]) until it is wanted: the store keeps
//! that, and the reader makes the body when the article is opened.

mod declarations;
mod json;
mod sniff;
mod split;

use std::time::Duration;

use feed_rs::model::{Entry, Feed, Text};
use serde::{Deserialize, Serialize};

use super::{html, media};
use crate::model::tag::parse_tag_list;
use crate::model::{Article, ArticleId, Block, Body, Span, SpanStyle, Tag};
use crate::sanitize::clean_line;

pub use declarations::without_late_declarations;
pub use sniff::{Format, sniff};

/// A subscription as the parser needs it.
#[derive(Debug, Clone, Copy)]
pub struct FeedSource<'a> {
    pub url: &'a str,
    /// The name the reader gave the feed, shown in place of the feed's own title.
    pub name: Option<&'a str>,
    /// Tags for every article of the feed, merged with each item's categories.
    pub tags: &'a [String],
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
    if sniff(bytes) == Some(Format::Json) {
        let canonical = json::canonical(bytes)?;
        let images = media::json_feed_images(&canonical);
        let feed = parse_whole(&canonical)?;
        return Ok(read_entries(feed, &images, source, threads, prepare, each));
    }
    match split::Split::scan(bytes) {
        Some(split) => read_split(&split, source, threads, prepare, each),
        None => {
            let feed = parse_whole(&without_late_declarations(bytes))?;
            Ok(read_entries(feed, &[], source, threads, prepare, each))
        }
    }
}

/// A document read whole by feed-rs.
fn parse_whole(bytes: &[u8]) -> Result<Feed, String> {
    feed_rs::parser::Builder::new()
        // An empty id marks an item without a guid; `identity` then picks link or title.
        .id_generator(|_, _, _| String::new())
        .build()
        .parse(bytes)
        .map_err(|e| format!("not a feed: {}", clean_line(&e.to_string())))
}

/// A piece of a split document read by feed-rs, any late XML declaration cut out first.
fn parse_piece(piece: Vec<u8>) -> Result<Feed, String> {
    let late = memchr::memmem::find(piece.get(1..).unwrap_or_default(), b"<?xml").is_some();
    if late {
        parse_whole(&without_late_declarations(&piece))
    } else {
        parse_whole(&piece)
    }
}

fn read_split<T: Send>(
    split: &split::Split<'_>,
    source: FeedSource,
    threads: usize,
    prepare: impl Fn(Vec<Item>) -> T + Sync,
    each: impl FnMut(T),
) -> Result<FeedHead, String> {
    let mut meta = parse_piece(split.head_document())?;
    let context = Context::new(&mut meta, source);
    let count = split.items.len();
    let runs: Vec<std::ops::Range<usize>> = (0..count)
        .step_by(RUN)
        .map(|start| start..(start + RUN).min(count))
        .collect();
    in_order(
        runs,
        threads_for(count, threads),
        |run| prepare(read_run(split, run, &context)),
        each,
    );
    Ok(context.head)
}

/// How many threads read a feed of `count` items: a small one is read on one.
fn threads_for(count: usize, threads: usize) -> usize {
    if count >= ITEMS_FOR_THREADS {
        threads
    } else {
        1
    }
}

/// The items of a run; when the run cannot be read as one document, each of its items on
/// its own, leaving out those that cannot be read.
fn read_run(split: &split::Split<'_>, run: std::ops::Range<usize>, context: &Context) -> Vec<Item> {
    match parse_piece(split.document(run.clone())) {
        Ok(feed) => feed
            .entries
            .into_iter()
            .map(|e| item(e, None, context))
            .collect(),
        Err(_) if run.len() > 1 => run
            .flat_map(|one| read_run(split, one..one + 1, context))
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// The items of a document read whole; `images` are its items' JSON Feed images, in order.
fn read_entries<T: Send>(
    mut feed: Feed,
    images: &[Option<String>],
    source: FeedSource,
    threads: usize,
    prepare: impl Fn(Vec<Item>) -> T + Sync,
    each: impl FnMut(T),
) -> FeedHead {
    let entries = std::mem::take(&mut feed.entries);
    let context = Context::new(&mut feed, source);
    let count = entries.len();
    let mut runs: Vec<Vec<(Entry, Option<&str>)>> = Vec::new();
    let images = images
        .iter()
        .map(Option::as_deref)
        .chain(std::iter::repeat(None));
    let mut entries = entries.into_iter().zip(images).peekable();
    while entries.peek().is_some() {
        runs.push(entries.by_ref().take(RUN).collect());
    }
    in_order(
        runs,
        threads_for(count, threads),
        |run| {
            let items = run.into_iter().map(|(e, image)| item(e, image, &context));
            prepare(items.collect())
        },
        each,
    );
    context.head
}

/// `work` done on each input, on `threads` threads, and `each` given what comes of them in
/// their order. At most one input per thread is under way, so a large feed is never in
/// memory as articles all at once.
fn in_order<I: Send, T: Send>(
    inputs: Vec<I>,
    threads: usize,
    work: impl Fn(I) -> T + Sync,
    mut each: impl FnMut(T),
) {
    if threads < 2 {
        inputs.into_iter().map(&work).for_each(each);
        return;
    }
    let work = &work;
    let mut inputs = inputs.into_iter().peekable();
    while inputs.peek().is_some() {
        let round: Vec<I> = inputs.by_ref().take(threads).collect();
        std::thread::scope(|scope| {
            let mut round = round.into_iter();
            let first = round.next();
            let others: Vec<_> = round
                .map(|input| scope.spawn(move || work(input)))
                .collect();
            if let Some(first) = first {
                each(work(first));
            }
            for other in others {
                each(
                    other
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                );
            }
        });
    }
}

/// What every item of a feed shares.
struct Context<'a> {
    head: FeedHead,
    feed_url: &'a str,
    source_name: String,
    feed_tags: Vec<Tag>,
    /// The feed's authors, for items that name none.
    feed_authors: Vec<String>,
}

impl<'a> Context<'a> {
    fn new(feed: &mut Feed, source: FeedSource<'a>) -> Self {
        let title = feed.title.as_ref().map(text_of).filter(|t| !t.is_empty());
        let source_name = source
            .name
            .map(clean_line)
            .or_else(|| title.clone())
            .unwrap_or_else(|| host_of(source.url));
        Context {
            head: FeedHead {
                title,
                ttl: feed
                    .ttl
                    .map(|minutes| Duration::from_secs(u64::from(minutes) * 60)),
            },
            feed_url: source.url,
            source_name,
            feed_tags: parse_tag_list(&clean_line(&source.tags.join(","))),
            feed_authors: names(&feed.authors),
        }
    }
}

/// The names of people, cleaned, each once (compared without case).
fn names(people: &[feed_rs::model::Person]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for name in people.iter().filter_map(|p| p.name.as_deref()) {
        let name = clean_line(name);
        if !name.is_empty()
            && !names
                .iter()
                .any(|known| known.to_lowercase() == name.to_lowercase())
        {
            names.push(name);
        }
    }
    names
}

/// An item of the feed; `json_image` is its JSON Feed `image`, which feed-rs does not read.
fn item(entry: Entry, json_image: Option<&str>, context: &Context) -> Item {
    let url = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|rel| rel == "alternate"))
        .or(entry.links.first())
        .map(|l| clean_line(&l.href))
        .filter(|href| !href.is_empty());
    let published = entry.published.or(entry.updated);
    let title = entry.title.as_ref().map(text_of).filter(|t| !t.is_empty());
    let mut authors = names(&entry.authors);
    if authors.is_empty() {
        authors = context.feed_authors.clone();
    }
    let categories: Vec<String> = entry
        .categories
        .iter()
        .map(|c| c.label.clone().unwrap_or_else(|| c.term.clone()))
        .collect();
    let mut tags: Vec<Tag> = parse_tag_list(&clean_line(&categories.join(",")));
    for tag in &context.feed_tags {
        if !tags.iter().any(|t| t.key() == tag.key()) {
            tags.push(tag.clone());
        }
    }
    let guid = entry.id.trim().to_string();
    let body = body_of(entry, json_image, url.clone());
    let identity = if !guid.is_empty() {
        guid
    } else if let Some(url) = &url {
        url.clone()
    } else {
        let date = published.map(|d| d.to_rfc3339()).unwrap_or_default();
        match title.as_deref() {
            // Nothing names the item but what it says.
            None if date.is_empty() => format!("|{}", body.to_body().plain_text()),
            title => format!("{}|{date}", title.unwrap_or_default()),
        }
    };
    let feed_url = context.feed_url;
    Item {
        article: Article {
            id: ArticleId::from_identity(&format!("feed:{feed_url}\n{identity}")),
            title: title.unwrap_or_else(|| "(no title)".to_string()),
            source: context.source_name.clone(),
            author: (!authors.is_empty()).then(|| authors.join(", ")),
            published,
            url,
            tags,
            body: Body::default(),
        },
        body,
    }
}

/// The full content when the item has it, else its summary, with its enclosures.
fn body_of(entry: Entry, json_image: Option<&str>, base: Option<String>) -> ItemBody {
    let enclosures = enclosures_of(&entry);
    let lead = media::lead_picture(&entry, json_image);
    let content = entry.content.and_then(|c| c.body);
    let summary = entry.summary.map(|s| s.content);
    let media = entry
        .media
        .into_iter()
        .find_map(|m| m.description.map(|d| d.content));
    let text = [content, summary, media]
        .into_iter()
        .flatten()
        .find(|text| !text.trim().is_empty())
        .unwrap_or_default();
    ItemBody {
        text,
        base,
        enclosures,
        lead,
    }
}

/// Enclosures (podcast audio, attached files): each address with its label.
fn enclosures_of(entry: &Entry) -> Vec<(String, String)> {
    entry
        .media
        .iter()
        .flat_map(|m| &m.content)
        .filter_map(|content| {
            let url = clean_line(content.url.as_ref()?.as_str());
            let kind = content
                .content_type
                .as_ref()
                .map_or("file".to_string(), |t| clean_line(t.as_ref()));
            let size = content
                .size
                .filter(|&s| s > 0)
                .map(|s| format!(", {:.1} MB", s as f64 / 1e6))
                .unwrap_or_default();
            Some((url, format!("Enclosure: {kind}{size}")))
        })
        .collect()
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

/// A title or name, whatever markup the feed put in it, as one clean line.
fn text_of(text: &Text) -> String {
    let content = text.content.trim();
    if content.contains('<') || content.contains('&') {
        clean_line(&html::to_body(content, None).plain_text())
    } else {
        clean_line(content)
    }
}

fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    clean_line(rest.split('/').next().unwrap_or(rest))
}

#[cfg(test)]
#[path = "feed_quirks_tests.rs"]
mod quirks_tests;
#[cfg(test)]
#[path = "feed_tests.rs"]
mod tests;
