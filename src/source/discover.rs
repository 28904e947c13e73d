//! A site's feeds, found from one of its pages: the feeds the page names in its head
//! (`<link rel="alternate" type="application/rss+xml" href="…" title="…">`, Atom and JSON Feed
//! too), in the page's order, their addresses resolved against the page (or its `<base>`);
//! and, when it names none, the places sites usually keep one.

use std::rc::Rc;

use html5ever::tendril::TendrilSink;
use html5ever::{ParseOpts, parse_document};
use markup5ever_rcdom::{Handle, NodeData, RcDom};
use url::Url;

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
    /// "RSS", "Atom" or "JSON Feed".
    pub kind: &'static str,
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
    let Ok(page) = Url::parse(page_url) else {
        return Vec::new();
    };
    USUAL_PLACES
        .iter()
        .filter_map(|place| page.join(place).ok())
        .map(|url| url.to_string())
        .collect()
}

/// A feed's type, as a `<link>`'s `type` names it.
fn kind_of(media_type: &str) -> Option<&'static str> {
    let media_type = media_type.split(';').next()?.trim().to_ascii_lowercase();
    match media_type.as_str() {
        "application/rss+xml" | "application/rdf+xml" => Some("RSS"),
        "application/atom+xml" => Some("Atom"),
        "application/feed+json" | "application/json" => Some("JSON Feed"),
        _ => None,
    }
}

/// `href` against `base`, when that makes a web address.
fn join(base: Option<&Url>, href: &str) -> Option<Url> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    let url = match base {
        Some(base) => base.join(href).ok()?,
        None => Url::parse(href).ok()?,
    };
    matches!(url.scheme(), "http" | "https").then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feeds_a_page_names_in_its_order_resolved() {
        let page = r#"<html><head><title>Blog</title>
            <link rel="stylesheet" href="/style.css">
            <link rel="alternate" type="application/rss+xml" title="All posts" href="/feed.xml">
            <link rel="alternate" type="application/atom+xml" href="atom.xml">
            <link rel="alternate" type="application/rss+xml" title="Dup" href="https://blog.example/feed.xml">
            <link rel="alternate feed" type="application/feed+json; charset=utf-8" title="JSON &amp; more" href="//cdn.example/feed.json">
            <link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
            </head><body><a href="/rss">not a link element</a></body></html>"#;
        let found = named_feeds(page, "https://blog.example/posts/");
        assert_eq!(
            found,
            [
                Named {
                    url: "https://blog.example/feed.xml".into(),
                    title: "All posts".into(),
                    kind: "RSS"
                },
                Named {
                    url: "https://blog.example/posts/atom.xml".into(),
                    title: String::new(),
                    kind: "Atom"
                },
                Named {
                    url: "https://cdn.example/feed.json".into(),
                    title: "JSON & more".into(),
                    kind: "JSON Feed"
                },
            ]
        );
    }

    #[test]
    fn a_base_element_and_addresses_that_are_no_feeds() {
        let page = r#"<head><base href="https://other.example/dir/">
            <link rel="alternate" type="application/rss+xml" href="rss">
            <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
            <link rel="alternate" type="application/rss+xml" href="">"#;
        let urls: Vec<String> = named_feeds(page, "https://blog.example/")
            .into_iter()
            .map(|n| n.url)
            .collect();
        assert_eq!(urls, ["https://other.example/dir/rss"]);
        assert!(named_feeds("not html at all", "https://x.example/").is_empty());
    }

    #[test]
    fn the_usual_places_are_on_the_pages_site() {
        let places = usual_places("https://blog.example/2026/12/a-post.html");
        assert_eq!(places[0], "https://blog.example/feed");
        assert_eq!(places.len(), USUAL_PLACES.len());
        assert!(usual_places("not an address").is_empty());
    }
}
