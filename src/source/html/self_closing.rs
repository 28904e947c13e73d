//! Elements a feed wrote closed the XML way (`<iframe src="…"/>`, `<script/>`, `<a name="x"/>`):
//! HTML reads the slash as nothing and leaves them open, so an embedded video written so
//! swallows the rest of an article as its own content, and an empty anchor turns it into a
//! link. Feeds are XML, and their authors meant the element to end there: it is given its end
//! tag before the HTML parser reads it. Void elements (`<br/>`, `<img/>`) and SVG or MathML,
//! whose self-closing HTML honours, are left as they are.

use std::borrow::Cow;

/// Elements whose end, when left out, takes the rest of a body with them: their content is
/// text (`iframe`, `script`, `textarea`…), is dropped (`object`, `video`…), or makes it
/// something else (`a`).
const CLOSED_IN_XML: [&str; 20] = [
    "iframe", "script", "style", "textarea", "title", "xmp", "noembed", "noframes", "noscript",
    "object", "video", "audio", "canvas", "template", "select", "button", "form", "datalist", "a",
    "span",
];

/// The HTML with each such element written `<name …/>` given its end tag; borrowed when
/// there is none.
pub fn close_self_closed(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + offset;
        at = start + 1;
        let name_len = bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            continue;
        }
        let name = html[at..at + name_len].to_ascii_lowercase();
        if !CLOSED_IN_XML.contains(&name.as_str()) {
            continue;
        }
        let Some(end) = tag_end(bytes, at + name_len) else {
            break;
        };
        if bytes[end - 1] != b'/' {
            continue;
        }
        let out = out.get_or_insert_with(|| String::with_capacity(html.len() + 32));
        out.push_str(&html[copied..end - 1]);
        out.push_str("></");
        out.push_str(&name);
        out.push('>');
        copied = end + 1;
        at = end + 1;
    }
    match out {
        Some(mut out) => {
            out.push_str(&html[copied..]);
            Cow::Owned(out)
        }
        None => Cow::Borrowed(html),
    }
}

/// Where the tag whose name ends at `from` ends: its `>`, outside quoted values.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote = None;
    for (offset, &byte) in bytes[from..].iter().enumerate() {
        match (quote, byte) {
            (None, b'>') => return Some(from + offset),
            (None, b'"' | b'\'') => quote = Some(byte),
            (Some(q), b) if b == q => quote = None,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
#[path = "self_closing_tests.rs"]
mod tests;
