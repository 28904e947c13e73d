//! Feeds: RSS 0.9x/1.0/2.0, Atom and JSON Feed, parsed with feed-rs into articles. An item's
//! id comes from its feed and its guid, else its link, else its title and date, so a
//! refreshed item replaces its earlier copy.

use std::borrow::Cow;
use std::time::Duration;

use feed_rs::model::{Entry, Feed, Text};

use super::{html, media};
use crate::model::tag::parse_tag_list;
use crate::model::{Article, ArticleId, Block, Body, Span, SpanStyle, Tag};
use crate::sanitize::clean_line;

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

/// Parses a feed document. The error is one line for a person: "not a feed: …".
pub fn parse(bytes: &[u8], source: FeedSource) -> Result<ParsedFeed, String> {
    let parser = feed_rs::parser::Builder::new()
        // An empty id marks an item without a guid; `identity` then picks link or title.
        .id_generator(|_, _, _| String::new())
        .build();
    let feed = parser
        .parse(&*without_late_declarations(bytes))
        .map_err(|e| format!("not a feed: {}", clean_line(&e.to_string())))?;
    let title = feed.title.as_ref().map(text_of).filter(|t| !t.is_empty());
    let source_name = source
        .name
        .map(clean_line)
        .or_else(|| title.clone())
        .unwrap_or_else(|| host_of(source.url));
    let feed_tags = source.tags.join(",");
    let images = media::json_feed_images(bytes);
    let entries: Vec<(&Entry, Option<&str>)> = feed
        .entries
        .iter()
        .enumerate()
        .map(|(i, entry)| (entry, images.get(i).and_then(Option::as_deref)))
        .collect();
    let articles = map_on_every_core(&entries, |&(entry, image)| {
        let mut article = article(entry, &feed, source.url, &source_name, &feed_tags);
        media::add_lead_picture(&mut article.body, entry, image);
        article
    });
    Ok(ParsedFeed {
        title,
        articles,
        ttl: feed
            .ttl
            .map(|minutes| Duration::from_secs(u64::from(minutes) * 60)),
    })
}

/// Feeds with fewer items are read on one thread.
const ITEMS_FOR_THREADS: usize = 64;

