//! What names an item across refreshes, made exactly as the reader made it before it read
//! feeds itself (with feed-rs 3.0), so that every stored article keeps its id, its read mark
//! and its bookmark: the item's guid or id; else the first of its links the old reader chose
//! (in RSS also its `comments` and `wfw:commentRss`, in Atom the first `alternate` link),
//! written as the URL standard writes it after the `xml:base`s around it, but not resolved
//! against the feed's address; else its title and date; else its text.

use chrono::{DateTime, Utc};
use url::Url;

use crate::model::{Block, Body, Span};
use crate::sanitize::clean_line;
use crate::source::html;

#[derive(Debug, Clone, Default)]
pub struct Identity {
    /// The item's guid or id as written.
    pub guid: Option<String>,
    /// Its links in document order.
    pub links: Vec<Link>,
    /// Its title as the old reader read it: RSS titles up to their first tag.
    pub title: Option<String>,
    /// Its date: when it was published, else updated.
    pub date: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone)]
pub struct Link {
    pub href: String,
    /// Whether the old reader took it first (an RSS link or an Atom `alternate`).
    pub preferred: bool,
    /// An RSS `comments` link, which was dropped when another link had its address.
    pub comments: bool,
}

impl Link {
    /// A link as written, with the `xml:base`s from the root to the element that holds it.
    pub fn new(href: &str, xml_bases: &[String], preferred: bool, comments: bool) -> Link {
        Link {
            href: legacy_href(href, xml_bases),
            preferred,
            comments,
        }
    }
}

impl Identity {
    /// The text an item's id is made from; `body` gives its text for an item with nothing
    /// else to name it.
    pub fn text(&self, body: impl FnOnce() -> String) -> String {
        if let Some(guid) = self
            .guid
            .as_deref()
            .map(str::trim)
            .filter(|g| !g.is_empty())
        {
            return guid.to_string();
        }
        let kept: Vec<&Link> = self
            .links
            .iter()
            .filter(|link| {
                !link.comments
                    || !self
                        .links
                        .iter()
                        .any(|other| !other.comments && other.href == link.href)
            })
            .collect();
        let link = kept
            .iter()
            .find(|link| link.preferred)
            .or(kept.first())
            .map(|link| clean_line(&link.href))
            .filter(|href| !href.is_empty());
        if let Some(link) = link {
            return link;
        }
        let title = self
            .title
            .as_deref()
            .map(title_text)
            .filter(|t| !t.is_empty());
        let date = self.date.map(|d| d.to_rfc3339()).unwrap_or_default();
        match title {
            None if date.is_empty() => format!("|{}", body()),
            title => format!("{}|{date}", title.unwrap_or_default()),
        }
    }
}

/// The text of a body as the old reader made it, for an item named by nothing else: before
/// line breaks were kept, one was a space and two in a row ended the paragraph (in a list
/// item or a table cell, a space either way).
pub fn body_text(body: &Body) -> String {
    let joined = |spans: &[Span]| {
        spans
            .iter()
            .map(|span| span.text.as_str())
            .collect::<String>()
    };
    let spaced = |spans: &[Span]| vec![Span::plain(joined(spans).replace('\n', " "))];
    let paragraphs = |spans: &[Span]| -> Vec<Vec<Span>> {
        joined(spans)
            .split("\n\n")
            .map(|part| vec![Span::plain(part.replace('\n', " "))])
            .collect()
    };
    let mut old = Body::default();
    for block in &body.blocks {
        match block {
            Block::Paragraph(spans) => {
                old.blocks
                    .extend(paragraphs(spans).into_iter().map(Block::Paragraph));
            }
            Block::Quote(quoted) => old.blocks.push(Block::Quote(
                quoted.iter().flat_map(|spans| paragraphs(spans)).collect(),
            )),
            Block::List(items) => {
                let mut items = items.clone();
                for item in &mut items {
                    item.spans = spaced(&item.spans);
                }
                old.blocks.push(Block::List(items));
            }
            Block::Table(table) => {
                let mut table = table.clone();
                for cell in table.rows.iter_mut().flat_map(|row| &mut row.cells) {
                    if !cell.spans.is_empty() {
                        cell.spans = spaced(&cell.spans);
                    }
                }
                old.blocks.push(Block::Table(table));
            }
            Block::Definitions(definitions) => {
                let mut definitions = definitions.clone();
                for definition in &mut definitions {
                    if !definition.term.is_empty() {
                        definition.term = spaced(&definition.term);
                    }
                    for detail in &mut definition.details {
                        *detail = spaced(detail);
                    }
                }
                old.blocks.push(Block::Definitions(definitions));
            }
            other => old.blocks.push(other.clone()),
        }
    }
    old.plain_text()
}

