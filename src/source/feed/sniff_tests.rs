//! Tests of what kind of feed a document is.

use super::*;

#[test]
fn feeds_are_told_by_what_they_are() {
    let xml = [
        &b"<?xml version=\"1.0\"?><rss version=\"2.0\">"[..],
        b"\xEF\xBB\xBF<rss>",
        b"\n\n  <?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">",
        b"<!-- generated --><?xml version=\"1.0\"?><rdf:RDF>",
        b"<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"b\">]><rss>",
        b"<?xml-stylesheet href=\"s.xsl\"?><rss>",
    ];
    for doc in xml {
        assert_eq!(
            sniff(doc),
            Some(Format::Xml),
            "{}",
            String::from_utf8_lossy(doc)
        );
    }
    let json = [
        &br#"{"version": "https://jsonfeed.org/version/1.1", "items": []}"#[..],
        br#"{"title": "t", "items": [{"id": 1}], "version": "https://jsonfeed.org/version/1"}"#,
        br#" {"title": "no version", "items": []}"#,
        b"\xEF\xBB\xBF{\"items\": []}",
    ];
    for doc in json {
        assert_eq!(
            sniff(doc),
            Some(Format::Json),
            "{}",
            String::from_utf8_lossy(doc)
        );
    }
    let neither = [
        &b"<html><body>page</body></html>"[..],
        b"Title\n\nA text article about <rss> feeds.",
        br#"{"name": "a package.json"}"#,
        b"",
        b"   ",
        b"<!-- never closed",
    ];
    for doc in neither {
        assert_eq!(sniff(doc), None, "{}", String::from_utf8_lossy(doc));
    }
}
