//! The words of an article's text for the search index, read straight from its HTML without
//! building a tree: markup, scripts, styles and comments left out, character references read
//! (twice where a feed escaped them twice), each word once, in lower case. The index keeps no
//! word positions, so one copy of each word finds the same articles as the whole text does,
//! and indexing it is a fraction of the work.
//!
//! Scripts written without spaces between words (Chinese, Japanese kana and kanji, Thai, Lao,
//! Khmer, Myanmar) and Korean, whose words carry their particles (`서울에서`), have no words to
//! find from their start: their runs of characters are given instead as overlapping pairs
//! (`人工智能` as `人工 工智 智能`), every pair in order, for an index that keeps positions;
//! and each character once among the words. A string of two characters or more is then found
//! as a phrase of its pairs, a single character as a word. The pairs of two runs follow each
//! other, which cannot make a phrase of a string that is not there (its pairs overlap by a
//! character, the last pair of a run and the first of the next do not) unless the next run
//! starts with the character the last one ended with (`很好。好的` and `很好的`): only
//! there a [`RUN_BREAK`] stands between them.

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

/// What a text gives the search index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexText {
    /// The distinct words of the scripts that space their words, lower case, and the
    /// distinct characters of the others, separated by spaces.
    pub words: String,
    /// The runs of [`unspaced`] characters as pairs, in order, separated by spaces.
    pub grams: String,
}

/// Stands between the pairs of two runs that would seem one where they meet: a token that
/// is no pair and that no search asks for.
pub const RUN_BREAK: &str = "〓";

impl IndexText {
    /// Another text's words and pairs after these (a run never joins across the two).
    pub fn append(&mut self, other: &IndexText) {
        self.words.push_str(&other.words);
        let last = self.grams.trim_end().chars().next_back();
        if last.is_some() && last == other.grams.chars().next() {
            self.grams.push_str(RUN_BREAK);
            self.grams.push(' ');
        }
        self.grams.push_str(&other.grams);
    }
}

/// Whether `c` belongs to a script written without spaces between words (Han, kana, Thai, Lao,
/// Khmer, Myanmar), or is Hangul: the characters searched as any run of them, not as words.
/// Digits and punctuation of those scripts are not.
pub fn unspaced(c: char) -> bool {
    matches!(c,
        '\u{0E01}'..='\u{0E3A}' | '\u{0E40}'..='\u{0E4E}' // Thai letters, vowels and marks
        | '\u{0E81}'..='\u{0ECF}' | '\u{0EDC}'..='\u{0EDF}' // Lao
        | '\u{1000}'..='\u{103F}' | '\u{1050}'..='\u{109F}' // Myanmar, without its digits
        | '\u{1100}'..='\u{11FF}' // Hangul jamo
        | '\u{1780}'..='\u{17D3}' | '\u{17DC}'..='\u{17DD}' // Khmer
        | '\u{2E80}'..='\u{2FDF}' // CJK radicals
        | '\u{3005}'..='\u{3007}' | '\u{3021}'..='\u{3029}' | '\u{3031}'..='\u{3035}'
        | '\u{303B}'..='\u{303C}' // 々 〆 〇, Hangzhou numerals, kana repeat marks
        | '\u{3041}'..='\u{3096}' | '\u{3099}'..='\u{309F}' // hiragana
        | '\u{30A1}'..='\u{30FA}' | '\u{30FC}'..='\u{30FF}' // katakana (not the middle dot)
        | '\u{3131}'..='\u{318E}' // Hangul compatibility jamo
        | '\u{31F0}'..='\u{31FF}' // katakana for Ainu
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' // CJK ideographs
        | '\u{A960}'..='\u{A97F}' | '\u{AC00}'..='\u{D7AF}' | '\u{D7B0}'..='\u{D7FF}' // Hangul
        | '\u{F900}'..='\u{FAFF}' // CJK compatibility ideographs
        | '\u{FF66}'..='\u{FF9F}' // halfwidth katakana
        | '\u{20000}'..='\u{3FFFF}' // CJK ideographs beyond the first plane
    )
}