/// A title as the old reader showed it: markup read as HTML (its links numbered), all on one
/// line.
fn title_text(title: &str) -> String {
    let title = title.trim();
    if title.contains('<') || title.contains('&') {
        clean_line(&html::to_body(title, None).plain_text())
    } else {
        clean_line(title)
    }
}

/// An address as the old reader wrote it: parsed as a URL when absolute, joined to the
/// innermost `xml:base` when relative, else as written; trimmed.
fn legacy_href(href: &str, xml_bases: &[String]) -> String {
    let mut stack: Vec<Url> = Vec::new();
    for base in xml_bases {
        match Url::parse(base) {
            Ok(url) => stack.push(url),
            Err(url::ParseError::RelativeUrlWithoutBase) => {
                if let Some(joined) = stack.last().and_then(|last| last.join(base).ok()) {
                    stack.push(joined);
                }
            }
            Err(_) => {}
        }
    }
    let parsed = match Url::parse(href) {
        Ok(url) => Some(url),
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            stack.last().and_then(|base| base.join(href).ok())
        }
        Err(_) => None,
    };
    parsed
        .map_or_else(|| href.to_string(), |url| url.to_string())
        .trim()
        .to_string()
}

/// A date as the old reader read it (feed-rs 3.0's lenient reading, by its rules): RFC 3339
/// with a colon put into a `+hhmm` zone and a day alone made midnight UTC, else RFC 2822 with
/// `UTC` and `-0000` made `+0000`, the weekday dropped, long months shortened, a month before
/// its day turned round, hour 24 made 0 and one-digit hours padded, else RFC 1123 without its
/// weekday. Each rule rewrites the first place it matches only, as the old one did.
pub fn legacy_date(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    rfc3339(text)
        .or_else(|| rfc2822(text))
        .or_else(|| rfc1123(text))
        .map(|date| date.with_timezone(&Utc))
}

