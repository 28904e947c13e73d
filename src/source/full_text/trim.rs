//! Trimming the article found: the kicker, byline and date lines above its text, the
//! links, tags and "related" headings below it, and advertising labels within it. Works on
//! the article's blocks (paragraphs, headings, list items, figures) in order.

use dom_query::NodeRef;

use crate::model::words::word_count;
use crate::sanitize::fold_white_space;

/// Elements read as one block, whatever they hold.
const WHOLE: &[&str] = &["figure", "table", "blockquote", "pre", "picture"];
/// Elements that hold text as blocks of their own.
const BLOCK: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "dd",
    "dt",
    "div",
    "section",
    "article",
    "ul",
    "ol",
    "dl",
    "header",
    "main",
    "figcaption",
    "address",
];
/// Labels that stand alone in the text where an advertisement was.
const AD_LABELS: &[&str] = &[
    "advertisement",
    "advertising",
    "ad",
    "sponsored",
    "sponsored content",
    "anzeige",
    "werbung",
    "publicité",
    "publicidad",
    "pubblicità",
    "реклама",
    "広告",
    "广告",
    "story continues below advertisement",
    "article continues below advertisement",
    "article continues below",
    "continue reading below",
    "scroll to continue with content",
    "continue reading the main story",
    "skip advertisement",
];
/// Words that open a line pointing away from the article, at its end.
const TAIL_LABELS: &[&str] = &[
    "related",
    "read more",
    "more:",
    "see also",
    "tags:",
    "topics:",
    "filed under",
    "©",
    "copyright",
    "all rights reserved",
    "follow us",
    "sign up",
    "subscribe",
    "share this",
    "share on",
    "more from",
    "recommended",
    "most read",
    "most popular",
];
/// Blocks of an article's start that may be its header (kicker, byline, date).
const HEADER_BLOCKS: usize = 8;
/// Words of a paragraph that is the article's text, not its header.
const LONG_PARAGRAPH: usize = 30;
/// The share of an article's text that trimming its ends may take, at most.
const MAX_TRIMMED: f32 = 0.3;

/// Trims the blocks of the article under `root`.
pub(super) fn trim(root: &NodeRef) {
    let blocks = blocks(root);
    let total: usize = blocks.iter().map(|block| letters(&block.text())).sum();
    let mut trimmed = 0;
    for block in blocks.iter().rev() {
        let length = letters(&block.text());
        if (trimmed + length) as f32 > total as f32 * MAX_TRIMMED || !is_weak_end(block) {
            break;
        }
        trimmed += length;
        block.remove_from_parent();
    }
    // Above the first long paragraph, among the first few blocks: the article's header.
    for block in blocks.iter().take(HEADER_BLOCKS) {
        let text = folded(&block.text());
        if word_count(&text) >= LONG_PARAGRAPH {
            break;
        }
        if block.parent().is_some() && !is_picture(block) && is_weak_start(block) {
            block.remove_from_parent();
        }
    }
    for block in &blocks {
        if block.parent().is_some() && !is_picture(block) && is_aside_within(block) {
            block.remove_from_parent();
        }
    }
}

/// A block within the article that points away from it: an advertising label, a headline
/// linked to another story, a "Related: …" or "Read more: …" line.
fn is_aside_within(block: &NodeRef) -> bool {
    let text = folded(&block.text());
    if AD_LABELS.contains(&text.trim_end_matches(':')) {
        return true;
    }
    let words = word_count(&text);
    if words == 0 || words >= 25 {
        return false;
    }
    let linked = link_share(block, &text);
    let labelled = text.split_once(": ").is_some_and(|(label, _)| {
        (2..=40).contains(&label.chars().count()) && !label.contains(['.', '!', '?'])
    });
    // A list of links may be the article's own (sources, a reading list); a lone linked
    // headline between paragraphs is another story's.
    (linked >= 0.9 && !ends_a_sentence(&text) && !is_named(block, &["li", "dd", "dt"]))
        || (linked >= 0.5 && labelled)
}

/// The innermost blocks under `root`, in order; figures and tables count as one.
fn blocks<'a>(root: &NodeRef<'a>) -> Vec<NodeRef<'a>> {
    let mut found = Vec::new();
    let mut stack = vec![*root];
    while let Some(node) = stack.pop() {
        let children: Vec<NodeRef> = node
            .element_children()
            .into_iter()
            .filter(|child| is_named(child, WHOLE) || is_named(child, BLOCK))
            .collect();
        let whole = node.id != root.id && is_named(&node, WHOLE);
        if whole || (node.id != root.id && children.is_empty()) {
            found.push(node);
            continue;
        }
        stack.extend(children.into_iter().rev());
    }
    found
}

fn is_named(node: &NodeRef, names: &[&str]) -> bool {
    node.node_name()
        .is_some_and(|name| names.contains(&name.as_ref()))
}

fn is_picture(node: &NodeRef) -> bool {
    is_named(node, &["figure", "picture", "img"]) || !node.find_descendants("img").is_empty()
}

/// A block at the end that is not the article's text: a heading with nothing under it,
/// links, a short line that is no sentence, a label pointing elsewhere.
fn is_weak_end(block: &NodeRef) -> bool {
    let text = folded(&block.text());
    if text.is_empty() {
        return !is_picture(block);
    }
    let words = word_count(&text);
    (is_named(block, &["h1", "h2", "h3", "h4", "h5", "h6"]) && !ends_a_sentence(&text))
        || link_share(block, &text) >= 0.9
        || (link_share(block, &text) >= 0.5 && !ends_a_sentence(&text))
        || (words < 8 && !ends_a_sentence(&text))
        || (words < 25 && TAIL_LABELS.iter().any(|label| text.starts_with(label)))
}

/// A block of the article's header that is not its text: a kicker, a byline, a date.
fn is_weak_start(block: &NodeRef) -> bool {
    let text = folded(&block.text());
    if is_named(block, &["h1", "h2", "h3", "h4", "h5", "h6"]) {
        return false;
    }
    let words = word_count(&text);
    text.is_empty()
        || (words < 10 && !ends_a_sentence(&text))
        || (words < 15
            && ["by ", "von ", "par ", "por ", "di "]
                .iter()
                .any(|by| text.starts_with(by)))
}

fn ends_a_sentence(text: &str) -> bool {
    text.trim_end().ends_with([
        '.', '!', '?', '"', '”', '»', '“', ')', '…', '。', '！', '？', '」',
    ])
}

/// The share of a block's letters that are in links.
pub(super) fn link_share(block: &NodeRef, text: &str) -> f32 {
    let linked: usize = block
        .find_descendants("a")
        .iter()
        .map(|link| letters(&link.text()))
        .sum();
    linked as f32 / letters(text).max(1) as f32
}

fn letters(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// Text with white space folded and in lower case, to compare.
pub(super) fn folded(text: &str) -> String {
    fold_white_space(text).to_lowercase()
}
