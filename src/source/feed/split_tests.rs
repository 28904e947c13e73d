//! Tests of an XML feed read a few items at a time.

use super::*;

#[test]
fn items_are_found_with_the_tags_around_them_and_the_head_without_them() {
    let doc = "\n<!-- made by hand -->\n<?xml version=\"1.0\"?>\
            <rss version=\"2.0\" xmlns:dc=\"d\"><channel><title>T</title>\
            <item><title>A</title><description><![CDATA[<item>not one</item>]]></description></item>\
            <item><title>B</title><dc:item>x</dc:item></item>\n<item/><ttl>60</ttl></channel></rss>";
    let split = Split::scan(doc).unwrap();
    assert_eq!(split.items.len(), 3);
    assert_eq!(
        split.item(1),
        "<item><title>B</title><dc:item>x</dc:item></item>"
    );
    assert_eq!(split.item(2), "<item/>");
    assert_eq!(
        split.around,
        ["<rss version=\"2.0\" xmlns:dc=\"d\">", "<channel>"]
    );
    assert_eq!(split.vocabulary, Ns::Rss);
    assert_eq!(
        split.head_document(),
        "<rss version=\"2.0\" xmlns:dc=\"d\"><channel><title>T</title><ttl>60</ttl></channel></rss>"
    );
}

#[test]
fn a_cut_document_keeps_its_whole_items_and_gets_its_end_tags() {
    let doc = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>F</title>\
            <entry><title>One</title></entry><entry><title>Two</ti";
    let split = Split::scan(doc).unwrap();
    assert_eq!(split.items.len(), 1);
    assert_eq!(split.vocabulary, Ns::Atom);
    assert_eq!(
        split.head_document(),
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>F</title></feed>"
    );
}

#[test]
fn a_stray_less_than_sign_in_text_does_not_hide_the_items_after_it() {
    // An unescaped `<` and an apostrophe after it: no tag, and no quoted value either.
    let doc = "<rss><channel><item><description>if a<b then it's</description></item>\
            <item><title>two</title></item><item><title>it's three</title></item></channel></rss>";
    let split = Split::scan(doc).unwrap();
    assert_eq!(split.items.len(), 3);
    assert_eq!(split.item(1), "<item><title>two</title></item>");
}

#[test]
fn rss_items_after_the_channel_are_read_as_if_in_it() {
    let doc = "<rss version=\"0.91\"><channel><title>T</title></channel>\n\
            <item><title>A</title></item><item><title>B</title></item>\n</rss>";
    let split = Split::scan(doc).unwrap();
    assert_eq!(split.items.len(), 2);
    assert_eq!(split.item(1), "<item><title>B</title></item>");
    assert_eq!(split.around, ["<rss version=\"0.91\">"]);
    assert_eq!(
        split.head_document(),
        "<rss version=\"0.91\"><channel><title>T</title>\n</channel></rss>"
    );
}

#[test]
fn a_channel_root_and_prefixed_roots_are_split_too() {
    let doc = "<channel><title>C</title><item><title>A</title></item></channel>";
    assert_eq!(Split::scan(doc).unwrap().items.len(), 1);
    let doc = "<r:rss xmlns:r=\"urn:r\"><r:channel><r:item/><r:item/></r:channel></r:rss>";
    assert_eq!(Split::scan(doc).unwrap().items.len(), 2);
}

#[test]
fn what_cannot_be_split_is_left_to_be_read_whole() {
    for doc in [
        "<html><item/></html>",
        "<rss><channel><title>No items</title></channel></rss>",
        "{\"items\": []}",
        "",
    ] {
        assert!(Split::scan(doc).is_none(), "{doc:?}");
    }
}