fn rfc3339(text: &str) -> Option<DateTime<chrono::FixedOffset>> {
    let bytes = text.as_bytes();
    let mut cleaned = text.to_string();
    // `(\+|-)(\d{2})(\d{2})` becomes `$1$2:$3`, at its first match.
    if let Some(at) = (0..bytes.len()).find(|&at| {
        matches!(bytes[at], b'+' | b'-')
            && bytes.len() >= at + 5
            && bytes[at + 1..at + 5].iter().all(u8::is_ascii_digit)
    }) {
        cleaned.insert(at + 3, ':');
    }
    // `-\d{2}$` gains a midnight in UTC.
    let tail = cleaned.as_bytes();
    if tail.len() >= 3
        && tail[tail.len() - 3] == b'-'
        && tail[tail.len() - 2..].iter().all(u8::is_ascii_digit)
    {
        cleaned.push_str("T00:00:00+00:00");
    }
    DateTime::parse_from_rfc3339(cleaned.trim()).ok()
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn rfc2822(text: &str) -> Option<DateTime<chrono::FixedOffset>> {
    let mut cleaned = text.to_string();
    // `(UTC|-0000$)` becomes `+0000`.
    let utc = cleaned.find("UTC");
    let zero = cleaned.ends_with("-0000").then(|| cleaned.len() - 5);
    match (utc, zero) {
        (Some(u), Some(z)) if z < u => cleaned.replace_range(z..z + 5, "+0000"),
        (Some(u), _) => cleaned.replace_range(u..u + 3, "+0000"),
        (None, Some(z)) => cleaned.replace_range(z..z + 5, "+0000"),
        (None, None) => {}
    }
    // `(Sun|Mon|…)[a-z]*, ` is dropped.
    let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    if let Some((start, end)) = first_word_match(&cleaned, &days, ", ") {
        cleaned.replace_range(start..end, "");
    }
    // `(Jan|…)[a-z]*` becomes its three letters.
    if let Some((start, end)) = first_word_match(&cleaned, &MONTHS, "") {
        cleaned.replace_range(start + 3..end, "");
    }
    // `(Jan|…) (\d{1,2}) (\d{4})` becomes `$2 $1 $3`.
    if let Some(swapped) = month_first(&cleaned) {
        cleaned = swapped;
    }
    if let Some(at) = cleaned.find(" 24:") {
        cleaned.replace_range(at..at + 4, " 00:");
    }
    let bytes = cleaned.as_bytes();
    if let Some(at) = (0..bytes.len().saturating_sub(2))
        .find(|&at| bytes[at] == b' ' && bytes[at + 1].is_ascii_digit() && bytes[at + 2] == b':')
    {
        cleaned.insert(at + 1, '0');
    }
    DateTime::parse_from_rfc2822(&cleaned).ok()
}

/// The first place one of `names` starts, followed by lower-case letters and then
/// `after`: its start and its end (after `after`).
fn first_word_match(text: &str, names: &[&str], after: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    (0..bytes.len()).find_map(|start| {
        let rest = text.get(start..)?;
        let name = names.iter().find(|name| rest.starts_with(**name))?;
        let mut end = start + name.len();
        while end < bytes.len() && bytes[end].is_ascii_lowercase() {
            end += 1;
        }
        text[end..]
            .starts_with(after)
            .then_some((start, end + after.len()))
    })
}

fn month_first(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    for start in 0..bytes.len() {
        let rest = text.get(start..).unwrap_or_default();
        let Some(month) = MONTHS.iter().find(|m| rest.starts_with(**m)) else {
            continue;
        };
        let mut at = start + 3;
        if bytes.get(at) != Some(&b' ') {
            continue;
        }
        at += 1;
        let day_start = at;
        while at < bytes.len() && at < day_start + 2 && bytes[at].is_ascii_digit() {
            at += 1;
        }
        let day_end = at;
        if day_end == day_start || bytes.get(at) != Some(&b' ') {
            continue;
        }
        at += 1;
        let year = bytes.get(at..at + 4)?;
        if !year.iter().all(u8::is_ascii_digit) {
            continue;
        }
        let day = &text[day_start..day_end];
        let year = &text[at..at + 4];
        return Some(format!(
            "{}{day} {month} {year}{}",
            &text[..start],
            &text[at + 4..]
        ));
    }
    None
}

fn rfc1123(text: &str) -> Option<DateTime<chrono::FixedOffset>> {
    let mut cleaned = text.to_string();
    if cleaned.ends_with(" Z") {
        cleaned.truncate(cleaned.len() - 2);
        cleaned.push_str(" +0000");
    }
    let bytes = cleaned.as_bytes();
    if bytes.len() >= 5 && bytes[..3].iter().all(u8::is_ascii_alphabetic) && &bytes[3..5] == b", " {
        cleaned.replace_range(..5, "");
    }
    DateTime::parse_from_str(&cleaned, "%d %b %Y %H:%M:%S %z").ok()
}

#[cfg(test)]
#[path = "identity_tests.rs"]
mod tests;
