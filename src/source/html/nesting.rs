//! Deep nesting left out before parsing: html5ever's tree building slows down with each
//! level, so tags nested past [`MAX_PARSED_DEPTH`] are dropped (their text kept), and a page
//! of ten thousand levels costs no more than its size.

/// Tags nested deeper than this are left out before parsing (their text is kept): the HTML
/// tree builder looks through every open element for many tags, so a hostile feed's 10,000
/// levels would take time quadratic in the depth.
pub const MAX_PARSED_DEPTH: usize = 256;

/// Elements that have no end tag, or whose end tag may be left out (so they do not nest when
/// it is): they are not counted as a level of nesting.
const NOT_NESTING: [&str; 28] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup",
    "thead", "tbody", "tfoot", "colgroup",
];
/// Elements whose content is text, not tags.
const RAW_TEXT: [&str; 7] = [
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed",
];

/// The HTML with start tags nested deeper than [`MAX_PARSED_DEPTH`] left out, with their end
/// tags; their text is kept. Borrowed unchanged when nothing is that deep. The scan is a rough
/// tokenizer (comments, quoted attributes and raw-text elements are skipped over), enough to
/// count levels.
pub(crate) fn flatten_deep_nesting(html: &str) -> std::borrow::Cow<'_, str> {
    let bytes = html.as_bytes();
    let find = |from: usize, needle: &[u8]| {
        bytes[from.min(bytes.len())..]
            .windows(needle.len())
            .position(|w| w.eq_ignore_ascii_case(needle))
            .map_or(bytes.len(), |at| from + at)
    };
    let (mut depth, mut skipped) = (0usize, 0usize);
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while let Some(at) = bytes[i..].iter().position(|&b| b == b'<') {
        let start = i + at;
        let rest = &bytes[start + 1..];
        if rest.starts_with(b"!--") {
            i = (find(start + 4, b"-->") + 3).min(bytes.len());
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = start + 1 + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            i = start + 1;
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        // The end of the tag: the first `>` outside quotes.
        let mut end = name_start + name_len;
        let mut quote = None;
        while end < bytes.len() {
            match (quote, bytes[end]) {
                (None, b'>') => break,
                (None, q @ (b'"' | b'\'')) => quote = Some(q),
                (Some(q), b) if b == q => quote = None,
                _ => {}
            }
            end += 1;
        }
        let end = (end + 1).min(bytes.len());
        let nests = !NOT_NESTING.contains(&name.as_str()) && !bytes[..end].ends_with(b"/>");
        let leave_out = if RAW_TEXT.contains(&name.as_str()) {
            false
        } else if closing && nests && skipped > 0 {
            skipped -= 1;
            true
        } else if closing && nests {
            depth = depth.saturating_sub(1);
            false
        } else if nests && depth >= MAX_PARSED_DEPTH {
            skipped += 1;
            true
        } else {
            depth += usize::from(nests && !closing);
            false
        };
        if leave_out {
            let flat = out.get_or_insert_with(|| String::with_capacity(html.len()));
            flat.push_str(&html[copied..start]);
            copied = end;
        }
        i = if RAW_TEXT.contains(&name.as_str()) && !closing {
            find(end, format!("</{name}").as_bytes())
        } else {
            end
        };
    }
    match out {
        Some(mut flat) => {
            flat.push_str(&html[copied..]);
            std::borrow::Cow::Owned(flat)
        }
        None => std::borrow::Cow::Borrowed(html),
    }
}
