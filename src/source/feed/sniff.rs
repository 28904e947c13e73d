//! What kind of feed a document is, told by what it is rather than by how its first bytes
//! look: XML whose first element is an RSS, Atom or RDF root, after any byte order mark,
//! blank lines, comments, processing instructions or doctype; or a JSON object with an
//! `items` list or a JSON Feed `version`, whatever the order of its keys.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xml,
    Json,
}

/// How far into a document its root element is looked for.
const LOOK_AHEAD: usize = 64 * 1024;

/// The kind of feed `bytes` holds, `None` when it is not a feed.
pub fn sniff(bytes: &[u8]) -> Option<Format> {
    if is_utf16(bytes) {
        return Some(Format::Xml);
    }
    match kind(bytes)? {
        Kind::JsonFeed => Some(Format::Json),
        Kind::Rss | Kind::Atom => Some(Format::Xml),
    }
}

/// A feed's format as a person names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Rss,
    Atom,
    JsonFeed,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Rss => "RSS",
            Kind::Atom => "Atom",
            Kind::JsonFeed => "JSON Feed",
        }
    }
}

/// The format of the feed `bytes` holds, `None` when it is not a feed.
pub fn kind(bytes: &[u8]) -> Option<Kind> {
    if is_utf16(bytes) {
        let head = &bytes[..bytes.len().min(LOOK_AHEAD) & !1];
        let units = head.chunks_exact(2).map(|pair| match bytes[0] {
            0xFE | 0 => u16::from_be_bytes([pair[0], pair[1]]),
            _ => u16::from_le_bytes([pair[0], pair[1]]),
        });
        let text: String = char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect();
        return feed_root(text.trim_start_matches('\u{FEFF}').as_bytes());
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = text.trim_ascii_start();
    match text.first()? {
        b'{' => is_json_feed(text).then_some(Kind::JsonFeed),
        b'<' => feed_root(&text[..text.len().min(LOOK_AHEAD)]),
        _ => None,
    }
}

/// UTF-16 either way, told by its byte order mark or by the zero byte beside its first `<`.
fn is_utf16(bytes: &[u8]) -> bool {
    matches!(
        bytes,
        [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] | [b'<', 0, ..] | [0, b'<', ..]
    )
}

fn is_json_feed(text: &[u8]) -> bool {
    super::json::read(text).is_ok_and(|object| {
        matches!(object.get("items"), Some(serde_json::Value::Array(_)))
            || super::json::mentions_json_feed(&object)
    })
}

/// The feed the first element makes, after what may come before it: `rss`, `channel` or
/// `RDF` (any prefix, as `rdf:RDF`) an RSS feed, `feed` or `entry` an Atom one.
fn feed_root(mut text: &[u8]) -> Option<Kind> {
    loop {
        text = text.trim_ascii_start();
        let skip_to = |text: &[u8], end: &[u8]| {
            text.windows(end.len())
                .position(|w| w == end)
                .map(|at| at + end.len())
        };
        let next = if text.starts_with(b"<!--") {
            skip_to(text, b"-->")
        } else if text.starts_with(b"<?") {
            skip_to(text, b"?>")
        } else if text.starts_with(b"<!") {
            skip_doctype(text)
        } else if let Some(rest) = text.strip_prefix(b"<") {
            let name: Vec<u8> = rest
                .iter()
                .take_while(|b| !b.is_ascii_whitespace() && !matches!(b, b'>' | b'/'))
                .copied()
                .collect();
            let local = name.rsplit(|&b| b == b':').next().unwrap_or(&name);
            return if local.eq_ignore_ascii_case(b"rss")
                || local.eq_ignore_ascii_case(b"channel")
                || local == b"RDF"
            {
                Some(Kind::Rss)
            } else if matches!(local, b"feed" | b"entry") {
                Some(Kind::Atom)
            } else {
                None
            };
        } else {
            return None;
        };
        text = &text[next?..];
    }
}

/// The length of a doctype, with its internal subset in brackets.
fn skip_doctype(text: &[u8]) -> Option<usize> {
    let mut depth = 0usize;
    for (at, &byte) in text.iter().enumerate() {
        match byte {
            b'[' => depth += 1,
            b']' => depth = depth.saturating_sub(1),
            b'>' if depth == 0 => return Some(at + 1),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
#[path = "sniff_tests.rs"]
mod tests;
