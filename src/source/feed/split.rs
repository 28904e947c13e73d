//! An XML feed read a few items at a time. The document (already decoded to UTF-8) is
//! scanned once, without building anything, for where its root starts and where each item
//! (`<item>`, `<entry>`) starts and ends; then each item is read on its own, with the start
//! tags of the elements around it for their namespaces and `xml:base`, and the feed's head
//! (what the root and channel say of themselves) as a small document without the items. So a
//! large feed is never held whole in memory as a tree, items can be read on several cores,
//! and a document damaged part way (cut off, broken markup further on) keeps every item
//! before the damage, and one broken item loses only itself.

use std::ops::Range;

use super::tree::Ns;

/// Where the items of a feed document lie, and what each piece read of it is made of.
pub struct Split<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// RSS for `rss`, `RDF` and `channel` roots, Atom for `feed`.
    pub vocabulary: Ns,
    /// The start tags of the elements around the items, outermost first.
    pub around: Vec<&'a str>,
    /// From the root's start tag to the first item.
    head: Range<usize>,
    /// The channel's end tag, when an RSS channel ends before its items (careless feeds put
    /// them in the root): it is left out of the head and closes the pieces, so the items
    /// are read as the channel's.
    channel_end: Option<Range<usize>>,
    pub items: Vec<Range<usize>>,
    /// What follows the last item up to the root's end tag, when the document is whole.
    tail: Option<Range<usize>>,
    /// End tags of the elements open around the items, innermost first.
    closing: Vec<u8>,
}

/// What the scan is in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Root {
    Rss,
    Atom,
    Rdf,
}

impl<'a> Split<'a> {
    /// Finds the items of an RSS, Atom or RDF document; `None` when this is not one such
    /// document with at least one whole item, which is then read whole.
    pub fn scan(text: &'a str) -> Option<Split<'a>> {
        let bytes = text.as_bytes();
        let mut split = Split {
            text,
            bytes,
            vocabulary: Ns::Rss,
            around: Vec::new(),
            head: 0..0,
            channel_end: None,
            items: Vec::new(),
            tail: None,
            closing: Vec::new(),
        };
        let mut root: Option<Root> = None;
        // Qualified names of the open elements outside items, and where their start tags are.
        let mut open: Vec<(&[u8], Range<usize>)> = Vec::new();
        // The end tag of an RSS channel that ended before any item.
        let mut channel_end: Option<Range<usize>> = None;
        // Inside an item: where it started, its name, and how many elements of the same
        // name are open inside it.
        let mut item: Option<(usize, &[u8], usize)> = None;
        let mut at = 0;
        while let Some((mark, range)) = next_mark(bytes, at) {
            at = range.end;
            if let Some((item_start, name, same)) = &mut item {
                match mark {
                    Mark::Start {
                        name: tag,
                        empty: false,
                    } if local(tag) == *name => *same += 1,
                    Mark::End { name: tag } if local(tag) == *name => {
                        if *same == 0 {
                            split.items.push(*item_start..range.end);
                            item = None;
                        } else {
                            *same -= 1;
                        }
                    }
                    _ => {}
                }
                continue;
            }
            match mark {
                Mark::Start { name, empty } if root.is_none() => {
                    root = Some(root_of(local(name))?);
                    if root == Some(Root::Atom) {
                        split.vocabulary = Ns::Atom;
                    }
                    if empty {
                        break;
                    }
                    split.head = range.start..range.start;
                    open.push((name, range));
                }
                Mark::Start { name, empty } if is_item(root, &open, local(name)) => {
                    if split.items.is_empty() {
                        split.head.end = range.start;
                        split.around = open
                            .iter()
                            .map(|(_, tag)| text.get(tag.clone()).unwrap_or_default())
                            .collect();
                        split.closing = open
                            .iter()
                            .rev()
                            .flat_map(|(name, _)| [b"</", *name, b">"].concat())
                            .collect();
                        if root == Some(Root::Rss)
                            && open.len() == 1
                            && let Some(end) = channel_end.take()
                        {
                            split
                                .closing
                                .splice(0..0, bytes[end.clone()].iter().copied());
                            split.channel_end = Some(end);
                        }
                    }
                    if empty {
                        split.items.push(range);
                    } else {
                        item = Some((range.start, local(name), 0));
                    }
                }
                Mark::Start { name, empty: false } if root.is_some() => open.push((name, range)),
                Mark::End { name } if root.is_some() => {
                    if root == Some(Root::Rss)
                        && split.items.is_empty()
                        && open.len() == 2
                        && local(name).eq_ignore_ascii_case(b"channel")
                    {
                        channel_end = Some(range.clone());
                    }
                    // Closes the innermost open element of that name, and any left open in it.
                    if let Some(inner) = open.iter().rposition(|(open, _)| *open == name) {
                        open.truncate(inner);
                    }
                    if open.is_empty() {
                        if let Some(last) = split.items.last() {
                            split.tail = Some(last.end..range.end);
                        }
                        break;
                    }
                }
                _ => {}
            }
        }
        (!split.items.is_empty()).then_some(split)
    }

    /// The document without its items: what the feed says of itself.
    pub fn head_document(&self) -> String {
        let tail = match (&self.tail, &self.channel_end) {
            (Some(tail), None) => &self.bytes[tail.clone()],
            _ => &self.closing,
        };
        let [before, after] = self.head_parts();
        self.piece(&[before, after, tail])
    }

    /// The head, without the channel's end tag when the items come after it.
    fn head_parts(&self) -> [&[u8]; 2] {
        match &self.channel_end {
            Some(end) => [
                &self.bytes[self.head.start..end.start],
                &self.bytes[end.end..self.head.end],
            ],
            None => [&self.bytes[self.head.clone()], &[]],
        }
    }

    /// The text of the item `index` of [`Split::items`].
    pub fn item(&self, index: usize) -> &'a str {
        // The ranges start and end at ASCII markup, so they are on character boundaries.
        self.text.get(self.items[index].clone()).unwrap_or_default()
    }

