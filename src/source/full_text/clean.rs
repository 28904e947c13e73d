//! Cleaning around `dom_smoothie`: what a page holds that is never the article (menus,
//! share and subscribe boxes, "related stories", comments) is taken out before the article
//! is looked for, and what is left of it in the article after; lazy pictures get their
//! address where `to_body` looks for it.

use dom_query::{Document, NodeRef};

use crate::model::Body;
use crate::model::words::word_count;

use super::Known;
use super::text::paragraph_text;
use super::trim::{self, folded};

/// Elements that are never part of an article, whatever they hold.
const NEVER: &str = "nav, aside, footer, dialog, [role=navigation], [role=contentinfo], \
                     [role=complementary], [role=search], [aria-modal=true], [hidden]";

/// Words of a class or id that mark a box around the article rather than the article.
const BOILERPLATE: &[&str] = &[
    "share",
    "sharing",
    "sharebar",
    "social",
    "socials",
    "subscribe",
    "subscription",
    "newsletter",
    "signup",
    "login",
    "signin",
    "modal",
    "related",
    "recommended",
    "recommendations",
    "recirculation",
    "promo",
    "promotion",
    "advert",
    "advertisement",
    "advertising",
    "ad",
    "ads",
    "adslot",
    "sponsored",
    "outbrain",
    "taboola",
    "comments",
    "comment",
    "breadcrumb",
    "breadcrumbs",
    "popular",
    "trending",
    "most-read",
    "mostread",
    "read-more",
    "readmore",
    "more-stories",
    "paywall",
    "cookie",
    "cookies",
    "consent",
    "banner",
    "toolbar",
    "tags",
    "taglist",
    "author-bio",
    "bio",
    "byline",
    "dateline",
    "print",
    "follow",
    "donate",
    "donation",
];

/// An article has at least this many words: a page of a few words is shown as it is
/// (the feed's text, when known, sets a higher bar).
const MIN_WORDS: usize = 1;

/// Text over this many characters is an article's, whatever its class says.
const LONG_TEXT: usize = 1_500;

/// Cleans the page before the article is looked for.
pub(super) fn before(document: &Document) {
    document.select(NEVER).remove();
    remove_boilerplate(document, None);
    promote_lazy_images(document);
}

/// The article found, cleaned.
pub(super) struct Cleaned {
    pub html: String,
    /// The share of its letters that are link text.
    pub linked: f32,
}

/// Cleans the article found: `titles` are the page's and the feed's titles of it, which the
/// byline shows already.
pub(super) fn after(article: &str, titles: &[&str]) -> Cleaned {
    let document = Document::from(article);
    let root = document
        .select("#readability-page-1")
        .nodes()
        .first()
        .copied();
    remove_boilerplate(&document, root.as_ref());
    remove_title(&document, titles);
    remove_repeats(&document);
    if let Some(root) = &root {
        trim::trim(root);
    }
    document
        .select("[class], [id]")
        .nodes()
        .iter()
        .for_each(|node| {
            node.remove_attrs(&["class", "id"]);
        });
    let body = document.select("body");
    let linked = body
        .nodes()
        .first()
        .map_or(0.0, |body| trim::link_share(body, &body.text()));
    Cleaned {
        html: body.inner_html().to_string(),
        linked,
    }
}

/// Removes boxes whose class or id says they are not the article, unless they hold a long
/// text with few links (an article whose class happens to say "share"), or are `keep`.
fn remove_boilerplate(document: &Document, keep: Option<&NodeRef>) {
    for node in document.select("[class], [id]").nodes() {
        if keep.is_some_and(|keep| keep.id == node.id) || !is_boilerplate_name(node) {
            continue;
        }
        if node.parent().is_none() || node.has_name("body") || node.has_name("html") {
            continue;
        }
        let text = node.text();
        let length = text.split_whitespace().map(str::len).sum::<usize>();
        if length > LONG_TEXT && link_density(node, length) < 0.5 {
            continue;
        }
        node.remove_from_parent();
    }
}

fn is_boilerplate_name(node: &NodeRef) -> bool {
    let mut names = String::new();
    for attribute in ["class", "id"] {
        if let Some(value) = node.attr(attribute) {
            names.push_str(&value.to_ascii_lowercase());
            names.push(' ');
        }
    }
    names
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .flat_map(|token| std::iter::once(token).chain(token.split('-')))
        .any(|word| BOILERPLATE.contains(&word))
}

/// The share of an element's text that is link text.
fn link_density(node: &NodeRef, length: usize) -> f32 {
    let linked: usize = node
        .find_descendants("a")
        .iter()
        .map(|link| link.text().split_whitespace().map(str::len).sum::<usize>())
        .sum();
    linked as f32 / length.max(1) as f32
}

