//! The feed parser (RSS, Atom, JSON Feed, read by our own readers): no panic on any bytes; the error is one
//! terminal-safe line; the feed title and every string of every article are terminal-safe.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tidings::source::feed::{FeedSource, parse};
use tidings_fuzz::{assert_article, assert_line};

fuzz_target!(|data: &[u8]| {
    let tags = ["fuzz\u{1b}[1m".to_string(), "Tag\u{202E}two".to_string()];
    let source = FeedSource {
        url: "https://fuzz.example\u{1b}]0;x\u{7}/feed.xml",
        name: None,
        tags: &tags,
        ..FeedSource::default()
    };
    match parse(data, source) {
        Ok(feed) => {
            if let Some(title) = &feed.title {
                assert_line("feed title", title);
            }
            for article in &feed.articles {
                assert_article(article);
            }
        }
        Err(error) => assert_line("error", &error),
    }
});
