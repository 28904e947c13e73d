//! `Article`, its stable id and its body of blocks.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::span::{Span, SpanStyle, push_spans, push_text};
use super::table::Table;
use super::tag::Tag;
use super::words::word_count;

/// A stable article id: the same article from the same source gets the same id on every run.
/// An id is made of [`ArticleId::LEN`] lower-case hex digits, kept inline (a library holds
/// one per article, twice over); text from elsewhere that is not one (a prefix typed by a
/// person) is kept as it came.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub struct ArticleId(Digits);

#[derive(Clone, PartialEq, Eq, Hash)]
enum Digits {
    Hex([u8; ArticleId::LEN]),
    Other(Box<str>),
}

impl ArticleId {
    /// Number of hex digits in an id.
    pub const LEN: usize = 12;
    /// Shortest prefix the CLI accepts in place of a whole id.
    pub const MIN_PREFIX: usize = 4;

    /// Derives an id from what identifies an article within its kind of source
    /// (`sample:<file>`, `file:<path>`, `url:<url>`), with a hash that never changes between
    /// builds (FNV-1a, unlike std's `DefaultHasher`), mixed so that similar identities
    /// differ from the first digit and short prefixes stay unique.
    pub fn from_identity(identity: &str) -> Self {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in identity.bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        hash ^= hash >> 33;
        hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
        hash ^= hash >> 33;
        hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        hash ^= hash >> 33;
        Self::from_stored(format!("{hash:016x}")[..Self::LEN].to_string())
    }

    /// Takes an id read back from the store or typed by a person as it is.
    pub fn from_stored(id: String) -> Self {
        let is_hex = |b: &u8| b.is_ascii_digit() || (b'a'..=b'f').contains(b);
        match <[u8; Self::LEN]>::try_from(id.as_bytes()) {
            Ok(digits) if digits.iter().all(is_hex) => Self(Digits::Hex(digits)),
            _ => Self(Digits::Other(id.into())),
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Made of ASCII hex digits only, checked in `from_stored`.
            Digits::Hex(digits) => std::str::from_utf8(digits).unwrap_or_default(),
            Digits::Other(text) => text,
        }
    }

    /// The id as the number its digits make (48 bits), for compact maps of many ids; `None`
    /// for text that is not an id.
    pub fn key(&self) -> Option<u64> {
        let Digits::Hex(digits) = &self.0 else {
            return None;
        };
        Some(digits.iter().fold(0, |key, &digit| {
            let value = if digit.is_ascii_digit() {
                digit - b'0'
            } else {
                digit - b'a' + 10
            };
            key << 4 | u64::from(value)
        }))
    }

    /// The id whose digits make `key` (its low 48 bits), as [`ArticleId::key`] gives it.
    pub fn from_key(key: u64) -> Self {
        let mut digits = [0u8; Self::LEN];
        for (at, digit) in digits.iter_mut().enumerate() {
            let value = (key >> (4 * (Self::LEN - 1 - at))) & 0xF;
            *digit = b"0123456789abcdef"[value as usize];
        }
        Self(Digits::Hex(digits))
    }
}

impl From<String> for ArticleId {
    fn from(id: String) -> Self {
        Self::from_stored(id)
    }
}

impl From<ArticleId> for String {
    fn from(id: ArticleId) -> Self {
        id.as_str().to_string()
    }
}

// Ids are ordered as text, as they are listed.
impl PartialOrd for ArticleId {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ArticleId {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::fmt::Debug for ArticleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ArticleId({:?})", self.as_str())
    }
}

impl std::fmt::Display for ArticleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One article, whatever its source. Every string in it has passed through the sanitizer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: ArticleId,
    pub title: String,
    /// Where it came from, for display: a publication name, a file name, or "Samples".
    pub source: String,
    pub author: Option<String>,
    pub published: Option<DateTime<Utc>>,
    pub url: Option<String>,
    pub tags: Vec<Tag>,
    pub body: Body,
}

impl Article {
    /// Title and body as one lower-case text, for search.
    pub fn search_text(&self) -> String {
        let mut text = self.title.to_lowercase();
        text.push('\n');
        text.push_str(&self.body.plain_text().to_lowercase());
        text
    }
}

/// The body of an article: a sequence of blocks.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Body {
    pub blocks: Vec<Block>,
}

/// A block of the body. The text of a paragraph, list item, quoted paragraph, definition or
/// table cell is a run of [`Span`]s in which `\n` breaks the line (an HTML `<br>`), and
/// `\n\n` leaves a blank line; no such text starts or ends with a break. Variants after
/// `Links` came later: bodies stored before them still read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Block {
    Heading(String),
    Paragraph(Vec<Span>),
    List(Vec<ListItem>),
    /// A block quote: one or more paragraphs.
    Quote(Vec<Vec<Span>>),
    Code(String),
    /// A picture's label (may be empty), its caption with the credit, and where the picture
    /// itself can be fetched when the source said (snapshots from before pictures have none).
    Image {
        label: String,
        caption: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        picture: Option<Picture>,
    },
    /// The addresses of the links in the text, in order: link text is followed by its
    /// number, `[1]`, and this list closes the article.
    Links(Vec<String>),
    /// A thematic break (`<hr>`): a rule across the text.
    Rule,
    /// A table of data, laid out with its columns aligned.
    Table(Table),
    /// A definition list (`<dl>`): each term on a line of its own, its descriptions
    /// indented under it.
    Definitions(Vec<Definition>),
}

