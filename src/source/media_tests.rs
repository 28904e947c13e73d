//! Tests of an item's lead picture.

use crate::model::{Block, Picture};
use crate::source::feed::{FeedSource, parse};

fn lead(document: &str) -> Vec<Option<Picture>> {
    let source = FeedSource {
        url: "https://news.example/feed",
        name: None,
        tags: &[],
        ..FeedSource::default()
    };
    parse(document.as_bytes(), source)
        .unwrap()
        .articles
        .into_iter()
        .map(|article| match article.body.blocks.first() {
            Some(Block::Image { picture, .. }) => picture.clone(),
            _ => None,
        })
        .collect()
}

fn rss(items: &str) -> String {
    format!(
        "<rss version='2.0' xmlns:media='http://search.yahoo.com/mrss/'><channel><title>T</title>{items}</channel></rss>"
    )
}

#[test]
fn media_content_and_thumbnails_make_one_lead_picture_with_sizes() {
    let pictures = lead(&rss(
        "<item><title>a</title><description>text</description>\
             <media:content url='https://img.example/big.jpg' type='image/jpeg' width='1200' height='800'>\
             <media:title>The caption</media:title></media:content>\
             <media:thumbnail url='https://img.example/small.jpg' width='150' height='100'/></item>\
             <item><title>b</title><description>text</description>\
             <enclosure url='https://img.example/photo.png' type='image/png' length='1000'/>\
             <enclosure url='https://audio.example/show.mp3' type='audio/mpeg' length='1000'/></item>\
             <item><title>c</title><description>text</description>\
             <media:content url='https://video.example/clip.mp4' type='video/mp4'/></item>",
    ));
    assert_eq!(
        pictures[0],
        Some(Picture {
            src: "https://img.example/big.jpg".into(),
            sizes: vec![
                ("https://img.example/small.jpg".into(), 150),
                ("https://img.example/big.jpg".into(), 1200),
            ],
            dimensions: Some((1200, 800)),
        })
    );
    assert_eq!(
        pictures[1].as_ref().map(|p| p.src.as_str()),
        Some("https://img.example/photo.png")
    );
    assert_eq!(pictures[2], None, "a video is no picture");
}

#[test]
fn a_picture_the_text_already_shows_is_not_shown_twice() {
    let document = rss("<item><title>a</title><link>https://news.example/a</link>\
             <description><![CDATA[<p>text</p><img src='https://img.example/big.jpg' alt='x'>]]></description>\
             <media:content url='https://img.example/big.jpg' type='image/jpeg'/></item>");
    let source = FeedSource {
        url: "https://news.example/feed",
        name: None,
        tags: &[],
        ..FeedSource::default()
    };
    let article = &parse(document.as_bytes(), source).unwrap().articles[0];
    assert_eq!(article.body.pictures().count(), 1);
    assert!(matches!(article.body.blocks[0], Block::Paragraph(_)));
}

#[test]
fn json_feed_images_and_atom_enclosures() {
    let json = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "J",
            "items": [{"id": "1", "content_text": "one", "image": "https://img.example/1.jpg"},
                      {"id": "2", "content_text": "two", "banner_image": "https://img.example/2.jpg"},
                      {"id": "3", "content_text": "three"}]}"#;
    let pictures: Vec<Option<String>> = lead(json).into_iter().map(|p| p.map(|p| p.src)).collect();
    assert_eq!(
        pictures,
        [
            Some("https://img.example/1.jpg".to_string()),
            Some("https://img.example/2.jpg".to_string()),
            None
        ]
    );
    let atom = "<feed xmlns='http://www.w3.org/2005/Atom'><title>A</title>\
                    <entry><title>e</title><id>e1</id><summary>s</summary>\
                    <link rel='enclosure' type='image/webp' href='https://img.example/e.webp'/>\
                    <link rel='enclosure' type='image/jpeg' href='javascript:alert(1)'/></entry></feed>";
    assert_eq!(
        lead(atom)[0].as_ref().map(|p| p.src.as_str()),
        Some("https://img.example/e.webp")
    );
}
