//! The page's lead picture, when the block found leaves it out: news pages often show it in
//! a header above the article's text, beside the title and the lede. It is the picture the
//! page names for itself (`og:image`, `twitter:image`) and also shows; a picture it only
//! names (a card for social sites, often with words on it) is not taken, nor one shown
//! only further down (a picture of the article's that the block found left out).

use dom_query::{Document, NodeRef};
use url::Url;

use super::super::{html, img};
use super::overlap::words;
use super::text::paragraph_text;
use crate::model::{Block, Body};
use crate::net;

/// How many levels above the picture its `<figure>` may be.
const FIGURE_LEVELS: usize = 3;
/// The first words of the article's text that find it on the page.
const OPENING_WORDS: usize = 8;

/// The lead picture, with its caption, when the page names one, shows it, and `body` does
/// not show it already.
pub(super) fn find(page: &Document, url: Option<&str>, body: &Body) -> Option<Block> {
    let named = page
        .select(
            r#"meta[property="og:image"], meta[property="og:image:url"], meta[name="twitter:image"]"#,
        )
        .nodes()
        .iter()
        .find_map(|meta| meta.attr("content").filter(|c| !c.trim().is_empty()))?;
    let name = file_name(&named)?;
    let shown_already = body
        .pictures()
        .flat_map(|picture| picture.addresses())
        .any(|address| file_name(address).as_deref() == Some(name.as_str()));
    if shown_already {
        return None;
    }
    let base = url.and_then(net::web_base);
    let image = page
        .select("img")
        .nodes()
        .iter()
        .find(|image| shows(image, &name, base.as_ref()))
        .copied()
        .filter(|image| is_above_text(page, image, body))?;
    let figure = image
        .ancestors_it(Some(FIGURE_LEVELS))
        .find(|node| node.has_name("figure"))
        .unwrap_or(image);
    html::to_body(&figure.html(), url)
        .blocks
        .into_iter()
        .find(|block| {
            matches!(
                block,
                Block::Image {
                    picture: Some(_),
                    ..
                }
            )
        })
}

/// Whether `image` comes before the first paragraph of the article's text on the page.
fn is_above_text(page: &Document, image: &NodeRef, body: &Body) -> bool {
    let text = paragraph_text(body);
    let Some(opening) = text
        .split("\n\n")
        .map(words)
        .find(|words| words.len() >= OPENING_WORDS)
    else {
        return false;
    };
    let opening = &opening[..OPENING_WORDS];
    let mut seen = false;
    for node in page.select("img, p").nodes() {
        if node.id == image.id {
            seen = true;
        } else if node.has_name("p") && words(&node.text()).starts_with(opening) {
            return seen;
        }
    }
    false
}

/// Whether `image` is the picture whose file is called `name`, at any of its sizes.
fn shows(image: &NodeRef, name: &str, base: Option<&Url>) -> bool {
    let attr = |attribute: &str| image.attr(attribute).map(|value| value.to_string());
    img::picture(attr, |href| net::link(href, base)).is_some_and(|picture| {
        picture
            .addresses()
            .any(|address| file_name(address).as_deref() == Some(name))
    })
}

/// The last part of an address's path, without its query: the same picture at another size
/// or through another host keeps it. `None` when it is too short to tell pictures apart.
fn file_name(address: &str) -> Option<String> {
    let path = address.split(['?', '#']).next()?.trim_end_matches('/');
    let name = path.rsplit('/').next()?.to_ascii_lowercase();
    (name.len() >= 8 && !path.ends_with(':')).then_some(name)
}
