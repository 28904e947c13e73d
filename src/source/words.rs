//! The words of an article's text for the search index, read straight from its HTML without
//! building a tree: markup, scripts, styles and comments left out, character references read
//! (twice where a feed escaped them twice), each word once, in lower case. The index keeps no
//! word positions, so one copy of each word finds the same articles as the whole text does,
//! and indexing it is a fraction of the work.

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
    SEEN.with_borrow_mut(|(seen, salt)| {
        // A new salt for each text: odd, so never zero, which marks a slot never used.
        *salt = salt.wrapping_add(0x9E37_79B9_7F4A_7C15) | 1;
        let mut words = Words {
            word: Vec::new(),
            seen,
            salt: *salt,
            out: Vec::with_capacity(text.len() / 4),
        };
        read_words(text, markup, &mut words);
        // Made of whole characters only.
        String::from_utf8(words.out).unwrap_or_default()
    })
}

fn read_words(text: &str, markup: Markup, words: &mut Words<'_>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        if byte.is_ascii_alphanumeric() {
            // Most of any text: a run of ASCII letters and digits, taken in one piece.
            let start = i;
            while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                i += 1;
            }
            if words.word.is_empty() && bytes.get(i).is_none_or(|b| b.is_ascii() && *b != b'&') {
                words.ascii_word(bytes, start..i);
            } else {
                words.word.extend(bytes[start..i].iter().map(|b| b | 0x20));
            }
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

/// Slots of the table of words met (a power of two): more than the distinct words of a long
/// article, and few enough to stay in the processor's cache.
const SLOTS: usize = 1 << 13;

thread_local! {
    /// The table of words met, one per thread, kept from text to text: a text's words are
    /// told from the last one's by a salt mixed into every hash, so it is never cleared.
    static SEEN: std::cell::RefCell<(Vec<u64>, u64)> = std::cell::RefCell::new((vec![0; SLOTS], 0));
}

/// Words as they are read, each kept the first time it is met: a word's hash goes in a slot
/// of the table by its low bits, and a word whose hash is in its slot was met before. A word
/// that takes another's slot lets that one be kept a second time, which costs the index a
/// little and changes no answer.
struct Words<'a> {
    /// A word being read that is not all ASCII, in lower case.
    word: Vec<u8>,
    seen: &'a mut [u64],
    salt: u64,
    out: Vec<u8>,
}

impl Words<'_> {
    /// Whether a word with this hash is new; notes it.
    fn is_new(&mut self, hash: u64) -> bool {
        let hash = hash ^ self.salt;
        let slot = &mut self.seen[hash as usize & (SLOTS - 1)];
        let new = *slot != hash;
        *slot = hash;
        new
    }

    /// A whole word of ASCII letters and digits, `text[word]`.
    fn ascii_word(&mut self, text: &[u8], word: std::ops::Range<usize>) {
        // Eight bytes at a time, read in place (beyond the word, masked off, when the text
        // goes on); lower case is one bit for letters, and digits have that bit already.
        let mut hash = word.len() as u64;
        for at in word.clone().step_by(8) {
            let length = (word.end - at).min(8);
            let eight: [u8; 8] = match text.get(at..at + 8) {
                Some(eight) => eight.try_into().unwrap_or_default(),
                None => {
                    let mut eight = [0u8; 8];
                    eight[..length].copy_from_slice(&text[at..at + length]);
                    eight
                }
            };
            let mask = u64::MAX >> (8 * (8 - length));
            let chunk = (u64::from_le_bytes(eight) | 0x2020_2020_2020_2020) & mask;
            hash = (hash.rotate_left(29) ^ chunk).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
        hash ^= hash >> 31;
        if self.is_new(hash) {
            self.out.extend(text[word].iter().map(|b| b | 0x20));
            self.out.push(b' ');
        }
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
        if self.is_new(digest(&self.word)) {
            self.out.extend_from_slice(&self.word);
            self.out.push(b' ');
        }
        self.word.clear();
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
