//! Sources turn bytes into `Article`s.

pub mod charset;
pub mod common;
pub mod discover;
pub mod entities;
pub mod feed;
pub mod full_text;
pub mod html;
mod img;
pub mod load;
pub mod markdown;
mod media;
pub mod opml;
pub mod text;
pub mod words;

use crate::model::Article;

/// Where a text came from, as far as the parsers need to know.
pub struct Origin<'a> {
    /// Identity used for the article id when the text names no URL: "sample:<file name>" or "file:<absolute path>".
    pub identity: &'a str,
    /// File name without extension, for the title of an empty or title-less file ("my-notes" -> "my notes").
    pub file_stem: &'a str,
    /// Source name shown when the text has no `Source:` (e.g. "Samples" or the parent folder's name).
    pub default_source: &'a str,
}

/// An article and the things worth telling the reader about its file (unknown date, empty file...).
pub struct Parsed {
    pub article: Article,
    pub warnings: Vec<String>,
}
