//! Character references in a feed document: XML's five, characters by number, and HTML's
//! names, which feeds write without declaring them.

use crate::source::entities;

/// The text a reference stands for: XML's five, a character by its number, or one of
/// HTML's names; a name no one knows stays as it was written.
pub(super) fn reference_text(name: &str) -> String {
    match name {
        "amp" => return "&".into(),
        "lt" => return "<".into(),
        "gt" => return ">".into(),
        "quot" => return "\"".into(),
        "apos" => return "'".into(),
        // As XHTML 1.0 defines them, for feeds are XML: HTML5 moved them to other brackets.
        "lang" => return "\u{2329}".into(),
        "rang" => return "\u{232A}".into(),
        _ => {}
    }
    let written = format!("&{name};");
    match entities::at(written.as_bytes()) {
        Some((first, second, _)) => {
            first.to_string() + &second.map(String::from).unwrap_or_default()
        }
        None => written,
    }
}

/// An attribute value with its references read.
pub(super) fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        match after.find(';').filter(|&end| end <= 32) {
            Some(end) if !after[..end].contains(['&', ' ']) => {
                out.push_str(&reference_text(&after[..end]));
                rest = &after[end + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
