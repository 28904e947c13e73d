//! Reader mode: the article of a web page. The page is hardened as feed HTML is (nesting
//! flattened), cleaned of what is never the article (menus, share and subscribe boxes,
//! related stories), handed to `dom_smoothie` (a port of Readability) to find the article,
//! cleaned again, and converted with the same `html::to_body` as every feed item.

mod clean;
mod page;
#[cfg(test)]
mod tests;
mod text;

use chrono::{DateTime, Utc};
use dom_smoothie::{Config, Readability};

use super::common::parse_date;
use super::html;
use crate::model::Body;
use crate::sanitize::clean_line;

pub use page::{MAX_PAGE_BYTES, read};
pub use text::plain_text;

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
    /// The article as plain text: paragraphs separated by blank lines, with no link numbers
    /// and no list of links.
    pub fn text(&self) -> String {
        plain_text(&html::to_body(&clean::without_links(&self.html), None))
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
pub fn extract(page: &str, url: Option<&str>, known: Known) -> Result<Page, String> {
    let page = html::flatten_deep_nesting(page);
    let document = dom_query::Document::from(page.as_ref());
    clean::before(&document);
    let config = Config {
        max_elements_to_parse: MAX_ELEMENTS,
        ..Config::default()
    };
    let url = url.filter(|url| is_web_address(url));
    let mut readability = Readability::with_document(document, url, Some(config))
        .map_err(|_| NO_ARTICLE.to_string())?;
    let found = readability.parse().map_err(|_| NO_ARTICLE.to_string())?;
    let title = Some(clean_line(&found.title)).filter(|t| !t.is_empty());
    let article = clean::after(&found.content, title.as_deref().unwrap_or(known.title));
    let body = html::to_body(&article, url);
    if !clean::is_article(&body, known) {
        return Err(NO_ARTICLE.to_string());
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

/// An absolute `http(s)://` address with something after the scheme, as `dom_smoothie`
/// requires of a page's address.
fn is_web_address(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    ["http://", "https://"]
        .iter()
        .any(|scheme| lower.starts_with(scheme) && url.trim_end().len() > scheme.len())
}

/// The name of a site as a person reads it in an address: `macworld.com` of
/// `https://www.macworld.com/article/1.html`.
pub fn site_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| clean_line(&host.to_ascii_lowercase()))
}
