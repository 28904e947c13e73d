//! The text of a web page from its bytes: the character set from the byte order mark, the
//! HTTP `Content-Type`, the page's own `<meta>` (or XML) declaration, or, when none says and
//! the bytes are not UTF-8, a guess from the bytes themselves (windows-1251, Shift_JIS,
//! GB18030 and the other legacy encodings of the web).

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8};

/// How far into a page its `<meta charset>` is looked for (browsers look at the first
/// 1024 bytes; pages with a long head put it further down).
const PRESCAN: usize = 4096;
/// How much of a page the guess reads: enough text to tell the encodings apart.
const SNIFF: usize = 64 * 1024;

/// Decodes a page. `content_type` is the HTTP header, if the page came over HTTP; `url`
/// helps the guess (a `.ru` page is more likely windows-1251 than windows-1252).
pub fn decode(bytes: &[u8], content_type: Option<&str>, url: Option<&str>) -> String {
    let encoding = encoding_of(bytes, content_type, url);
    // A byte order mark wins over the encoding given, as browsers have it.
    let (text, _, _) = encoding.decode(bytes);
    text.into_owned()
}

/// The encoding a page is in, by the order of precedence above.
pub fn encoding_of(
    bytes: &[u8],
    content_type: Option<&str>,
    url: Option<&str>,
) -> &'static Encoding {
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        return encoding;
    }
    let declared = content_type
        .and_then(charset_parameter)
        .or_else(|| declared_in_page(&bytes[..bytes.len().min(PRESCAN)]));
    let is_utf8 = std::str::from_utf8(bytes).is_ok();
    match declared {
        // Pages declared in a legacy encoding yet written in UTF-8 are common, and real text
        // in a legacy encoding is almost never valid UTF-8 past its ASCII.
        Some(_) if is_utf8 && !bytes.is_ascii() => UTF_8,
        Some(encoding) => encoding,
        None if is_utf8 => UTF_8,
        None => guess(&bytes[..bytes.len().min(SNIFF)], url),
    }
}

/// `charset=` of a `Content-Type` value, when it names an encoding; UTF-16 stands for UTF-8
/// there, as the page was not read with a byte order mark.
pub(super) fn charset_parameter(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').skip(1).find_map(|parameter| {
        let (name, value) = parameter.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| label(value.trim().trim_matches(['"', '\''])))
            .flatten()
    })
}

pub(super) fn label(name: &str) -> Option<&'static Encoding> {
    let encoding = Encoding::for_label(name.as_bytes())?;
    Some(encoding.output_encoding())
}

/// The encoding a page declares near its start: `<meta charset=…>`, `<meta http-equiv=
/// "Content-Type" content="…; charset=…">`, or an XML declaration's `encoding="…"`.
fn declared_in_page(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    if lower.starts_with(b"<?xml")
        && let Some(end) = find(&lower, b"?>", 0)
        && let Some(value) = attribute_value(&lower[..end], b"encoding")
    {
        return label(&String::from_utf8_lossy(value));
    }
    let mut at = 0;
    while let Some(start) = find(&lower, b"<meta", at) {
        let end = find(&lower, b">", start).unwrap_or(lower.len());
        if let Some(value) = attribute_value(&lower[start..end], b"charset")
            && let Some(encoding) = label(&String::from_utf8_lossy(value))
        {
            return Some(encoding);
        }
        at = end;
    }
    None
}

/// The value after `name` and `=` in a tag's text, quoted or not.
fn attribute_value<'a>(tag: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let mut at = 0;
    while let Some(found) = find(tag, name, at) {
        at = found + name.len();
        let rest = &tag[at..];
        let rest = &rest[rest.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
        let Some(rest) = rest.strip_prefix(b"=") else {
            continue;
        };
        let rest = &rest[rest.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
        let rest = rest
            .strip_prefix(b"\"")
            .or_else(|| rest.strip_prefix(b"'"))
            .unwrap_or(rest);
        let len = rest
            .iter()
            .take_while(|&&b| {
                !matches!(b, b'"' | b'\'' | b';' | b'>' | b'/') && !b.is_ascii_whitespace()
            })
            .count();
        if len > 0 {
            return Some(&rest[..len]);
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|window| window == needle)
        .map(|i| i + from)
}

/// A guess from the bytes, with the address's top-level domain as a hint.
pub(super) fn guess(bytes: &[u8], url: Option<&str>) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let tld = url.and_then(top_level_domain);
    let tld = tld.as_deref().filter(|tld| {
        tld.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    });
    detector.guess(tld.map(str::as_bytes), Utf8Detection::Allow)
}

/// "ru" of `https://news.example.ru:8080/a`.
fn top_level_domain(url: &str) -> Option<String> {
    let host = crate::net::host(url)?;
    let tld = host.rsplit('.').next()?;
    (!tld.is_empty()).then(|| tld.to_string())
}

#[cfg(test)]
#[path = "charset_tests.rs"]
mod tests;
