//! An item's lead picture, from what a feed says beside the text: Media RSS content and
//! thumbnails (and iTunes images), image enclosures (RSS `<enclosure>`, Atom and JSON Feed
//! attachments) and JSON Feed's `image`. It goes first in the body, with the media's title as
//! its caption, unless the body already shows that picture. It is found when the feed is
//! read and kept with the item's text ([`Lead`]), and put in when the body is made.

use feed_rs::model::Entry;
use serde::{Deserialize, Serialize};

use crate::model::{Block, Body, Picture};
use crate::sanitize::clean_line;

const EXTENSIONS: [&str; 5] = [".jpg", ".jpeg", ".png", ".gif", ".webp"];
/// Sizes kept of one lead picture, as for an `<img>`'s `srcset`.
const MAX_SIZES: usize = 8;

/// One picture the feed names for an item, with what it says of it.
struct Candidate {
    url: String,
    width: Option<u32>,
    height: Option<u32>,
}

/// An item's lead picture, and every address the feed gave for it: when the body shows one
/// of them already, the picture is not shown twice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lead {
    caption: String,
    picture: Picture,
    addresses: Vec<String>,
}

impl Lead {
    /// Puts the picture first in `body`, unless the body shows it already.
    pub fn add_to(&self, body: &mut Body) {
        let shown = body
            .pictures()
            .flat_map(Picture::addresses)
            .any(|address| self.addresses.iter().any(|known| *known == address));
        if shown {
            return;
        }
        body.blocks.insert(
            0,
            Block::Image {
                label: "image".into(),
                caption: self.caption.clone(),
                picture: Some(self.picture.clone()),
            },
        );
    }
}

/// The item's lead picture, if the feed names one; `json_image` is its JSON Feed `image`.
pub fn lead_picture(entry: &Entry, json_image: Option<&str>) -> Option<Lead> {
    let mut caption = String::new();
    // Most wanted first: full-size media, enclosures, the JSON Feed image, thumbnails.
    let mut candidates: Vec<Candidate> = Vec::new();
    for media in &entry.media {
        for content in &media.content {
            let Some(url) = &content.url else {
                continue;
            };
            let typed = content.content_type.as_ref().map(|t| t.to_string());
            if is_image(url.as_str(), typed.as_deref()) {
                if caption.is_empty() {
                    caption = media
                        .title
                        .as_ref()
                        .map(|t| clean_line(&t.content))
                        .unwrap_or_default();
                }
                candidates.push(Candidate {
                    url: url.to_string(),
                    width: content.width,
                    height: content.height,
                });
            }
        }
    }
    for link in &entry.links {
        let enclosure = link.rel.as_deref().is_none_or(|rel| rel == "enclosure");
        if enclosure
            && link
                .media_type
                .as_deref()
                .is_some_and(|t| t.starts_with("image/"))
        {
            candidates.push(Candidate {
                url: link.href.clone(),
                width: None,
                height: None,
            });
        }
    }
    if let Some(image) = json_image {
        candidates.push(Candidate {
            url: image.to_string(),
            width: None,
            height: None,
        });
    }
    for thumbnail in entry.media.iter().flat_map(|m| &m.thumbnails) {
        candidates.push(Candidate {
            url: thumbnail.image.uri.clone(),
            width: thumbnail.image.width,
            height: thumbnail.image.height,
        });
    }
    candidates.retain_mut(|candidate| {
        candidate.url = clean_line(&candidate.url);
        let lower = candidate
            .url
            .get(..8)
            .unwrap_or(&candidate.url)
            .to_ascii_lowercase();
        lower.starts_with("http://") || lower.starts_with("https://")
    });
    let first = candidates.first()?;
    let dimensions = first
        .width
        .zip(first.height)
        .filter(|&(w, h)| w > 0 && h > 0);
    let mut sizes: Vec<(String, u32)> = Vec::new();
    for candidate in &candidates {
        if let Some(width) = candidate.width.filter(|&w| w > 0)
            && !sizes
                .iter()
                .any(|(url, known)| *known == width || *url == candidate.url)
        {
            sizes.push((candidate.url.clone(), width));
        }
    }
    sizes.sort_by_key(|(_, width)| *width);
    sizes.truncate(MAX_SIZES);
    let picture = Picture {
        src: first.url.clone(),
        sizes,
        dimensions,
    };
    Some(Lead {
        caption,
        picture,
        addresses: candidates.into_iter().map(|c| c.url).collect(),
    })
}

/// Whether a media file is a picture: by its type, or by its address when it has none.
fn is_image(url: &str, content_type: Option<&str>) -> bool {
    match content_type {
        Some(kind) => kind.starts_with("image/"),
        None => {
            let path = url
                .split(['?', '#'])
                .next()
                .unwrap_or(url)
                .to_ascii_lowercase();
            EXTENSIONS.iter().any(|ext| path.ends_with(ext))
        }
    }
}

#[derive(Deserialize)]
struct JsonFeed {
    #[serde(default)]
    items: Vec<JsonItem>,
}

#[derive(Deserialize)]
struct JsonItem {
    image: Option<String>,
    banner_image: Option<String>,
}

/// The `image` (else `banner_image`) of each item of a JSON Feed, in order, which feed-rs
/// does not read; empty for any other document.
pub fn json_feed_images(bytes: &[u8]) -> Vec<Option<String>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Vec::new();
    }
    serde_json::from_slice::<JsonFeed>(bytes).map_or_else(
        |_| Vec::new(),
        |feed| {
            feed.items
                .into_iter()
                .map(|item| item.image.or(item.banner_image))
                .collect()
        },
    )
}

#[cfg(test)]
mod tests {
    use crate::model::{Block, Picture};
    use crate::source::feed::{FeedSource, parse};

    fn lead(document: &str) -> Vec<Option<Picture>> {
        let source = FeedSource {
            url: "https://news.example/feed",
            name: None,
            tags: &[],
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
        let pictures: Vec<Option<String>> =
            lead(json).into_iter().map(|p| p.map(|p| p.src)).collect();
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
        assert!(super::json_feed_images(b"<rss/>").is_empty());
        assert!(super::json_feed_images(b"{ not json").is_empty());
    }
}
