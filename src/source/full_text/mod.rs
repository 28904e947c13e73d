//! Reader mode: the article of a web page. The page is hardened as feed HTML is (nesting
//! flattened), cleaned of what is never the article (menus, share and subscribe boxes,
//! related stories), handed to `dom_smoothie` (a port of Readability) to find the article,
//! cleaned again, and converted with the same `html::to_body` as every feed item.

mod clean;
mod lead;
mod lede;
mod linked_data;
mod overlap;
mod page;
#[cfg(test)]
mod tests;
mod text;
mod trim;

use chrono::{DateTime, Utc};
use dom_smoothie::{Config, Readability};

use super::common::parse_date;
use super::html;
use crate::isolate::{Part, isolated};
use crate::model::{Article, ArticleId, Block, Body, Span};
use crate::net;
use crate::sanitize::{clean_line, clean_text};
use linked_data::LinkedData;
use text::paragraph_text;

pub use page::{MAX_PAGE_BYTES, ReadError, check_is_page, read};

/// The words of a page where no article was found.
pub const NO_ARTICLE: &str = "no article found on the page";

/// Pages with more elements than this are not read (a page of news has a few thousand).
const MAX_ELEMENTS: usize = 300_000;

/// The article of a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub title: Option<String>,
    pub byline: Option<String>,
    /// The site's name, as the page gives it.
    pub site: Option<String>,
    pub published: Option<DateTime<Utc>>,
    /// The page's address, when it came from one.
    pub url: Option<String>,
    pub body: Body,
    /// The article's HTML as it was converted, for [`Page::text`].
    html: String,
}

impl Page {
    /// The page as an article: titled by the page (else `address`), from its site.
    pub fn into_article(self, address: &str) -> Article {
        let url = self.url.clone();
        let site = self
            .site
            .clone()
            .or_else(|| url.as_deref().and_then(net::site))
            .unwrap_or_else(|| clean_line(address));
        Article {
            id: ArticleId::from_identity(&format!("url:{}", url.as_deref().unwrap_or(address))),
            title: self.title.clone().unwrap_or_else(|| clean_line(address)),
            author: self.byline.clone().filter(|byline| *byline != site),
            source: site,
            published: self.published,
            url,
            tags: Vec::new(),
            body: self.body,
        }
    }

    /// The article as plain text: paragraphs separated by blank lines, with no link numbers
    /// and no list of links.
    pub fn text(&self) -> String {
        paragraph_text(&html::to_body(&clean::without_links(&self.html), None))
    }
}

/// What is known of the article before its page is read (a feed item's title and summary),
/// to check that the block found is the article.
#[derive(Debug, Clone, Copy, Default)]
pub struct Known<'a> {
    pub title: &'a str,
    pub summary: &'a str,
}

/// Finds the article of a page. `url` is the page's address, which resolves its relative
/// links and images. Fails, with [`NO_ARTICLE`], when the page holds no article worth
/// showing (a list of links, a page of menus).
///
/// A page that trips a fault of ours or of the libraries below (a panic) is one page that
/// cannot be read, "internal error in the page reader", not the end of a background run or
/// of the reader; it prints nothing.
pub fn extract(page: &str, url: Option<&str>, known: Known) -> Result<Page, String> {
    isolated(Part::Page, url.unwrap_or_default(), || {
        find_article(page, url, known)
    })
    .unwrap_or_else(|panicked| Err(panicked.to_string()))
}

/// [`extract`] without the isolation, for callers that isolate more than it.
fn find_article(page: &str, url: Option<&str>, known: Known) -> Result<Page, String> {
    let page = html::flatten_deep_nesting(page);
    let document = dom_query::Document::from(page.as_ref());
    let linked_data = linked_data::read(&document);
    clean::before(&document);
    let original = document.clone();
    let config = Config {
        max_elements_to_parse: MAX_ELEMENTS,
        // Classes are read by the cleaning after; `to_body` reads none.
        keep_classes: true,
        ..Config::default()
    };
    let url = url.filter(|url| is_web_address(url));
    let mut readability = Readability::with_document(document, url, Some(config))
        .map_err(|_| NO_ARTICLE.to_string())?;
    let found = readability.parse().map_err(|_| NO_ARTICLE.to_string())?;
    let title = Some(clean_line(&found.title)).filter(|t| !t.is_empty());
    let titles = [title.as_deref().unwrap_or_default(), known.title];
    let clean::Cleaned {
        html: article,
        linked,
    } = clean::after(&found.content, &titles);
    let (article, mut body, linked) = match fallback(&linked_data, &article, url) {
        Some((article, body)) => (article, body, 0.0),
        None => {
            let mut body = html::to_body(&article, url);
            // The feed's summary may be a teaser of the lede; the page's own, the lede.
            let text = paragraph_text(&body);
            let summaries = [Some(known.summary), linked_data.description.as_deref()];
            let lede = summaries
                .into_iter()
                .flatten()
                .filter(|summary| !summary.trim().is_empty())
                .find_map(|summary| lede::find(&original, summary, &text));
            match lede {
                Some(lede) => {
                    let lede = clean_text(&lede);
                    body.blocks
                        .insert(0, Block::Paragraph(vec![Span::plain(lede.clone())]));
                    (format!("<p>{}</p>{article}", escape(&lede)), body, linked)
                }
                None => (article, body, linked),
            }
        }
    };
    let lead = lead::find(&original, url, &body);
    drop(original);
    if !clean::is_article(&body, linked, known) {
        return Err(NO_ARTICLE.to_string());
    }
    // Shown first, but not part of the text (`Page::text`): a picture, not the article's words.
    if let Some(lead) = lead {
        body.blocks.insert(0, lead);
    }
    let line = |text: Option<String>| text.map(|t| clean_line(&t)).filter(|t| !t.is_empty());
    Ok(Page {
        title,
        byline: line(found.byline),
        site: line(found.site_name),
        published: found.published_time.as_deref().and_then(parse_date),
        url: url.map(clean_line),
        body,
        html: article,
    })
}

/// Words of JSON-LD text under which it is not trusted to be the whole article.
const LINKED_BODY_WORDS: usize = 80;
/// Below this share of the JSON-LD text found in the block, the block is not the article.
const LINKED_BODY_COVERAGE: f32 = 0.4;

/// The page's JSON-LD text of the article, as HTML and as a body, when the block found
/// holds little of it (the page shows its text only to those who run its scripts, or pay).
fn fallback(linked: &LinkedData, article: &str, url: Option<&str>) -> Option<(String, Body)> {
    let text = linked.body.as_deref()?;
    let body = if text.contains('<') {
        html::to_body(text, url)
    } else {
        html::to_body(&text.replace('\n', "\n\n"), None)
    };
    let reference = paragraph_text(&body);
    if overlap::words(&reference).len() < LINKED_BODY_WORDS {
        return None;
    }
    let found = paragraph_text(&html::to_body(article, None));
    if overlap::coverage(&reference, &found) >= LINKED_BODY_COVERAGE {
        return None;
    }
    let html = if text.contains('<') {
        text.to_string()
    } else {
        text.split('\n')
            .filter(|line| !line.trim().is_empty())
            .map(|line| format!("<p>{}</p>", escape(line)))
            .collect()
    };
    Some((html, body))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// An absolute `http(s)://` address with something after the scheme, as `dom_smoothie`
/// requires of a page's address.
fn is_web_address(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    ["http://", "https://"]
        .iter()
        .any(|scheme| lower.starts_with(scheme) && url.trim_end().len() > scheme.len())
}
