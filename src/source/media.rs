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
#[path = "media_tests.rs"]
mod tests;
