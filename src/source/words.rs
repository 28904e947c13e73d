//! The words of an article's text for the search index, read straight from its HTML without
//! building a tree: markup, scripts, styles and comments left out, character references read
//! (twice where a feed escaped them twice), each word once, in lower case. The index keeps no
//! word positions, so one copy of each word finds the same articles as the whole text does,
//! and indexing it is a fraction of the work.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use super::entities;
use crate::digest::digest;

/// What the text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    /// HTML, or text as a feed gives it, which is read as HTML.
    Html,
    /// Text already made from HTML: a `<` or `&` in it is only that.
    Plain,
}

/// The distinct words of `text`, lower case, separated by spaces.
pub fn index_words(text: &str, markup: Markup) -> String {
    let bytes = text.as_bytes();
    let mut words = Words::for_text(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        if byte.is_ascii_alphanumeric() {
            // Most of any text: a run of ASCII letters and digits, taken in one piece.
            let start = i;
            while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                i += 1;
            }
            words.push_ascii(&bytes[start..i]);
        } else if markup == Markup::Html && byte == b'<' && starts_markup(bytes.get(i + 1)) {
            words.end();
            i = skip_markup(bytes, i);
        } else if markup == Markup::Html && byte == b'&' {
            match reference(bytes, i) {
                Some((first, second, length)) => {
                    words.push(first);
                    if let Some(second) = second {
                        words.push(second);
                    }
                    i += length;
                }
                None => {
                    words.end();
                    i += 1;
                }
            }
        } else if byte.is_ascii() {
            words.end();
            i += 1;
        } else {
            // Only whole characters are stepped over, so `i` is at a character's start.
            let c = text[i..].chars().next().unwrap_or(' ');
            words.push(c);
            i += c.len_utf8();
        }
    }
    words.end();
    // Made of whole characters only.
    String::from_utf8(words.out).unwrap_or_default()
}

/// A reference at `at`; one that gives `&` followed by the rest of another (`&amp;#233;`)
/// gives that other's character, as the feed meant.
fn reference(bytes: &[u8], at: usize) -> Option<(char, Option<char>, usize)> {
    let (first, second, length) = entities::at(&bytes[at..])?;
    if first != '&' || second.is_some() {
        return Some((first, second, length));
    }
    let rest = &bytes[at + length..];
    let mut again = Vec::with_capacity(34);
    again.push(b'&');
    again.extend_from_slice(&rest[..rest.len().min(33)]);
    match entities::at(&again) {
        Some((c, second, inner)) => Some((c, second, length + inner - 1)),
        None => Some((first, second, length)),
    }
}

fn starts_markup(next: Option<&u8>) -> bool {
    next.is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?'))
}

/// Where the markup starting at `at` ends: a comment at its `-->`, a script or style after
/// its end tag, any other tag at its `>`.
fn skip_markup(bytes: &[u8], at: usize) -> usize {
    let rest = &bytes[at..];
    let after = |needle: &[u8]| {
        memchr::memmem::find(rest, needle).map_or(bytes.len(), |found| at + found + needle.len())
    };
    if rest.starts_with(b"<!--") {
        return after(b"-->");
    }
    for raw in [&b"script"[..], b"style"] {
        let named = rest
            .get(1..=raw.len())
            .is_some_and(|name| name.eq_ignore_ascii_case(raw));
        let ends_name = rest
            .get(raw.len() + 1)
            .is_some_and(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'));
        if named && ends_name {
            let close = [&b"</"[..], raw].concat();
            let end = rest
                .windows(close.len())
                .position(|w| w.eq_ignore_ascii_case(&close))
                .map_or(rest.len(), |found| found + close.len());
            return at
                + end
                + memchr::memchr(b'>', &rest[end..]).map_or(rest.len() - end, |gt| gt + 1);
        }
    }
    after(b">")
}

/// Words as they are read, each kept the first time it is met.
struct Words {
    /// The word being read, in lower case.
    word: Vec<u8>,
    /// Hashes of the words kept.
    seen: HashSet<u64, BuildHasherDefault<Prehashed>>,
    out: Vec<u8>,
}

impl Words {
    fn for_text(length: usize) -> Words {
        // Room for the words of a typical text, once each.
        let room = length / 32;
        Words {
            word: Vec::with_capacity(64),
            seen: HashSet::with_capacity_and_hasher(room, BuildHasherDefault::default()),
            out: Vec::with_capacity(room * 8),
        }
    }

    fn push_ascii(&mut self, letters: &[u8]) {
        let from = self.word.len();
        self.word.extend_from_slice(letters);
        self.word[from..].make_ascii_lowercase();
    }

    fn push(&mut self, c: char) {
        if c.is_alphanumeric() {
            for lower in c.to_lowercase() {
                let mut utf8 = [0; 4];
                self.word
                    .extend_from_slice(lower.encode_utf8(&mut utf8).as_bytes());
            }
        } else {
            self.end();
        }
    }

    fn end(&mut self) {
        if self.word.is_empty() {
            return;
        }
        if self.seen.insert(digest(&self.word)) {
            self.out.extend_from_slice(&self.word);
            self.out.push(b' ');
        }
        self.word.clear();
    }
}

/// The set holds hashes already: they are their own hash.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(byte);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_html_come_once_each_without_markup() {
        let html = "<p>The <b>Harbour</b> ferry &amp; the harbour's caf&eacute;.</p>\
            <script>var hidden = 1;</script><style>p { color: red }</style><!-- secret -->\
            <a href=\"https://e.com/x\">Café</a> Caf&amp;#233; 東京 a&lt;b";
        assert_eq!(
            index_words(html, Markup::Html),
            "the harbour ferry s café 東京 a b "
        );
    }

    #[test]
    fn plain_text_keeps_what_looks_like_markup_as_text() {
        assert_eq!(index_words("x<y and &amp;", Markup::Plain), "x y and amp ");
        assert_eq!(index_words("x <b> 3 < 4", Markup::Html), "x 3 4 ");
    }
}
