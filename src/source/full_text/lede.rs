//! The article's lede (the standfirst under its title) when the page shows it just above
//! the article's text but outside the block `dom_smoothie` found: news pages often keep
//! the title, the lede and the lead picture in a header beside the text.

use dom_query::{Document, NodeRef};

use super::overlap::{coverage, words};
use super::trim::folded;
use crate::sanitize::fold_white_space;

/// Summaries shorter than this are labels, not ledes.
const MIN_WORDS: usize = 8;
/// Elements with more elements than this inside are containers, not a lede.
const MAX_INSIDE: usize = 6;
/// How far above the lede the article's text may begin for both to be one article's.
const MAX_LEVELS: usize = 6;

/// The text of the lede, when `summary` (the page's description) is shown on the page just
/// before the article's first paragraph and is not in `article_text` already.
pub(super) fn find(page: &Document, summary: &str, article_text: &str) -> Option<String> {
    if words(summary).len() < MIN_WORDS || coverage(summary, article_text) >= 0.5 {
        return None;
    }
    let first = article_text
        .split("\n\n")
        .find(|paragraph| words(paragraph).len() >= MIN_WORDS)?;
    let first = folded(first);
    let summary_folded = folded(summary);
    let mut lede: Option<NodeRef> = None;
    for node in page
        .select("p, h2, h3, div, span, header, strong, b")
        .nodes()
    {
        let inside = node
            .descendants_it()
            .filter(NodeRef::is_element)
            .take(MAX_INSIDE + 1)
            .count();
        if inside > MAX_INSIDE {
            continue;
        }
        let text = folded(&node.text());
        if text == first {
            let lede = lede.filter(|lede| is_near(lede, node))?;
            return Some(fold_white_space(&lede.text()));
        }
        let is_summary = text.len() <= summary_folded.len() * 3 / 2
            && text.len() * 2 >= summary_folded.len()
            && coverage(summary, &text) >= 0.8;
        if is_summary && !is_hidden(node) {
            lede = Some(*node);
        }
    }
    None
}

/// Whether `first` (the article's first paragraph) lies within a few levels of `lede`.
fn is_near(lede: &NodeRef, first: &NodeRef) -> bool {
    let above: Vec<_> = lede.ancestors_it(Some(MAX_LEVELS)).map(|n| n.id).collect();
    first
        .ancestors_it(Some(MAX_LEVELS * 2))
        .any(|ancestor| above.contains(&ancestor.id))
}

/// Hidden by its own or an ancestor's style or `hidden` attribute.
fn is_hidden(node: &NodeRef) -> bool {
    std::iter::once(*node)
        .chain(node.ancestors_it(None))
        .any(|n| {
            n.has_attr("hidden")
                || n.attr("style").is_some_and(|style| {
                    let style = style.to_ascii_lowercase().replace(' ', "");
                    style.contains("display:none") || style.contains("visibility:hidden")
                })
        })
}
