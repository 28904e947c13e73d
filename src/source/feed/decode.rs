//! A feed's bytes as text, in the character set they are written in, settled as browsers and
//! feed readers settle it: a byte order mark first; then the HTTP `charset` (for `text/*`
//! types, and for other types when the document declares none); then the XML declaration;
//! then a guess from the bytes. A document declared in ISO-8859-1 or US-ASCII is read as
//! Windows-1252, as HTML5 reads it; one declared in a legacy encoding but written in UTF-8 is
//! read as UTF-8. UTF-16 is read with or without a byte order mark; UTF-32 is refused.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use crate::source::charset;

/// How far into a document its XML declaration is looked for.
const DECLARATION: usize = 1024;
/// How much of a document the guess reads.
const SNIFF: usize = 64 * 1024;

/// The document as UTF-8 text, without a byte order mark. `content_type` is the HTTP
/// header, when the feed came over HTTP; `url` helps the guess.
pub fn decode<'a>(
    bytes: &'a [u8],
    content_type: Option<&str>,
    url: Option<&str>,
) -> Result<Cow<'a, str>, String> {
    if is_utf32(bytes) {
        return Err("not a feed: it is written in UTF-32, which tidings does not read".into());
    }
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return Ok(read_as(encoding, &bytes[bom..]));
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return Ok(read_as(encoding, bytes));
    }
    let declared = declared(bytes, content_type);
    let encoding = match declared {
        // Real text in a legacy encoding is almost never valid UTF-8 past its ASCII, while
        // feeds that say ISO-8859-1 and are written in UTF-8 are common.
        Some(_) if !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() => UTF_8,
        Some(encoding) => encoding,
        None if mostly_utf8(bytes) => UTF_8,
        None => charset::guess(&bytes[..bytes.len().min(SNIFF)], url),
    };
    Ok(read_as(encoding, bytes))
}

/// Decodes without looking for a byte order mark again; bytes that are not text in
/// `encoding` become U+FFFD.
fn read_as<'a>(encoding: &'static Encoding, bytes: &'a [u8]) -> Cow<'a, str> {
    if encoding == UTF_8 {
        return String::from_utf8_lossy(bytes);
    }
    encoding.decode_without_bom_handling(bytes).0
}

/// A UTF-32 byte order mark, or a `<` written in four bytes.
fn is_utf32(bytes: &[u8]) -> bool {
    matches!(
        bytes,
        [0, 0, 0xFE, 0xFF, ..] | [0xFF, 0xFE, 0, 0, ..] | [0, 0, 0, b'<', ..] | [b'<', 0, 0, 0, ..]
    )
}

/// UTF-16 told by its first characters, ASCII written in two bytes (`<`, or white space
/// before it).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let ascii = |b: u8| b == b'<' || b.is_ascii_whitespace();
    match bytes {
        [0, a, 0, b, ..] if ascii(*a) && *b != 0 => Some(UTF_16BE),
        [a, 0, b, 0, ..] if ascii(*a) && *b != 0 => Some(UTF_16LE),
        _ => None,
    }
}

/// The encoding the HTTP header or the document names, in that order of precedence.
fn declared(bytes: &[u8], content_type: Option<&str>) -> Option<&'static Encoding> {
    let header = content_type.and_then(charset::charset_parameter);
    let is_text = content_type.is_some_and(|kind| {
        kind.trim_start()
            .get(..5)
            .is_some_and(|major| major.eq_ignore_ascii_case("text/"))
    });
    if is_text && header.is_some() {
        return header;
    }
    in_declaration(&bytes[..bytes.len().min(DECLARATION)]).or(header)
}

/// The `encoding` of the XML declaration, when the document starts with one (after white
/// space) and it names an encoding there is. UTF-16 named by a document written one byte a
/// character cannot be true, and stands for UTF-8.
fn in_declaration(head: &[u8]) -> Option<&'static Encoding> {
    let head = head.trim_ascii_start();
    let rest = head.strip_prefix(b"<?xml")?;
    let end = memchr::memmem::find(rest, b"?>")?;
    let declaration = &rest[..end];
    let at = memchr::memmem::find(declaration, b"encoding")?;
    let value = declaration[at + b"encoding".len()..].trim_ascii_start();
    let value = value.strip_prefix(b"=")?.trim_ascii_start();
    let quote = *value.first().filter(|q| matches!(q, b'"' | b'\''))?;
    let value = &value[1..];
    let name = &value[..memchr::memchr(quote, value)?];
    charset::label(std::str::from_utf8(name).ok()?)
}

/// Whether bytes that are not valid UTF-8 are still UTF-8 with a few bytes damaged (a stray
/// byte, a character cut off) rather than another encoding: most of the characters that are
/// not ASCII are whole UTF-8.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut whole, mut broken) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        whole += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        broken += chunk.invalid().len();
    }
    broken == 0 || (whole > 0 && broken <= 3 + whole / 20)
}

#[cfg(test)]
#[path = "decode_tests.rs"]
mod tests;
