//! A site's feeds, found from one of its pages: the feeds the page names in its head
//! (`<link rel="alternate" type="application/rss+xml" href="…" title="…">`, Atom and JSON Feed
//! too), in the page's order, their addresses resolved against the page (or its `<base>`);
//! and, when it names none, the places sites usually keep one.

use std::rc::Rc;

use html5ever::tendril::TendrilSink;
use html5ever::{ParseOpts, parse_document};
use markup5ever_rcdom::{Handle, NodeData, RcDom};
use url::Url;

use super::charset;
use super::feed::Kind;
use super::full_text::check_is_page;
use crate::net;
use crate::sanitize::clean_line;

/// Where sites usually keep their feed, tried in order when a page names none.
pub const USUAL_PLACES: [&str; 7] = [
    "/feed",
    "/rss",
    "/rss.xml",
    "/atom.xml",
    "/index.xml",
    "/feed.xml",
    "/feed.json",
];

/// A feed a page names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub url: String,
    /// The link's `title`, cleaned; empty when it has none.
    pub title: String,
    pub kind: Kind,
}

/// The feeds a page names, from its bytes as they came (`content_type` the HTTP header);
/// an error in words when they are not a web page.
pub fn page_feeds(
    body: &[u8],
    content_type: Option<&str>,
    page_url: &str,
) -> Result<Vec<Named>, String> {
    check_is_page(body, content_type)?;
    Ok(named_feeds(
        &charset::decode(body, content_type, Some(page_url)),
        page_url,
    ))
}

/// The feeds `page` (read from `page_url`) names, in its order, each once.
pub fn named_feeds(page: &str, page_url: &str) -> Vec<Named> {
    let dom = parse_document(RcDom::default(), ParseOpts::default()).one(page);
    let mut base = Url::parse(page_url).ok();
    let mut found: Vec<Named> = Vec::new();
    let mut stack: Vec<Handle> = vec![Rc::clone(&dom.document)];
    while let Some(node) = stack.pop() {
        if let NodeData::Element { name, attrs, .. } = &node.data {
            let attrs = attrs.borrow();
            let attr = |wanted: &str| {
                attrs
                    .iter()
                    .find(|a| &*a.name.local == wanted)
                    .map(|a| a.value.to_string())
            };
            match &*name.local {
                "base" => {
                    if let Some(href) = attr("href") {
                        base = join(base.as_ref(), &href).or(base);
                    }
                }
                "link" => {
                    let alternate = attr("rel").is_some_and(|rel| {
                        rel.split_ascii_whitespace()
                            .any(|word| word.eq_ignore_ascii_case("alternate"))
                    });
                    let kind = attr("type").and_then(|kind| kind_of(&kind));
                    if let (true, Some(kind), Some(href)) = (alternate, kind, attr("href"))
                        && let Some(url) = join(base.as_ref(), &href)
                    {
                        let url = url.to_string();
                        if !found.iter().any(|known| known.url == url) {
                            found.push(Named {
                                url,
                                title: attr("title").map(|t| clean_line(&t)).unwrap_or_default(),
                                kind,
                            });
                        }
                    }
                }
                _ => {}
            }
        }
        stack.extend(node.children.borrow().iter().rev().map(Rc::clone));
    }
    found
}

/// The usual places of a feed on the site of `page_url`.
pub fn usual_places(page_url: &str) -> Vec<String> {
    let Some(page) = Url::parse(page_url)
        .ok()
        .filter(|url| matches!(url.scheme(), "http" | "https"))
    else {
        return Vec::new();
    };
    USUAL_PLACES
        .iter()
        .filter_map(|place| page.join(place).ok())
        .map(|url| url.to_string())
        .collect()
}

/// A feed's format, as a `<link>`'s `type` names it.
fn kind_of(media_type: &str) -> Option<Kind> {
    let media_type = media_type.split(';').next()?.trim().to_ascii_lowercase();
    match media_type.as_str() {
        "application/rss+xml" | "application/rdf+xml" => Some(Kind::Rss),
        "application/atom+xml" => Some(Kind::Atom),
        "application/feed+json" | "application/json" => Some(Kind::JsonFeed),
        _ => None,
    }
}

/// `href` against `base`, when that makes a web address.
fn join(base: Option<&Url>, href: &str) -> Option<Url> {
    net::resolve(href, base).filter(|url| matches!(url.scheme(), "http" | "https"))
}

#[cfg(test)]
#[path = "discover_tests.rs"]
mod tests;