/// A term of a definition list and what describes it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Definition {
    /// The term (`<dt>`); empty for descriptions that no term comes before.
    #[serde(default)]
    pub term: Vec<Span>,
    /// Its descriptions (`<dd>`), each a paragraph; none for a term that shares the
    /// descriptions of the next.
    #[serde(default)]
    pub details: Vec<Vec<Span>>,
}

/// Where a picture is and what the source said of its size. Every address is absolute
/// (`http` or `https`) and sanitized.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Picture {
    /// The address to fetch when no other size fits better.
    pub src: String,
    /// Other sizes of the same picture (an `<img>`'s `srcset`): address and width in pixels,
    /// narrowest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sizes: Vec<(String, u32)>,
    /// Width and height in pixels, when the source gave them (for the room kept on screen
    /// before the picture itself is fetched).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimensions: Option<(u32, u32)>,
}

impl Picture {
    /// The address that best fills `width` pixels: the narrowest of the sizes at least that
    /// wide, else the widest size when it is wider than what `src` is known to be, else `src`.
    pub fn address_for(&self, width: u32) -> &str {
        if let Some((url, _)) = self.sizes.iter().find(|(_, w)| *w >= width) {
            return url;
        }
        match (self.sizes.last(), self.dimensions) {
            (Some((url, widest)), Some((known, _))) if *widest > known => url,
            (Some((url, _)), None) => url,
            _ => &self.src,
        }
    }

    /// Every address this picture may be fetched from.
    pub fn addresses(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.src.as_str()).chain(self.sizes.iter().map(|(url, _)| url.as_str()))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListItem {
    /// Nesting depth, 0 for a top-level item.
    pub depth: u8,
    /// `Some(n)` for the n-th item of a numbered list, `None` for a bullet.
    pub number: Option<u64>,
    pub spans: Vec<Span>,
}

impl ListItem {
    /// Adds text, its white space already folded
    /// ([`normalize_spans`](super::span::normalize_spans),
    /// [`join_lines`](super::span::join_lines)), to the item a parser is building
    /// (starting a bullet item at `depth` if there is none), with a space before it.
    pub fn continue_open(item: &mut Option<ListItem>, depth: usize, spans: Vec<Span>) {
        let item = item.get_or_insert(ListItem {
            depth: u8::try_from(depth).unwrap_or(u8::MAX),
            number: None,
            spans: Vec::new(),
        });
        if spans.is_empty() {
            return;
        }
        if !item.spans.is_empty() {
            push_text(&mut item.spans, " ", SpanStyle::default());
        }
        for span in spans {
            push_text(&mut item.spans, &span.text, span.style);
        }
    }
}

impl Body {
    /// The text of every block, one block per line (a table's rows and a text's line breaks
    /// on lines of their own), without styling.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            match block {
                Block::Heading(text) | Block::Code(text) => out.push_str(text),
                Block::Paragraph(spans) => push_spans(&mut out, spans),
                Block::List(items) => {
                    for item in items {
                        push_spans(&mut out, &item.spans);
                        out.push('\n');
                    }
                }
                Block::Quote(paragraphs) => {
                    for spans in paragraphs {
                        push_spans(&mut out, spans);
                        out.push('\n');
                    }
                }
                Block::Image { label, caption, .. } => {
                    out.push_str(label);
                    out.push(' ');
                    out.push_str(caption);
                }
                Block::Links(urls) => out.push_str(&urls.join("\n")),
                // A rule has no text, and takes no line (as when it was left out).
                Block::Rule => continue,
                Block::Table(table) => table.push_plain_text(&mut out),
                Block::Definitions(definitions) => {
                    // A line each, as when terms and descriptions were paragraphs.
                    let texts = definitions.iter().flat_map(|definition| {
                        std::iter::once(&definition.term).chain(&definition.details)
                    });
                    for (n, spans) in texts.filter(|spans| !spans.is_empty()).enumerate() {
                        if n > 0 {
                            out.push('\n');
                        }
                        push_spans(&mut out, spans);
                    }
                }
            }
            out.push('\n');
        }
        out
    }

    /// The pictures of the body, in order.
    pub fn pictures(&self) -> impl Iterator<Item = &Picture> {
        self.blocks.iter().filter_map(|block| match block {
            Block::Image {
                picture: Some(picture),
                ..
            } => Some(picture),
            _ => None,
        })
    }

    pub fn word_count(&self) -> usize {
        word_count(&self.plain_text())
    }
}

#[cfg(test)]
#[path = "article_tests.rs"]
mod tests;
