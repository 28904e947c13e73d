//! Tests of the addresses in a feed.

use super::*;

#[test]
fn links_resolve_against_xml_base_then_content_location_then_the_feed() {
    let document = document_base("https://news.example/feeds/rss", None);
    let bases = Bases::new(&document);
    assert_eq!(
        resolve("/sub/story-1", &bases.with(&[])),
        "https://news.example/sub/story-1"
    );
    assert_eq!(
        resolve(
            "story",
            &bases.with(&["https://base.example/a/".into(), "b/".into()])
        ),
        "https://base.example/a/b/story"
    );
    assert_eq!(
        resolve("story", &bases.with(&["../blog/".into()])),
        "https://news.example/blog/story"
    );
    let located = document_base("https://news.example/feeds/rss", Some("/en/rss.xml"));
    assert_eq!(
        resolve("a", &Bases::new(&located).with(&[])),
        "https://news.example/en/a"
    );
}

#[test]
fn absolute_addresses_are_written_as_the_standard_writes_them_and_files_give_no_base() {
    let none = Bases::new(&None);
    assert_eq!(
        resolve("HTTPS://Legacy.EXAMPLE", &none.with(&[])),
        "https://legacy.example/"
    );
    assert_eq!(
        resolve(" https://x.example/a b\n", &none.with(&[])),
        "https://x.example/a%20b"
    );
    assert_eq!(resolve("/sub/story", &none.with(&[])), "/sub/story");
    assert!(document_base("file:///tmp/feed.xml", None).is_none());
    assert!(document_base("/tmp/feed.xml", Some("https://x.example/")).is_none());
    assert_eq!(resolve("", &none.with(&[])), "");
}
