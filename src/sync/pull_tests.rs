//! Tests of taking the server's side.

use super::*;

#[test]
fn a_feed_without_an_address_is_named_by_a_clean_id() {
    let subscription: Subscription =
        serde_json::from_str(r#"{"id": "feed/7\u001b]0;pwned\u0007", "title": "", "url": ""}"#)
            .unwrap();
    let feed = server_feed("https://rss.example", &subscription);
    assert!(!feed.url.contains(['\u{1b}', '\u{7}']), "{:?}", feed.url);
    assert!(feed.url.starts_with("https://rss.example#feed/7"));
    // The server's own id is kept for asking it.
    assert_eq!(feed.stream, subscription.id);
}