/// Whether `c` only chooses a glyph for the character before it.
pub fn variation_selector(c: char) -> bool {
    matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

/// The distinct words of `text`, lower case, and its runs of [`unspaced`] characters as
/// pairs.
pub fn index_text(text: &str, markup: Markup) -> IndexText {
    SEEN.with_borrow_mut(|(seen, salt)| {
        // A new salt for each text: odd, so never zero, which marks a slot never used.
        *salt = salt.wrapping_add(0x9E37_79B9_7F4A_7C15) | 1;
        let mut words = Words {
            word: Vec::new(),
            run: Vec::new(),
            seen,
            salt: *salt,
            out: Vec::with_capacity(text.len() / 4),
            grams: Vec::new(),
            last_paired: None,
        };
        read_words(text, markup, &mut words);
        // Made of whole characters only.
        IndexText {
            words: String::from_utf8(words.out).unwrap_or_default(),
            grams: String::from_utf8(words.grams).unwrap_or_default(),
        }
    })
}

fn read_words(text: &str, markup: Markup, words: &mut Words<'_>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        if byte.is_ascii_alphanumeric() {
            // Most of any text: a run of ASCII letters and digits, taken in one piece.
            words.end_run();
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
            // A word ends at any tag; a run of characters only at a tag that is not inline
            // (`人工<b>智能</b>` is one run, as it reads).
            words.end_word();
            if !inline_tag(&bytes[i + 1..]) {
                words.end_run();
            }
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

/// Elements that sit inside a line of text, whose tags do not end a run of characters.
const INLINE: &[&[u8]] = &[
    b"a", b"abbr", b"b", b"bdi", b"bdo", b"big", b"cite", b"code", b"del", b"dfn", b"em", b"font",
    b"i", b"ins", b"kbd", b"mark", b"q", b"s", b"samp", b"small", b"span", b"strike", b"strong",
    b"sub", b"sup", b"time", b"tt", b"u", b"var", b"wbr",
];

/// Whether the tag whose text follows its `<` opens or closes an inline element.
fn inline_tag(tag: &[u8]) -> bool {
    let tag = tag.strip_prefix(b"/").unwrap_or(tag);
    let length = tag
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(tag.len());
    let name = &tag[..length];
    INLINE
        .iter()
        .any(|inline| inline.eq_ignore_ascii_case(name))
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
    /// A run of [`unspaced`] characters being read.
    run: Vec<char>,
    seen: &'a mut [u64],
    salt: u64,
    out: Vec<u8>,
    /// The runs read, as pairs.
    grams: Vec<u8>,
    /// The last character of the last run that gave pairs.
    last_paired: Option<char>,
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
        if !self.run.is_empty() && variation_selector(c) {
            // It chooses a glyph (`葛󠄀`): the run goes on.
            return;
        }
        if unspaced(c) {
            self.end_word();
            self.run.push(c);
        } else if c.is_alphanumeric() {
            self.end_run();
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
        self.end_word();
        self.end_run();
    }

    /// Ends a run of characters: each pair of it in order (after a [`RUN_BREAK`] if the last
    /// run ended with the character it starts with); and each character among the words,
    /// once.
    fn end_run(&mut self) {
        if self.run.is_empty() {
            return;
        }
        // Taken out while it is read, and put back empty, so its room is kept.
        let mut run = std::mem::take(&mut self.run);
        let mut utf8 = [0; 4];
        for &c in &run {
            let c = c.encode_utf8(&mut utf8).as_bytes();
            if self.is_new(digest(c)) {
                self.out.extend_from_slice(c);
                self.out.push(b' ');
            }
        }
        if run.len() > 1 {
            if self.last_paired == run.first().copied() {
                self.grams.extend_from_slice(RUN_BREAK.as_bytes());
                self.grams.push(b' ');
            }
            for pair in run.windows(2) {
                for c in pair {
                    self.grams
                        .extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
                }
                self.grams.push(b' ');
            }
            self.last_paired = run.last().copied();
        }
        run.clear();
        self.run = run;
    }

    fn end_word(&mut self) {
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
#[path = "words_tests.rs"]
mod tests;
