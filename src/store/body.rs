//! How the feed cache keeps an article's body: what the feed gave for it (its HTML, made into
//! a body when the article is opened) or, for an article stored whole, its body; as JSON,
//! deflated. Rows stored before schema version 4 keep the whole article as JSON text in
//! `snapshot`, and are read as they are.

use std::cell::RefCell;
use std::io::Read;

use flate2::read::DeflateDecoder;
use flate2::{Compress, Compression, FlushCompress, Status};
use serde::{Deserialize, Serialize};

use crate::isolate::{Part, isolated};
use crate::model::{Article, Body};
use crate::source::feed::ItemBody;
use crate::source::words::{IndexText, Markup, index_text};

/// What is stored for a body.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stored<'a> {
    /// What the feed gave: made into a body when read.
    Item(std::borrow::Cow<'a, ItemBody>),
    /// A body already made.
    Made(std::borrow::Cow<'a, Body>),
}

/// The fastest deflate level: a feed's HTML still shrinks to about half, and ingest is not
/// held up by it.
const LEVEL: u32 = 1;

/// The JSON of a body as stored, before it is deflated (hashed to tell a changed article).
pub fn json(stored: &Stored<'_>) -> Vec<u8> {
    // Only maps with string keys and plain data: serialising cannot fail.
    serde_json::to_vec(stored).unwrap_or_default()
}

thread_local! {
    /// One compressor per thread, reset for each body: making one costs more than a body.
    static DEFLATE: RefCell<Compress> = RefCell::new(Compress::new(Compression::new(LEVEL), false));
}

/// The stored form of that JSON.
pub fn pack(json: &[u8]) -> Vec<u8> {
    DEFLATE.with_borrow_mut(|deflate| {
        deflate.reset();
        // Room for the worst case, text that does not shrink, so one call does it all.
        let mut packed = Vec::with_capacity(json.len() + json.len() / 1000 + 64);
        loop {
            let read = usize::try_from(deflate.total_in()).unwrap_or(json.len());
            match deflate.compress_vec(&json[read..], &mut packed, FlushCompress::Finish) {
                Ok(Status::StreamEnd) | Err(_) => return packed,
                Ok(Status::Ok | Status::BufError) => packed.reserve(packed.capacity().max(64)),
            }
        }
    })
}

/// The body of a stored row: `packed` when the row has one, else its whole-article snapshot.
pub fn unpack(packed: Option<&[u8]>, snapshot: &str) -> Result<Body, String> {
    match packed {
        None => serde_json::from_str::<Article>(snapshot)
            .map(|article| article.body)
            .map_err(|error| error.to_string()),
        Some(packed) => match inflate(packed)? {
            // Made from the feed's HTML now: a panic in that is this article's error.
            Stored::Item(item) => {
                isolated(Part::Feed, item.base.as_deref().unwrap_or_default(), || {
                    item.to_body()
                })
                .map_err(|panicked| panicked.to_string())
            }
            Stored::Made(body) => Ok(body.into_owned()),
        },
    }
}

/// The words of a stored row's body for the search index, as [`unpack`] finds it.
pub fn words(packed: Option<&[u8]>, snapshot: &str) -> Result<IndexText, String> {
    match packed {
        None => Ok(index_text(
            &unpack(None, snapshot)?.plain_text(),
            Markup::Plain,
        )),
        Some(packed) => match inflate(packed)? {
            Stored::Item(item) => Ok(index_text(&item.text, Markup::Html)),
            Stored::Made(body) => Ok(index_text(&body.plain_text(), Markup::Plain)),
        },
    }
}

fn inflate(packed: &[u8]) -> Result<Stored<'static>, String> {
    let mut json = Vec::with_capacity(packed.len() * 3);
    DeflateDecoder::new(packed)
        .read_to_end(&mut json)
        .map_err(|error| format!("the stored body does not inflate ({error})"))?;
    serde_json::from_slice(&json).map_err(|error| error.to_string())
}

#[cfg(test)]
#[path = "body_tests.rs"]
mod tests;
