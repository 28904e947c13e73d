//! Cleaning around `dom_smoothie`: what a page holds that is never the article is taken out
//! before the article is looked for, and what is left of it in the article after.

use dom_query::Document;

use crate::model::{Block, Body};

use super::Known;

/// Cleans the page before the article is looked for.
pub(super) fn before(_document: &Document) {}

/// Cleans the article found: `title` is the one the byline shows.
pub(super) fn after(article: &str, _title: &str) -> String {
    article.to_string()
}

/// The article's HTML with its links made plain text and its pictures without their
/// alternative text, for the plain text of the article.
pub(super) fn without_links(article: &str) -> String {
    let document = Document::from(article);
    for link in document.select("a[href]").nodes() {
        link.remove_attr("href");
    }
    for image in document.select("img[alt]").nodes() {
        image.remove_attr("alt");
    }
    document.html().to_string()
}

/// Whether what was found reads as an article.
pub(super) fn is_article(body: &Body, _known: Known) -> bool {
    body.blocks
        .iter()
        .any(|block| !matches!(block, Block::Links(_)))
}
