//! Text encoded twice: UTF-8 read as Windows-1252 (or Latin-1) and written again as UTF-8, so
//! that `…` reads `â€¦` and `é` reads `Ã©`. A field is repaired only when the whole of it is
//! unambiguous: every character that is not ASCII has a byte in that encoding, and those
//! bytes together are valid UTF-8 with at least one character of two bytes or more. Text a
//! person wrote in Latin-1 characters (`Café`) does not pass: its bytes are not UTF-8.

use std::borrow::Cow;

use encoding_rs::WINDOWS_1252;

/// `text` with its double encoding undone, or as it is.
pub fn repair(text: &str) -> Cow<'_, str> {
    match undo_double_encoding(text) {
        Some(repaired) => Cow::Owned(repaired),
        None => Cow::Borrowed(text),
    }
}

fn undo_double_encoding(text: &str) -> Option<String> {
    // Every double-encoded character starts with one of the lead bytes of UTF-8 (0xC2–0xF4)
    // read as Windows-1252 or Latin-1: U+00C2–U+00F4, written C3 82 to C3 B4.
    let bytes = text.as_bytes();
    let suspicious = memchr::memchr_iter(0xC3, bytes)
        .any(|at| bytes.get(at + 1).is_some_and(|b| (0x82..=0xB4).contains(b)));
    if !suspicious {
        return None;
    }
    let bytes = text.chars().map(byte_of).collect::<Option<Vec<u8>>>()?;
    String::from_utf8(bytes)
        .ok()
        .filter(|repaired| !repaired.is_ascii())
}

/// The byte that stood for `c` when UTF-8 was read as Windows-1252 or Latin-1: ASCII as it
/// is, Latin-1's characters for their bytes (C1 controls included), and the characters
/// Windows-1252 gives its bytes 0x80–0x9F.
fn byte_of(c: char) -> Option<u8> {
    if let Ok(byte) = u8::try_from(u32::from(c)) {
        return Some(byte);
    }
    let mut buffer = [0u8; 4];
    let (bytes, _, unmappable) = WINDOWS_1252.encode(c.encode_utf8(&mut buffer));
    match (&*bytes, unmappable) {
        ([byte], false) if *byte >= 0x80 => Some(*byte),
        _ => None,
    }
}

#[cfg(test)]
#[path = "repair_tests.rs"]
mod tests;
