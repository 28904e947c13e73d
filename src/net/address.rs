//! Addresses, on `url::Url`: what a request's address names (a web address, a file, or
//! neither); the one resolver of relative addresses, `Url::join` with the few cases real
//! feeds and pages write otherwise than the standard reads them; the host of an address (for
//! the per-host limit), its site (for a person) and its server (for messages); and the one
//! test of a web address.

use std::path::PathBuf;

use url::{ParseError, Url};

use crate::sanitize::{clean_line, clean_text};

/// The schemes of the links a body keeps; any other (`javascript:`, `data:`, `file:`) is left
/// as text.
const LINK_SCHEMES: [&str; 4] = ["http", "https", "ftp", "mailto"];

/// Whether `address` is a web address: it begins `http://` or `https://`, in any case.
pub fn is_web(address: &str) -> bool {
    let begins = |scheme: &str| {
        address
            .get(..scheme.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(scheme))
    };
    begins("http://") || begins("https://")
}

/// An address as a document wrote it, ready to be read: without the control characters no
/// string from a source keeps, without the tabs and newlines browsers ignore anywhere in an
/// address, and trimmed.
pub fn written(href: &str) -> String {
    let cleaned = clean_text(href);
    let cleaned = if cleaned.contains(['\t', '\n']) {
        cleaned.replace(['\t', '\n'], "")
    } else {
        cleaned
    };
    match cleaned.trim() {
        trimmed if trimmed.len() == cleaned.len() => cleaned,
        trimmed => trimmed.to_string(),
    }
}

/// `href` resolved against `base` as the URL standard resolves it (`Url::join`: `.` and `..`
/// segments, queries, fragments, percent-encoding, international hosts), but for what real
/// feeds and pages mean otherwise:
/// - a scheme-relative `//host/path` takes the base's scheme, and `https` with no base;
/// - a bare `www.host.example/path` is that host over `https`, not a path below the base.
///
/// `None` when it names no address: empty, relative with no base, or not an address at all.
pub fn resolve(href: &str, base: Option<&Url>) -> Option<Url> {
    join(&written(href), base).map(|(url, _)| url)
}

/// [`resolve`] of an href already [`written`]; with the address, whether it was written
/// absolute.
fn join(href: &str, base: Option<&Url>) -> Option<(Url, bool)> {
    if href.is_empty() {
        return None;
    }
    if is_bare_www(href) {
        return Some((Url::parse(&format!("https://{href}")).ok()?, false));
    }
    match Url::parse(href) {
        Ok(url) => Some((url, true)),
        Err(ParseError::RelativeUrlWithoutBase) => {
            let url = match base {
                Some(base) => base.join(href).ok()?,
                None if href.starts_with("//") => Url::parse(&format!("https:{href}")).ok()?,
                None => return None,
            };
            Some((url, false))
        }
        Err(_) => None,
    }
}

/// `www.` and a host with a dot of its own (`www.example.com/a`, not `www.html`).
fn is_bare_www(href: &str) -> bool {
    href.get(..4)
        .is_some_and(|head| head.eq_ignore_ascii_case("www."))
        && href[4..]
            .split(['/', '?', '#', ':'])
            .next()
            .is_some_and(|rest| rest.contains('.'))
}

/// A link of a body as it can be opened: [`resolve`]d, and kept only when it is a web, ftp
/// or mail address. `None` for an empty link, a `#fragment` of the page itself, a script
/// or data, or a relative link with no base. A link written absolute is kept as it was
/// written (its spaces as `%20`), as the reader shows it; a relative one as the URL
/// standard writes it.
pub fn link(href: &str, base: Option<&Url>) -> Option<String> {
    let href = written(href).replace(' ', "%20");
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    let (url, absolute) = join(&href, base)?;
    if !LINK_SCHEMES.contains(&url.scheme()) {
        return None;
    }
    Some(if absolute { href } else { url.into() })
}

/// A document's own address as the base of its relative links, when it is a web address.
pub fn web_base(address: &str) -> Option<Url> {
    Url::parse(&written(address))
        .ok()
        .filter(|url| is_web(url.as_str()))
}

/// An address with an authority, `scheme://host…`, parsed; `None` also for what the URL
/// standard repairs but names no host as written (`http:/x`, `http:///x`).
fn with_authority(address: &str) -> Option<Url> {
    let (_, rest) = address.split_once(':')?;
    let authority = rest.strip_prefix("//")?;
    if authority.starts_with(['/', '\\']) {
        return None;
    }
    Url::parse(address).ok()
}

/// The host of an address, lower-cased, without port or user: what the per-host limit
/// counts. An international host is in its ASCII form (`xn--bcher-kva.example`).
pub fn host(address: &str) -> Option<String> {
    let url = with_authority(address)?;
    let host = url.host_str().filter(|host| !host.is_empty())?;
    Some(host.to_ascii_lowercase())
}

/// The site of an address, as a person names it: its host without `www.`, in its own
/// letters: `macworld.com` of `https://www.macworld.com/article/1.html`, `bücher.example`
/// of `https://xn--bcher-kva.example/`. `None` for what is not a `scheme://host` address.
pub fn site(address: &str) -> Option<String> {
    let host = host(address)?;
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let host = if host.contains("xn--") {
        idna::domain_to_unicode(host).0
    } else {
        host.to_string()
    };
    (!host.is_empty()).then(|| clean_line(&host))
}

/// A server as messages name it: its host, with its port when it is not the scheme's own
/// (`rss.example.com`, `127.0.0.1:8080`).
pub fn server(address: &str) -> Option<String> {
    let url = with_authority(address)?;
    let host = url.host_str().filter(|host| !host.is_empty())?;
    Some(match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    })
}

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

/// Sorts an address. A leading `word:` marks a scheme, so a relative file whose name has a
/// colon in it must be written `./name`; a one-letter scheme is a Windows drive letter
/// (`C:\feeds\a.xml`), so a path. A `file://` address is the path it names, percent-decoded
/// (`Url::to_file_path`), but only on this machine (`file:///`, `file://localhost/`).
pub(super) fn target(address: &str) -> Target {
    match Url::parse(address) {
        Ok(url) if url.scheme().len() == 1 => Target::File(PathBuf::from(address)),
        Ok(url) => match url.scheme() {
            "http" | "https" => Target::Web,
            "file" => url.to_file_path().map_or(Target::Unsupported, Target::File),
            _ => Target::Unsupported,
        },
        Err(ParseError::RelativeUrlWithoutBase) => Target::File(PathBuf::from(address)),
        // A web address that is not valid fails as one, in words.
        Err(_) if is_web(address) => Target::Web,
        Err(_) => Target::Unsupported,
    }
}

/// A `Location` header resolved against the address that sent it, without its fragment.
pub(super) fn redirect(from: &str, location: &str) -> Option<String> {
    let from = Url::parse(from).ok()?;
    let mut next = resolve(location, Some(&from))?;
    next.set_fragment(None);
    Some(next.into())
}

#[cfg(test)]
#[path = "address_tests.rs"]
mod tests;
