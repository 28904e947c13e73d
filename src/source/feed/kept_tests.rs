use chrono::TimeZone;

use super::*;
use crate::source::feed::{FeedSource, parse};

const URL: &str = "http://127.0.0.1:8765/feeds/rss2.xml";

fn fixture() -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/feeds/rss2.xml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("the fixture")
}

#[test]
fn an_item_kept_elsewhere_has_the_id_the_feed_gives_it_here() {
    let read = parse(&fixture(), FeedSource::new(URL)).expect("a feed");
    let date = |d, h, m| Some(Utc.with_ymd_and_hms(2026, 10, d, h, m, 0).unwrap());
    // As newsboat keeps them: the guid, else the link (with the date after it), else the title.
    let kept = [
        (
            "gazette-ferry-1",
            "https://example.com/ferry",
            "Night ferry returns",
            date(14, 8, 0),
        ),
        (
            "https://example.com/clock",
            "https://example.com/clock",
            "Market hall clock ticks again",
            date(13, 9, 30),
        ),
        ("", "", "Harbour notes", date(12, 7, 0)),
    ];
    for ((guid, link, title, published), article) in kept.into_iter().zip(&read.articles) {
        let item = kept_item(&Kept {
            feed_url: URL,
            guid: Some(guid),
            link: Some(link),
            title,
            published,
            content: "<p>kept</p>",
            source: "Harbour Gazette",
            ..Kept::default()
        });
        assert_eq!(item.article.id, article.id, "{title}");
        assert_eq!(item.article.url, article.url, "{title}");
    }
}

#[test]
fn a_kept_item_reads_as_text_with_its_enclosure() {
    let tags = ["News".to_string()];
    let item = kept_item(&Kept {
        feed_url: URL,
        guid: Some("a"),
        title: "A \u{1b}[31mred\u{1b}[0m title",
        content: "<p>Hello <b>there</b></p>",
        enclosure: Some(("https://example.com/a.mp3", Some("audio/mpeg"))),
        source: "Harbour",
        tags: &tags,
        ..Kept::default()
    });
    assert_eq!(item.article.title, "A [31mred[0m title");
    assert_eq!(item.article.tags[0].as_str(), "News");
    assert_eq!(
        item.body.enclosures,
        [(
            "https://example.com/a.mp3".to_string(),
            "Enclosure: audio/mpeg".to_string()
        )]
    );
    assert!(
        item.into_article()
            .body
            .plain_text()
            .contains("Hello there")
    );
}
