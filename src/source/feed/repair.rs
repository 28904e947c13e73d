//! Text encoded twice: UTF-8 read as Windows-1252 (or Latin-1) and written again as UTF-8, so
//! that `…` reads `â€¦` and `é` reads `Ã©`. A field is repaired only when the whole of it is
//! unambiguous: every character that is not ASCII has a byte in that encoding, and those
//! bytes together are valid UTF-8 with at least one character of two bytes or more. Text a
//! person wrote in Latin-1 characters (`Café`) does not pass: its bytes are not UTF-8.

use std::borrow::Cow;

use encoding_rs::WINDOWS_1252;

/// `text` with its double encoding undone, or as it is.
pub fn repair(text: &str) -> Cow<'_, str> {
    // Every double-encoded character starts with one of these: the lead bytes of UTF-8
    // (0xC2–0xF4) read as Windows-1252.
    let suspicious = text.chars().any(|c| matches!(c, '\u{C2}'..='\u{F4}'));
    if !suspicious {
        return Cow::Borrowed(text);
    }
    let mut bytes = Vec::with_capacity(text.len());
    for c in text.chars() {
        match byte_of(c) {
            Some(byte) => bytes.push(byte),
            None => return Cow::Borrowed(text),
        }
    }
    match String::from_utf8(bytes) {
        Ok(repaired) if !repaired.is_ascii() => Cow::Owned(repaired),
        _ => Cow::Borrowed(text),
    }
}

/// The byte that stood for `c` when UTF-8 was read as Windows-1252: ASCII as it is, the
/// characters Windows-1252 gives its bytes 0x80–0xFF, and the C1 controls for the five bytes
/// it leaves undefined (which Latin-1 readers keep as those controls).
fn byte_of(c: char) -> Option<u8> {
    if c.is_ascii() {
        return u8::try_from(c).ok();
    }
    if let Ok(byte) = u8::try_from(u32::from(c))
        && matches!(byte, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D | 0xA0..=0xFF)
    {
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
mod tests {
    use super::repair;

    #[test]
    fn text_encoded_twice_is_read_once() {
        assert_eq!(repair("Wait for itâ€¦"), "Wait for it…");
        assert_eq!(repair("CafÃ© crÃ¨me"), "Café crème");
        assert_eq!(repair("itâ€™s â€œquotedâ€\u{9d}"), "it’s “quoted”");
        assert_eq!(repair("æ—¥æœ¬èªž"), "日本語");
    }

    #[test]
    fn text_written_as_meant_is_left_alone() {
        for text in [
            "Café crème",
            "naïve — “fine”",
            "plain ASCII",
            "Ã alone",
            "日本語",
            "ÃÃÃ",
            "Â£5 and €",
        ] {
            assert_eq!(repair(text), text, "{text}");
        }
    }

    #[test]
    fn a_field_half_repaired_would_be_ambiguous_and_is_left() {
        assert_eq!(repair("CafÃ© and 日本"), "CafÃ© and 日本");
    }
}
