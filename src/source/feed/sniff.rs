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
    if matches!(
        bytes,
        [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] | [b'<', 0, ..] | [0, b'<', ..]
    ) {
        return Some(Format::Xml);
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = text.trim_ascii_start();
    match text.first()? {
        b'{' => is_json_feed(text).then_some(Format::Json),
        b'<' => has_feed_root(&text[..text.len().min(LOOK_AHEAD)]).then_some(Format::Xml),
        _ => None,
    }
}

fn is_json_feed(text: &[u8]) -> bool {
    super::json::read(text).is_ok_and(|object| {
        matches!(object.get("items"), Some(serde_json::Value::Array(_)))
            || super::json::mentions_json_feed(&object)
    })
}

/// Whether the first element, after what may come before it, is `rss`, `feed` or `RDF`
/// (any prefix, as `rdf:RDF`).
fn has_feed_root(mut text: &[u8]) -> bool {
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
            return local.eq_ignore_ascii_case(b"rss")
                || local.eq_ignore_ascii_case(b"channel")
                || matches!(local, b"feed" | b"RDF" | b"entry");
        } else {
            return false;
        };
        match next {
            Some(at) => text = &text[at..],
            None => return false,
        }
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
