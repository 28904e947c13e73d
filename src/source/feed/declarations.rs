//! XML declarations that feed-rs cannot take. feed-rs 3.0.0 hands every declaration's
//! encoding to quick-xml, which panics when one naming another encoding comes after the first
//! 64 bytes of the document; so late declarations are cut out before feed-rs reads a document.

use std::borrow::Cow;

/// An XML document with its late XML declarations cut out. feed-rs 3.0.0 hands every
/// declaration's encoding to quick-xml, which panics when one naming another encoding comes
/// after the first 64 bytes of the document (`PREFIX_CAP` in quick-xml's `encoding.rs`). A
/// declaration anywhere but first is not well-formed XML and holds no content, so it goes; a
/// first one too long for those bytes becomes a short one with the same encoding.
/// Declarations are found with quick-xml itself, so `<?xml` inside CDATA, comments or
/// attribute values stays as it is.
pub fn without_late_declarations(bytes: &[u8]) -> Cow<'_, [u8]> {
    const PREFIX: usize = 64;
    // feed-rs reads XML when the first `<` or `{` is a `<`.
    if bytes.iter().find(|&&b| b == b'<' || b == b'{') != Some(&b'<') {
        return Cow::Borrowed(bytes);
    }
    let (skip, scan, unit) = markup_view(bytes);
    let width = if unit == Unit::Byte { 1 } else { 2 };
    let late = scan.windows(5).skip(1).any(|w| w == b"<?xml");
    let long_first = scan.starts_with(b"<?xml")
        && scan
            .windows(2)
            .position(|w| w == b"?>")
            .is_none_or(|at| (at + 2) * width > PREFIX);
    if !late && !long_first {
        return Cow::Borrowed(bytes);
    }
    // Read as feed-rs reads; like feed-rs, go on after an error (a mismatched end tag).
    let mut reader = quick_xml::Reader::from_reader(&scan[..]);
    let config = reader.config_mut();
    config.expand_empty_elements = true;
    config.trim_markup_names_in_closing_tags = true;
    config.trim_text(false);
    let mut cuts: Vec<(std::ops::Range<usize>, Vec<u8>)> = Vec::new();
    let mut first = true;
    loop {
        let start = reader.buffer_position();
        let event = reader.read_event();
        let (Ok(from), Ok(to)) = (
            usize::try_from(start),
            usize::try_from(reader.buffer_position()),
        ) else {
            break;
        };
        let range = skip + from * width..skip + to * width;
        match event {
            Ok(quick_xml::events::Event::Eof) => break,
            Err(_) if to == from => break,
            Err(_) => {}
            Ok(quick_xml::events::Event::Decl(_)) if !first => cuts.push((range, Vec::new())),
            Ok(quick_xml::events::Event::Decl(decl)) if range.end - skip > PREFIX => {
                first = false;
                let encoding = match decl.encoding() {
                    Some(Ok(name)) if name.len() <= 20 => name.into_owned(),
                    _ => String::new(),
                };
                let named = !encoding.is_empty()
                    && encoding
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "-_.:".contains(c));
                let short = if named {
                    format!("<?xml version=\"1.0\" encoding=\"{encoding}\"?>")
                } else {
                    "<?xml version=\"1.0\"?>".to_string()
                };
                let short = match unit {
                    Unit::Byte => short.into_bytes(),
                    Unit::Utf16Le => short.encode_utf16().flat_map(u16::to_le_bytes).collect(),
                    Unit::Utf16Be => short.encode_utf16().flat_map(u16::to_be_bytes).collect(),
                };
                cuts.push((range, short));
            }
            Ok(quick_xml::events::Event::Text(text)) if text.trim_ascii().is_empty() => {}
            Ok(_) => first = false,
        }
    }
    if cuts.is_empty() {
        return Cow::Borrowed(bytes);
    }
    let mut kept = Vec::with_capacity(bytes.len());
    let mut from = 0;
    for (cut, replacement) in cuts {
        kept.extend_from_slice(&bytes[from..cut.start]);
        kept.extend_from_slice(&replacement);
        from = cut.end;
    }
    kept.extend_from_slice(&bytes[from..]);
    Cow::Owned(kept)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Byte,
    Utf16Le,
    Utf16Be,
}

/// The document as one byte per code unit, for finding its markup: the bytes before the first
/// unit (a byte order mark), the units, and what a unit is. A unit that is not ASCII
/// becomes `_` (quick-xml reads UTF-8 and would stop at a Latin-1 `é`); UTF-16 is told the
/// way quick-xml tells it.
fn markup_view(bytes: &[u8]) -> (usize, Vec<u8>, Unit) {
    let utf16 = |units: &[u8], little: bool| -> Vec<u8> {
        units
            .chunks_exact(2)
            .map(|pair| {
                let unit = if little {
                    u16::from_le_bytes([pair[0], pair[1]])
                } else {
                    u16::from_be_bytes([pair[0], pair[1]])
                };
                u8::try_from(unit).ok().filter(u8::is_ascii).unwrap_or(b'_')
            })
            .collect()
    };
    match bytes {
        [0xFF, 0xFE, rest @ ..] => (2, utf16(rest, true), Unit::Utf16Le),
        [0xFE, 0xFF, rest @ ..] => (2, utf16(rest, false), Unit::Utf16Be),
        [b'<', 0, b'?', 0, ..] => (0, utf16(bytes, true), Unit::Utf16Le),
        [0, b'<', 0, b'?', ..] => (0, utf16(bytes, false), Unit::Utf16Be),
        _ => {
            let skip = if bytes.starts_with(b"\xEF\xBB\xBF") {
                3
            } else {
                0
            };
            let mut scan = Vec::with_capacity(bytes.len() - skip);
            for chunk in bytes[skip..].utf8_chunks() {
                scan.extend_from_slice(chunk.valid().as_bytes());
                scan.resize(scan.len() + chunk.invalid().len(), b'_');
            }
            (skip, scan, Unit::Byte)
        }
    }
}
