//! Tests of what Google Reader API servers send.

use super::*;

#[test]
fn item_ids_read_in_both_forms_and_are_sent_long() {
    assert_eq!(item_number("1796055924992004"), Some(1_796_055_924_992_004));
    assert_eq!(
        item_number("tag:google.com,2005:reader/item/00066180db67e804"),
        Some(0x0006_6180_db67_e804)
    );
    assert_eq!(item_number("-2"), Some(-2));
    assert_eq!(
        item_number("tag:google.com,2005:reader/item/fffffffffffffffe"),
        Some(-2)
    );
    assert_eq!(item_number("feed/1"), None);
    assert_eq!(
        long_id(0x0006_6180_db67_e804),
        "tag:google.com,2005:reader/item/00066180db67e804"
    );
    assert_eq!(item_number(&long_id(-2)), Some(-2));
    assert_eq!(item_number(&long_id(42)), Some(42));
}

#[test]
fn continuations_end_when_empty_or_zero() {
    let page: ItemIds = serde_json::from_str(r#"{"itemRefs":null,"continuation":0}"#).unwrap();
    assert!(page.item_refs.is_empty() && page.next().is_none());
    let page: ItemIds =
        serde_json::from_str(r#"{"itemRefs":[{"id":"5"}],"continuation":"40"}"#).unwrap();
    assert_eq!(page.next().as_deref(), Some("40"));
    let page: ItemIds =
        serde_json::from_str(r#"{"itemRefs":[{"id":5}],"continuation":40}"#).unwrap();
    assert_eq!(page.item_refs[0].id.text(), "5");
    assert_eq!(page.next().as_deref(), Some("40"));
}

#[test]
fn an_item_becomes_a_clean_article() {
    let json = r#"{
            "id": "tag:google.com,2005:reader/item/000000000000002a",
            "title": "Fish &amp; chips \u001b[31mred\u001b[0m",
            "published": 1793840400,
            "timestampUsec": "1796055924992004",
            "categories": ["user/-/state/com.google/reading-list", "user/3/state/com.google/read",
                           "user/-/label/Food", "user/3/label/News", "Cat0", "food"],
            "canonical": [{"href": "https://example.com/fish"}],
            "origin": {"streamId": "feed/7", "title": "Ignored"},
            "summary": {"content": "<p>Hot <b>and</b> salty</p><script>x</script>"}
        }"#;
    let item: Item = serde_json::from_str(json).unwrap();
    let feeds = HashMap::from([(
        "feed/7".to_string(),
        FeedInfo {
            url: "https://example.com/rss".into(),
            name: "Kitchen".into(),
            folders: vec!["news".into(), "Recipes".into()],
        },
    )]);
    let converted = convert(&item, "https://rss.example", &feeds).unwrap();
    let article = &converted.article;
    assert_eq!(converted.item, 42);
    assert_eq!(converted.stream, "feed/7");
    assert_eq!(converted.feed_url, "https://example.com/rss");
    assert_eq!(converted.crawl_usec, 1_796_055_924_992_004);
    assert_eq!(article.id, article_id("https://rss.example", 42));
    assert!(!article.title.contains('\u{1b}'), "{:?}", article.title);
    assert!(
        article.title.starts_with("Fish & chips"),
        "{:?}",
        article.title
    );
    assert_eq!(article.source, "Kitchen");
    assert_eq!(article.url.as_deref(), Some("https://example.com/fish"));
    let tags: Vec<&str> = article.tags.iter().map(Tag::as_str).collect();
    assert_eq!(
        tags,
        ["Food", "News", "Cat0", "Recipes"],
        "the feed's folders too, once"
    );
    assert_eq!(article.body.plain_text().trim(), "Hot and salty");
    assert_eq!(
        article.published.map(|p| p.timestamp()),
        Some(1_793_840_400)
    );
    // Of a feed the server no longer lists.
    let orphan = convert(&item, "https://rss.example", &HashMap::new()).unwrap();
    assert_eq!(orphan.feed_url, "https://rss.example#feed/7");
    assert_eq!(orphan.article.source, "Ignored");
    // Whose id, which names it here, is hostile.
    let json = json.replace("feed/7", "feed/7\\u001b[2J");
    let item: Item = serde_json::from_str(&json).unwrap();
    let orphan = convert(&item, "https://rss.example", &HashMap::new()).unwrap();
    assert!(!orphan.feed_url.contains('\u{1b}'), "{:?}", orphan.feed_url);
    assert_eq!(orphan.stream, "feed/7\u{1b}[2J");
}
