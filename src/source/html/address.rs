//! The addresses of links and pictures in HTML, resolved against the page or feed they came
//! from, and only those worth listing.

use crate::sanitize::clean_text;
use crate::source::fetch::remove_dot_segments;

/// A link's address as it can be opened, or `None` when it is not a link worth listing:
/// empty, a `#fragment` of the page, a script or data, or relative with no base to join.
pub(in crate::source) fn resolve(href: &str, base: Option<&str>) -> Option<String> {
    // Browsers ignore tabs and newlines anywhere in an address.
    let href = clean_text(href).replace(['\t', '\n'], "");
    let href = href.trim().replace(' ', "%20");
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    if let Some((scheme, _)) = href.split_once(':')
        && !scheme.is_empty()
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        let scheme = scheme.to_ascii_lowercase();
        return matches!(scheme.as_str(), "http" | "https" | "ftp" | "mailto").then_some(href);
    }
    if let Some(rest) = href.strip_prefix("//") {
        return Some(format!("https://{rest}"));
    }
    let base = base?;
    let lower = base.get(..8).unwrap_or(base).to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return None;
    }
    let base = base.split(['#', '?']).next().unwrap_or(base);
    let host_start = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[host_start..]
        .find('/')
        .map_or(base.len(), |i| host_start + i);
    let (origin, base_path) = base.split_at(path_start);
    if href.starts_with('?') {
        let path = if base_path.is_empty() { "/" } else { base_path };
        return Some(format!("{origin}{path}{href}"));
    }
    let joined = if href.starts_with('/') {
        href
    } else {
        let dir = base_path.rfind('/').map_or("/", |i| &base_path[..=i]);
        format!("{dir}{href}")
    };
    Some(format!("{origin}{}", without_dot_segments(&joined)))
}

/// Resolves `.` and `..` segments in a path, its query and fragment left as they are.
fn without_dot_segments(path: &str) -> String {
    let end = path.find(['?', '#']).unwrap_or(path.len());
    let (path, rest) = path.split_at(end);
    format!("{}{rest}", remove_dot_segments(path))
}