/// `items` mapped by `convert`, in order, shared out between the cores for a large feed:
/// turning each item's HTML into a body is most of the time reading a feed takes.
fn map_on_every_core<T: Sync, U: Send>(items: &[T], convert: impl Fn(&T) -> U + Sync) -> Vec<U> {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    if cores < 2 || items.len() < ITEMS_FOR_THREADS {
        return items.iter().map(convert).collect();
    }
    let convert = &convert;
    std::thread::scope(|scope| {
        let parts: Vec<_> = items
            .chunks(items.len().div_ceil(cores))
            .map(|part| scope.spawn(move || part.iter().map(convert).collect::<Vec<U>>()))
            .collect();
        parts
            .into_iter()
            .flat_map(|part| {
                part.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// An XML document with its late XML declarations cut out. feed-rs 3.0.0 hands every
/// declaration's encoding to quick-xml, which panics when one naming another encoding comes
/// after the first 64 bytes of the document (`PREFIX_CAP` in quick-xml's `encoding.rs`). A
/// declaration anywhere but first is not well-formed XML and holds no content, so it goes; a
/// first one too long for those bytes becomes a short one with the same encoding.
/// Declarations are found with quick-xml itself, so `<?xml` inside CDATA, comments or
/// attribute values stays as it is.
fn without_late_declarations(bytes: &[u8]) -> Cow<'_, [u8]> {
    const PREFIX: usize = 64;
    // feed-rs reads XML when the first `<` or `{` is a `<`.
    if bytes.iter().find(|&&b| b == b'<' || b == b'{') != Some(&b'<') {
        return Cow::Borrowed(bytes);
    }
    let (skip, scan, unit) = markup_view(bytes);
    let width = if unit == Unit::Byte { 1 } else { 2 };
    let late = scan.windows(5).skip(1).any(|w| w == b"<?xml");
    let long_first = scan.starts_with(b"<?xml")
        && scan
            .windows(2)
            .position(|w| w == b"?>")
            .is_none_or(|at| (at + 2) * width > PREFIX);
    if !late && !long_first {
        return Cow::Borrowed(bytes);
    }
    // Read as feed-rs reads; like feed-rs, go on after an error (a mismatched end tag).
    let mut reader = quick_xml::Reader::from_reader(&scan[..]);
    let config = reader.config_mut();
    config.expand_empty_elements = true;
    config.trim_markup_names_in_closing_tags = true;
    config.trim_text(false);
    let mut cuts: Vec<(std::ops::Range<usize>, Vec<u8>)> = Vec::new();
    let mut first = true;
    loop {
        let start = reader.buffer_position();
        let event = reader.read_event();
        let (Ok(from), Ok(to)) = (
            usize::try_from(start),
            usize::try_from(reader.buffer_position()),
        ) else {
            break;
        };
        let range = skip + from * width..skip + to * width;
        match event {
            Ok(quick_xml::events::Event::Eof) => break,
            Err(_) if to == from => break,
            Err(_) => {}
            Ok(quick_xml::events::Event::Decl(_)) if !first => cuts.push((range, Vec::new())),
            Ok(quick_xml::events::Event::Decl(decl)) if range.end - skip > PREFIX => {
                first = false;
                let encoding = match decl.encoding() {
                    Some(Ok(name)) if name.len() <= 20 => name.into_owned(),
                    _ => String::new(),
                };
                let named = !encoding.is_empty()
                    && encoding
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "-_.:".contains(c));
                let short = if named {
                    format!("<?xml version=\"1.0\" encoding=\"{encoding}\"?>")
                } else {
                    "<?xml version=\"1.0\"?>".to_string()
                };
                let short = match unit {
                    Unit::Byte => short.into_bytes(),
                    Unit::Utf16Le => short.encode_utf16().flat_map(u16::to_le_bytes).collect(),
                    Unit::Utf16Be => short.encode_utf16().flat_map(u16::to_be_bytes).collect(),
                };
                cuts.push((range, short));
            }
            Ok(quick_xml::events::Event::Text(text)) if text.trim_ascii().is_empty() => {}
            Ok(_) => first = false,
        }
    }
    if cuts.is_empty() {
        return Cow::Borrowed(bytes);
    }
    let mut kept = Vec::with_capacity(bytes.len());
    let mut from = 0;
    for (cut, replacement) in cuts {
        kept.extend_from_slice(&bytes[from..cut.start]);
        kept.extend_from_slice(&replacement);
        from = cut.end;
    }
    kept.extend_from_slice(&bytes[from..]);
    Cow::Owned(kept)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Byte,
    Utf16Le,
    Utf16Be,
}

/// The document as one byte per code unit, for finding its markup: the bytes before the first
/// unit (a byte order mark), the units, and what a unit is. A unit that is not ASCII
/// becomes `_` (quick-xml reads UTF-8 and would stop at a Latin-1 `é`); UTF-16 is told the
/// way quick-xml tells it.
fn markup_view(bytes: &[u8]) -> (usize, Vec<u8>, Unit) {
    let utf16 = |units: &[u8], little: bool| -> Vec<u8> {
        units
            .chunks_exact(2)
            .map(|pair| {
                let unit = if little {
                    u16::from_le_bytes([pair[0], pair[1]])
                } else {
                    u16::from_be_bytes([pair[0], pair[1]])
                };
                u8::try_from(unit).ok().filter(u8::is_ascii).unwrap_or(b'_')
            })
            .collect()
    };
    match bytes {
        [0xFF, 0xFE, rest @ ..] => (2, utf16(rest, true), Unit::Utf16Le),
        [0xFE, 0xFF, rest @ ..] => (2, utf16(rest, false), Unit::Utf16Be),
        [b'<', 0, b'?', 0, ..] => (0, utf16(bytes, true), Unit::Utf16Le),
        [0, b'<', 0, b'?', ..] => (0, utf16(bytes, false), Unit::Utf16Be),
        _ => {
            let skip = if bytes.starts_with(b"\xEF\xBB\xBF") {
                3
            } else {
                0
            };
            let mut scan = Vec::with_capacity(bytes.len() - skip);
            for chunk in bytes[skip..].utf8_chunks() {
                scan.extend_from_slice(chunk.valid().as_bytes());
                scan.resize(scan.len() + chunk.invalid().len(), b'_');
            }
            (skip, scan, Unit::Byte)
        }
    }
}

fn article(entry: &Entry, feed: &Feed, feed_url: &str, source: &str, feed_tags: &str) -> Article {
    let url = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|rel| rel == "alternate"))
        .or(entry.links.first())
        .map(|l| clean_line(&l.href))
        .filter(|href| !href.is_empty());
    let published = entry.published.or(entry.updated);
    let title = entry.title.as_ref().map(text_of).filter(|t| !t.is_empty());
    let mut body = body_of(entry, url.as_deref());
    add_enclosures(&mut body, entry);
    let identity = if !entry.id.trim().is_empty() {
        entry.id.trim().to_string()
    } else if let Some(url) = &url {
        url.clone()
    } else {
        let date = published.map(|d| d.to_rfc3339()).unwrap_or_default();
        match title.as_deref() {
            // Nothing names the item but what it says.
            None if date.is_empty() => format!("|{}", body.plain_text()),
            title => format!("{}|{date}", title.unwrap_or_default()),
        }
    };
    let authors: Vec<String> = entry
        .authors
        .iter()
        .chain(if entry.authors.is_empty() {
            feed.authors.iter()
        } else {
            [].iter()
        })
        .filter_map(|person| person.name.as_deref().map(clean_line))
        .filter(|name| !name.is_empty())
        .collect();
    let categories: Vec<String> = entry
        .categories
        .iter()
        .map(|c| c.label.clone().unwrap_or_else(|| c.term.clone()))
        .collect();
    let mut tags: Vec<Tag> = parse_tag_list(&clean_line(&categories.join(",")));
    for tag in parse_tag_list(&clean_line(feed_tags)) {
        if !tags.iter().any(|t| t.key() == tag.key()) {
            tags.push(tag);
        }
    }
    Article {
        id: ArticleId::from_identity(&format!("feed:{feed_url}\n{identity}")),
        title: title.unwrap_or_else(|| "(no title)".to_string()),
        source: source.to_string(),
        author: (!authors.is_empty()).then(|| authors.join(", ")),
        published,
        url,
        tags,
        body,
    }
}

/// The full content when the item has it, else its summary, as a body.
fn body_of(entry: &Entry, base: Option<&str>) -> Body {
    let content = entry.content.as_ref().and_then(|c| c.body.as_deref());
    let summary = entry.summary.as_ref().map(|s| s.content.as_str());
    let media = entry
        .media
        .iter()
        .find_map(|m| m.description.as_ref().map(|d| d.content.as_str()));
    let text = [content, summary, media]
        .into_iter()
        .flatten()
        .find(|text| !text.trim().is_empty());
    text.map(|text| html::to_body(text, base))
        .unwrap_or_default()
}

/// Enclosures (podcast audio, attached files) as numbered links at the end.
fn add_enclosures(body: &mut Body, entry: &Entry) {
    let enclosures: Vec<(String, String)> = entry
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
        .collect();
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
#[path = "feed_tests.rs"]
mod tests;
