//! `tidings read URL|FILE`: reader mode for the terminal, a web page's article printed as
//! `show` prints one, or as JSON.

use anyhow::anyhow;
use serde::Serialize;

use super::context::Context;
use super::output::{about, default_width, emit, print_json};
use crate::model::Block;
use crate::model::wrap::wrap_article;
use crate::source::full_text::{self, Known, Page};

pub fn read(
    context: &Context,
    address: &str,
    width: Option<u16>,
    json: bool,
) -> anyhow::Result<()> {
    let settings = context.config.fetch.settings();
    let page = full_text::read(&settings, address, Known::default())
        .map_err(|error| anyhow!(about(address, &error.to_string())))?;
    if json {
        return print_json(&PageJson::of(&page));
    }
    let article = page.into_article(address);
    let mut byline = vec![article.source.clone()];
    byline.extend(article.author.clone());
    if let Some(date) = article.published {
        byline.push(date.format("%-d %B %Y").to_string());
    }
    let width = width.map_or_else(default_width, usize::from);
    let lines = wrap_article(&article, &byline.join(" · "), width).lines;
    emit(lines.into_iter().map(|line| line.text))
}

/// What `read --json` prints.
#[derive(Serialize)]
struct PageJson<'a> {
    title: Option<&'a str>,
    byline: Option<&'a str>,
    site: Option<&'a str>,
    published: Option<String>,
    url: Option<&'a str>,
    text: String,
    links: Vec<&'a str>,
}

impl<'a> PageJson<'a> {
    fn of(page: &'a Page) -> Self {
        let links = page
            .body
            .blocks
            .iter()
            .filter_map(|block| match block {
                Block::Links(urls) => Some(urls.iter().map(String::as_str)),
                _ => None,
            })
            .flatten()
            .collect();
        Self {
            title: page.title.as_deref(),
            byline: page.byline.as_deref(),
            site: page.site.as_deref(),
            published: page.published.map(|date| date.to_rfc3339()),
            url: page.url.as_deref(),
            text: page.text(),
            links,
        }
    }
}
