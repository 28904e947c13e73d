//! What a request's address names (a web address, a file, or neither), and relative
//! `Location`s resolved against the address they came from (RFC 3986, section 5.2).

use std::path::PathBuf;

/// Where a request's bytes come from.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Target {
    /// An `http://` or `https://` address.
    Web,
    /// A `file://` address or a plain path, absolute or relative.
    File(PathBuf),
    /// Any other scheme, or a `file://` address naming another machine.
    Unsupported,
}

/// Sorts an address. A leading `word:` (two or more scheme characters) marks a scheme, so a
/// relative file whose name has a colon in it must be written `./name`; one-letter schemes
/// are left to paths so that Windows drive letters (`C:\feeds\a.xml`) work.
pub(super) fn target(address: &str) -> Target {
    let Some(scheme) = scheme(address) else {
        return Target::File(PathBuf::from(address));
    };
    match scheme.to_ascii_lowercase().as_str() {
        "http" | "https" => Target::Web,
        "file" => file_path(&address[scheme.len() + 1..]).map_or(Target::Unsupported, Target::File),
        _ => Target::Unsupported,
    }
}

/// The host of a web address, lower-cased, without port or user info.
pub(super) fn host(url: &str) -> Option<String> {
    let rest = &url[scheme(url)?.len() + 1..];
    let authority = rest.strip_prefix("//")?.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit('@').next()?;
    let host = if host_port.starts_with('[') {
        host_port.split_inclusive(']').next()?
    } else {
        host_port.split(':').next()?
    };
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// Resolves a `Location` header against the address that sent it; the fragment is dropped.
pub(super) fn resolve(base: &str, location: &str) -> String {
    let location = location.trim();
    let location = location.split('#').next().unwrap_or_default();
    if scheme(location).is_some() {
        return location.to_string();
    }
    let base = base.split('#').next().unwrap_or_default();
    let base_scheme = scheme(base).unwrap_or("http");
    if let Some(network_path) = location.strip_prefix("//") {
        return format!("{base_scheme}://{network_path}");
    }
    let after_scheme = base.get(base_scheme.len() + 1..).unwrap_or_default();
    let after_slashes = after_scheme.strip_prefix("//").unwrap_or(after_scheme);
    let authority_end = after_slashes
        .find(['/', '?'])
        .unwrap_or(after_slashes.len());
    let (authority, path_and_query) = after_slashes.split_at(authority_end);
    let (base_path, base_query) = match path_and_query.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (path_and_query, None),
    };
    let origin = format!("{base_scheme}://{authority}");
    let (path, query) = match location.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (location, None),
    };
    let resolved_path = if path.is_empty() {
        base_path.to_string()
    } else if path.starts_with('/') {
        remove_dot_segments(path)
    } else {
        let directory = match base_path.rfind('/') {
            Some(slash) => &base_path[..=slash],
            None => "/",
        };
        remove_dot_segments(&format!("{directory}{path}"))
    };
    let query = if path.is_empty() && query.is_none() {
        base_query
    } else {
        query
    };
    match query {
        Some(query) => format!("{origin}{resolved_path}?{query}"),
        None => format!("{origin}{resolved_path}"),
    }
}

/// The scheme of an absolute address: letters, digits, `+`, `-` and `.` before the first `:`,
/// starting with a letter and at least two characters long.
fn scheme(address: &str) -> Option<&str> {
    let (scheme, _) = address.split_once(':')?;
    let mut chars = scheme.chars();
    let starts_with_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let valid = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (starts_with_letter && valid && scheme.len() >= 2).then_some(scheme)
}

/// The path of a `file:` address (`file:///a/b`, `file://localhost/a/b`, `file:/a/b`),
/// percent-decoded; `None` for another machine's file or bytes that are not UTF-8.
fn file_path(after_scheme: &str) -> Option<PathBuf> {
    let path = match after_scheme.strip_prefix("//") {
        Some(rest) => {
            let slash = rest.find('/').unwrap_or(rest.len());
            let (authority, path) = rest.split_at(slash);
            if !(authority.is_empty() || authority.eq_ignore_ascii_case("localhost")) {
                return None;
            }
            path
        }
        None => after_scheme,
    };
    let path = path.split(['?', '#']).next().unwrap_or_default();
    percent_decode(path).map(PathBuf::from)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex = bytes.get(index + 1..index + 3).and_then(|pair| {
            let pair = std::str::from_utf8(pair).ok()?;
            u8::from_str_radix(pair, 16).ok()
        });
        match (bytes[index], hex) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                index += 3;
            }
            (byte, _) => {
                decoded.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8(decoded).ok()
}

/// RFC 3986, section 5.2.4: `/a/b/../c/./d` -> `/a/c/d`.
pub(in crate::source) fn remove_dot_segments(path: &str) -> String {
    let mut output: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    for (index, segment) in segments.iter().enumerate() {
        let last = index + 1 == segments.len();
        match *segment {
            "." | ".." => {
                if *segment == ".." {
                    output.pop();
                }
                if last {
                    output.push("");
                }
            }
            other => output.push(other),
        }
    }
    format!("/{}", output.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_addresses() {
        assert_eq!(target("https://example.com/feed"), Target::Web);
        assert_eq!(target("HTTP://example.com/feed"), Target::Web);
        assert_eq!(
            target("file:///tmp/a%20b.xml"),
            Target::File("/tmp/a b.xml".into())
        );
        assert_eq!(
            target("file://localhost/tmp/a.xml"),
            Target::File("/tmp/a.xml".into())
        );
        assert_eq!(target("file://elsewhere/tmp/a.xml"), Target::Unsupported);
        assert_eq!(target("feeds/a.xml"), Target::File("feeds/a.xml".into()));
        assert_eq!(
            target("C:\\feeds\\a.xml"),
            Target::File("C:\\feeds\\a.xml".into())
        );
        assert_eq!(target("ftp://example.com/a.xml"), Target::Unsupported);
    }

    #[test]
    fn finds_hosts() {
        assert_eq!(
            host("https://Example.COM:8443/a?b").as_deref(),
            Some("example.com")
        );
        assert_eq!(host("http://user@127.0.0.2/").as_deref(), Some("127.0.0.2"));
        assert_eq!(host("http://[::1]:80/").as_deref(), Some("[::1]"));
        assert_eq!(host("http:///nothing"), None);
    }

    #[test]
    fn resolves_locations() {
        let base = "http://a.example/b/c/d?q";
        assert_eq!(resolve(base, "https://x.example/y"), "https://x.example/y");
        assert_eq!(resolve(base, "//x.example/y"), "http://x.example/y");
        assert_eq!(resolve(base, "/g"), "http://a.example/g");
        assert_eq!(resolve(base, "g"), "http://a.example/b/c/g");
        assert_eq!(resolve(base, "../g?x"), "http://a.example/b/g?x");
        assert_eq!(resolve(base, "./"), "http://a.example/b/c/");
        assert_eq!(resolve(base, ".."), "http://a.example/b/");
        assert_eq!(resolve(base, "?y"), "http://a.example/b/c/d?y");
        assert_eq!(resolve(base, "#frag"), "http://a.example/b/c/d?q");
        assert_eq!(resolve("http://a.example", "g"), "http://a.example/g");
        assert_eq!(resolve(base, "../../../../g"), "http://a.example/g");
    }
}
