//! HTML character references (`&eacute;`, `&#233;`, `&#xE9;`) read outside the HTML parser:
//! for the search index's words, and for references a feed escaped twice (`&amp;#233;` in
//! text that is already HTML), which are left as text after one reading.

use std::borrow::Cow;

use html5ever::data::NAMED_ENTITIES;

/// The longest name of a named reference, with its `;`.
const LONGEST_NAME: usize = 32;

/// The characters of the reference at the start of `text` (which starts with `&`), and its
/// length in bytes; `None` when no known reference starts there. Named references need
/// their `;`; so do numeric ones, as the careful feeds write them.
pub fn at(text: &[u8]) -> Option<(char, Option<char>, usize)> {
    let rest = text.strip_prefix(b"&")?;
    let end = rest.iter().take(LONGEST_NAME).position(|&b| b == b';')?;
    let name = std::str::from_utf8(&rest[..end]).ok()?;
    let length = end + 2;
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        let c = char::from_u32(code).filter(|&c| c != '\0')?;
        return Some((c, None, length));
    }
    if !name.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let key = std::str::from_utf8(&rest[..=end]).ok()?;
    let &(first, second) = NAMED_ENTITIES.get(key)?;
    let first = char::from_u32(first).filter(|&c| c != '\0')?;
    Some((first, char::from_u32(second).filter(|&c| c != '\0'), length))
}

/// The text with every character reference in it read; borrowed when there is none.
pub fn decode(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let (mut i, mut copied) = (0, 0);
    while let Some(offset) = memchr::memchr(b'&', &bytes[i..]) {
        let amp = i + offset;
        i = amp + 1;
        if let Some((c, second, length)) = at(&bytes[amp..]) {
            let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
            out.push_str(&text[copied..amp]);
            out.push(c);
            out.extend(second);
            i = amp + length;
            copied = i;
        }
    }
    match out {
        Some(mut out) => {
            out.push_str(&text[copied..]);
            Cow::Owned(out)
        }
        None => Cow::Borrowed(text),
    }
}

#[cfg(test)]
#[path = "entities_tests.rs"]
mod tests;