/// Removes the first heading of the article when it repeats a title.
fn remove_title(document: &Document, titles: &[&str]) {
    let titles: Vec<String> = titles.iter().map(|title| folded(title)).collect();
    if let Some(heading) = document.select("h1, h2, h3").nodes().first()
        && titles.contains(&folded(&heading.text()))
    {
        heading.remove_from_parent();
    }
}

/// Removes what repeats a picture's caption (the caption given again as a paragraph or
/// an item, or a second caption the same), whatever the punctuation at its end, and a
/// picture shown twice.
fn remove_repeats(document: &Document) {
    let key = |text: &str| {
        folded(text)
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .to_string()
    };
    let mut captions = std::collections::HashSet::new();
    for caption in document.select("figcaption").nodes() {
        let text = key(&caption.text());
        if word_count(&text) >= 4 && !captions.insert(text) {
            caption.remove_from_parent();
        }
    }
    let mut said = std::collections::HashSet::new();
    for node in document.select("p, li, div").nodes() {
        let inside_figure = node.ancestors_it(None).any(|a| a.has_name("figure"));
        if inside_figure || !node.find_descendants("p").is_empty() {
            continue;
        }
        let text = key(&node.text());
        if captions.contains(&text) {
            node.remove_from_parent();
        } else {
            said.insert(text);
        }
    }
    // The same picture twice (a lead picture repeated in the text) is shown once.
    let mut pictures = std::collections::HashSet::new();
    for image in document.select("img[src]").nodes() {
        let address = image.attr("src").unwrap_or_default().to_string();
        if looks_like_address(&address) && !pictures.insert(address) {
            // Found first and removed after: the walk up borrows the tree.
            let figure = image.ancestors_it(None).find(|a| a.has_name("figure"));
            figure.unwrap_or(*image).remove_from_parent();
        }
    }
    // A picture's alternative text that the page shows as text too is not said twice.
    for image in document.select("figure img[alt]").nodes() {
        if said.contains(&key(&image.attr("alt").unwrap_or_default())) {
            image.remove_attr("alt");
        }
    }
}

/// Pictures that load when scrolled to keep their address in `data-src`, `data-srcset`,
/// `data-original` or `data-lazy-src`: it is put in `src` (and `srcset`), where it is read.
fn promote_lazy_images(document: &Document) {
    for image in document.select("img, source").nodes() {
        for lazy in ["data-src", "data-lazy-src", "data-original", "data-url"] {
            if let Some(address) = image.attr(lazy)
                && looks_like_address(&address)
            {
                image.set_attr("src", address.trim());
                break;
            }
        }
        for lazy in ["data-srcset", "data-lazy-srcset"] {
            if let Some(set) = image.attr(lazy)
                && !set.trim().is_empty()
            {
                image.set_attr("srcset", set.trim());
                break;
            }
        }
        let has_src = image
            .attr("src")
            .is_some_and(|src| looks_like_address(&src));
        if !has_src
            && image.has_name("img")
            && let Some(widest) = image.attr("srcset").and_then(|set| widest(&set))
        {
            image.set_attr("src", &widest);
        }
    }
}

/// The address of the widest picture of a `srcset` (`a.jpg 640w, b.jpg 1280w`), else its
/// first.
fn widest(srcset: &str) -> Option<String> {
    srcset
        .split(',')
        .filter_map(|candidate| {
            let mut parts = candidate.split_whitespace();
            let address = parts.next().filter(|a| looks_like_address(a))?;
            let width = parts
                .next()
                .and_then(|d| d.strip_suffix('w'))
                .and_then(|w| w.parse::<u32>().ok())
                .unwrap_or(0);
            Some((width, address.to_string()))
        })
        .enumerate()
        .max_by_key(|(position, (width, _))| (*width, std::cmp::Reverse(*position)))
        .map(|(_, (_, address))| address)
}

fn looks_like_address(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty() && !text.starts_with("data:") && !text.contains(char::is_whitespace)
}

/// The article's HTML with its links made plain text and its pictures left out, their
/// captions kept as text of their own (not the `[image: …]` a picture in a list is shown
/// by), for the plain text of the article.
pub(super) fn without_links(article: &str) -> String {
    let document = Document::from(article);
    for link in document.select("a[href]").nodes() {
        link.remove_attr("href");
    }
    document.select("img, picture").remove();
    document.select("figure, figcaption").rename("div");
    document.select("body").inner_html().to_string()
}

/// Whether what was found reads as an article: some words, most of them not links (a
/// page of links is none), and not much less than the feed's own text of it.
pub(super) fn is_article(body: &Body, linked: f32, known: Known) -> bool {
    let words = word_count(&paragraph_text(body));
    words >= MIN_WORDS && linked < 0.5 && words * 2 >= word_count(known.summary)
}
