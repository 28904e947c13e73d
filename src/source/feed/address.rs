//! The addresses in a feed, resolved as the feed meant them: against the `xml:base`s around
//! them (each against the one outside it), then the document's own address: the response's
//! `Content-Location`, else the address it was fetched from after redirects. Only a web
//! address is a document's address: relative links in a feed file on disk stay as written.

use url::Url;

use crate::net;

/// The address of a feed document, from where it was fetched and what the response said.
pub fn document_base(fetched_from: &str, content_location: Option<&str>) -> Option<Url> {
    let fetched = net::web_base(fetched_from)?;
    match content_location.map(str::trim).filter(|l| !l.is_empty()) {
        Some(location) => net::resolve(location, Some(&fetched))
            .filter(|url| net::is_web(url.as_str()))
            .or(Some(fetched)),
        None => Some(fetched),
    }
}

/// The bases of one document: its own address, to which the `xml:base`s of a place in it
/// are added.
pub struct Bases<'a> {
    document: &'a Option<Url>,
}

impl<'a> Bases<'a> {
    pub fn new(document: &'a Option<Url>) -> Bases<'a> {
        Bases { document }
    }

    /// The base at a place with these `xml:base`s around it, outermost first.
    pub fn with(&self, xml_bases: &[String]) -> Base {
        let mut base = self.document.clone();
        for xml_base in xml_bases {
            if let Some(next) = net::resolve(xml_base, base.as_ref()) {
                base = Some(next);
            }
        }
        Base(base)
    }
}

/// The address relative ones are resolved against, if there is one.
pub struct Base(Option<Url>);

impl Base {
    /// The base itself, when it is a web address (the base of a body's links).
    pub fn absolute(&self) -> Option<String> {
        self.0
            .as_ref()
            .filter(|url| net::is_web(url.as_str()))
            .map(Url::to_string)
    }
}

/// `href` resolved against `base` (`net::resolve`), written as the URL standard writes
/// addresses; as it was written (cleaned) when it names no address: relative with no base,
/// or not an address at all.
pub fn resolve(href: &str, base: &Base) -> String {
    match net::resolve(href, base.0.as_ref()) {
        Some(url) => url.into(),
        None => net::written(href),
    }
}

#[cfg(test)]
#[path = "address_tests.rs"]
mod tests;
