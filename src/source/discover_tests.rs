use super::*;
use crate::source::feed::Kind;

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
                kind: Kind::Rss
            },
            Named {
                url: "https://blog.example/posts/atom.xml".into(),
                title: String::new(),
                kind: Kind::Atom
            },
            Named {
                url: "https://cdn.example/feed.json".into(),
                title: "JSON & more".into(),
                kind: Kind::JsonFeed
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