    fn piece(&self, parts: &[&[u8]]) -> String {
        let mut piece = Vec::with_capacity(parts.iter().map(|p| p.len()).sum());
        for part in parts {
            piece.extend_from_slice(part);
        }
        String::from_utf8(piece).unwrap_or_default()
    }
}

/// The start tag of a document's root and its vocabulary, when the root is a feed's (`rss`,
/// `channel`, `RDF`, `feed`, with any prefix).
pub fn root(text: &str) -> Option<(Range<usize>, Ns)> {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some((mark, range)) = next_mark(bytes, at) {
        at = range.end;
        if let Mark::Start { name, .. } = mark {
            let vocabulary = match root_of(local(name)) {
                Some(Root::Atom) => Ns::Atom,
                Some(_) => Ns::Rss,
                None if local(name) == b"entry" => Ns::Atom,
                None => return None,
            };
            return Some((range, vocabulary));
        }
    }
    None
}

/// The kind of feed a root names: `rss` and `channel` (any case: CDF wrote `CHANNEL`),
/// `RDF`, `feed`.
fn root_of(name: &[u8]) -> Option<Root> {
    if name.eq_ignore_ascii_case(b"rss") || name.eq_ignore_ascii_case(b"channel") {
        Some(Root::Rss)
    } else if name == b"feed" {
        Some(Root::Atom)
    } else if name == b"RDF" {
        Some(Root::Rdf)
    } else {
        None
    }
}

/// Whether an element named `local` at this place is one of the feed's items: RSS items sit
/// in the channel (or, in careless feeds, in the root), RDF items and Atom entries in the root.
fn is_item(root: Option<Root>, open: &[(&[u8], Range<usize>)], local_name: &[u8]) -> bool {
    let parent = open.last().map(|(name, _)| local(name));
    let item = local_name.eq_ignore_ascii_case(b"item");
    match root {
        Some(Root::Rss) => {
            item && (open.len() == 1 || parent.is_some_and(|p| p.eq_ignore_ascii_case(b"channel")))
        }
        Some(Root::Rdf) => item && open.len() == 1,
        Some(Root::Atom) => local_name == b"entry" && open.len() == 1,
        None => false,
    }
}

/// A name without its namespace prefix.
fn local(name: &[u8]) -> &[u8] {
    name.iter()
        .rposition(|&b| b == b':')
        .map_or(name, |colon| &name[colon + 1..])
}

/// What the scan meets.
enum Mark<'a> {
    Start {
        name: &'a [u8],
        empty: bool,
    },
    End {
        name: &'a [u8],
    },
    /// A comment, CDATA section, processing instruction (the XML declaration too), doctype
    /// or a stray `<`.
    Other,
}

/// The next piece of markup from `from` on, and where it lies; `None` at the end of the
/// document or where markup is cut off. Text is never decoded, so any encoding that keeps
/// ASCII as it is reads the same, and bytes that are not UTF-8 do not stop the scan.
fn next_mark(bytes: &[u8], from: usize) -> Option<(Mark<'_>, Range<usize>)> {
    let start = from + memchr::memchr(b'<', bytes.get(from..)?)?;
    let rest = &bytes[start..];
    let through = |end: &[u8]| memchr::memmem::find(rest, end).map(|at| start + at + end.len());
    if rest.starts_with(b"<!--") {
        return Some((Mark::Other, start..through(b"-->")?));
    }
    if rest.starts_with(b"<![CDATA[") {
        return Some((Mark::Other, start..through(b"]]>")?));
    }
    if rest.starts_with(b"<?") {
        return Some((Mark::Other, start..through(b"?>")?));
    }
    if rest.starts_with(b"<!") {
        let mut depth = 0usize;
        for (at, &byte) in rest.iter().enumerate() {
            match byte {
                b'[' => depth += 1,
                b']' => depth = depth.saturating_sub(1),
                b'>' if depth == 0 => return Some((Mark::Other, start..start + at + 1)),
                _ => {}
            }
        }
        return None;
    }
    let closing = rest.get(1) == Some(&b'/');
    let name_start = 1 + usize::from(closing);
    let name_length = rest[name_start..]
        .iter()
        .take_while(|&&b| !b.is_ascii_whitespace() && !matches!(b, b'>' | b'/' | b'<'))
        .count();
    if name_length == 0 {
        return Some((Mark::Other, start..start + 1));
    }
    let name = &rest[name_start..name_start + name_length];
    // The end of the tag: the first `>` outside quoted attribute values.
    let mut quote = None;
    let mut at = name_start + name_length;
    loop {
        match (quote, *rest.get(at)?) {
            // Markup holds no `<`, not even in a quoted value: this one is text.
            (_, b'<') => return Some((Mark::Other, start..start + 1)),
            (None, b'>') => break,
            (None, q @ (b'"' | b'\'')) => quote = Some(q),
            (Some(q), b) if b == q => quote = None,
            _ => {}
        }
        at += 1;
    }
    let range = start..start + at + 1;
    if closing {
        return Some((Mark::End { name }, range));
    }
    let empty = rest[..at].ends_with(b"/");
    Some((Mark::Start { name, empty }, range))
}

#[cfg(test)]
#[path = "split_tests.rs"]
mod tests;
