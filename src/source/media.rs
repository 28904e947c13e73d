//! An item's lead picture, from what a feed says beside the text: Media RSS content and
//! thumbnails (and iTunes images), image enclosures (RSS `<enclosure>`, Atom and JSON Feed
//! attachments) and JSON Feed's `image`. It goes first in the body, with the media's title as
//! its caption, unless the body already shows that picture. It is found when the feed is
//! read and kept with the item's text ([`Lead`]), and put in when the body is made.

use serde::{Deserialize, Serialize};

use crate::model::{Block, Body, Picture};
use crate::net;
use crate::sanitize::clean_line;

const EXTENSIONS: [&str; 5] = [".jpg", ".jpeg", ".png", ".gif", ".webp"];
/// Sizes kept of one lead picture, as for an `<img>`'s `srcset`.
const MAX_SIZES: usize = 8;

/// One picture the feed names for an item, with what it says of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub url: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// How much it is wanted: full-size media and image enclosures first, then a JSON
    /// Feed's `image`, then thumbnails.
    pub rank: Rank,
    /// Its type, when the feed says.
    pub kind: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    Full,
    Image,
    Thumbnail,
}

impl Candidate {
    pub fn new(url: &str, rank: Rank) -> Candidate {
        Candidate {
            url: url.to_string(),
            width: None,
            height: None,
            rank,
            kind: None,
        }
    }

    /// Whether it is a picture: by its type, or by its address when it has none. A
    /// thumbnail or an image named as one is, whatever its address.
    pub fn is_picture(&self) -> bool {
        self.rank != Rank::Full || is_image(&self.url, self.kind.as_deref())
    }
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

/// The item's lead picture, if the feed names one: the most wanted of `candidates` that is
/// a picture on the web, with every size the feed gave of it.
pub fn lead_picture(mut candidates: Vec<Candidate>, caption: String) -> Option<Lead> {
    candidates.retain_mut(|candidate| {
        candidate.url = clean_line(&candidate.url);
        net::is_web(&candidate.url) && candidate.is_picture()
    });
    candidates.sort_by_key(|candidate| candidate.rank);
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

#[cfg(test)]
mod tests {
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
    }
}
