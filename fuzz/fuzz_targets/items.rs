//! The item splitter and the RSS, Atom and RDF readers, given the input as the items of a
//! feed in each vocabulary's envelope (so that the root is always a feed's and the bytes
//! reach the splitter and the readers rather than the sniffer): no panic; every string
//! terminal-safe; reading the same document run by run on one thread and on several gives
//! the same items, and parsing it whole gives them too, with the same ids.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tidings::source::feed::{FeedSource, Item, parse, read_items};
use tidings_fuzz::{assert_article, assert_line};

const ENVELOPES: [(&str, &str); 4] = [
    ("<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><title>F</title>", "</channel></rss>"),
    ("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://base.example/a/\"><title>F</title>", "</feed>"),
    ("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\"><channel><title>F</title></channel>", "</rdf:RDF>"),
    ("<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\">", "</feed>"),
];

fuzz_target!(|data: &[u8]| {
    let items = String::from_utf8_lossy(data);
    for (open, close) in ENVELOPES {
        let doc = format!("{open}{items}{close}");
        let source = FeedSource {
            location: Some("https://fuzz.example/x/feed.xml"),
            content_location: Some("../y/"),
            ..FeedSource::new("https://fuzz.example/feed")
        };
        let read = |threads: usize| {
            let mut items: Vec<Item> = Vec::new();
            let head = read_items(doc.as_bytes(), source, threads, |run| run, |run| items.extend(run));
            (head, items)
        };
        let (one_head, one) = read(1);
        let (many_head, many) = read(4);
        assert_eq!(one_head, many_head, "the head depends on the threads");
        assert_eq!(one, many, "the items depend on the threads");
        match parse(doc.as_bytes(), source) {
            Ok(feed) => {
                if let Some(title) = &feed.title {
                    assert_line("feed title", title);
                }
                let ids: Vec<_> = one.iter().map(|item| &item.article.id).collect();
                let parsed: Vec<_> = feed.articles.iter().map(|a| &a.id).collect();
                assert_eq!(ids, parsed, "parse and read_items give other ids");
                for article in &feed.articles {
                    assert_article(article);
                }
            }
            Err(error) => assert_line("error", &error),
        }
    }
});
