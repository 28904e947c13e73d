//! RSS items, every version (0.90 to 2.0.1 and none, RDF's 1.0, CDF before them), in
//! whatever namespace or with whatever prefix: the title, the link (else the `rdf:about` of
//! an RDF item or the `HREF` of a CDF one, else a guid that is a permalink), the guid, the
//! description (escaped HTML, or markup written straight into it), the full text
//! (`content:encoded`, `xhtml:body`, `body`, `fullitem`), authors (`author`
//! as `email (Name)`), categories, dates and enclosures, and Atom elements an RSS feed borrows.

use super::atom;
use super::entry::{Entry, Kind, Text};
use super::fields::{CORE, Draft};
use super::identity::Link;
use super::tree::{Element, Ns};

/// An RSS item; `bases` are the `xml:base`s of the elements around it, outermost first.
pub fn entry(item: &Element, bases: &[String]) -> Entry {
    let mut draft = Draft::default();
    let mut item_bases = bases.to_vec();
    item_bases.extend(item.base().map(str::to_string));
    let within = |element: &Element| {
        let mut around = item_bases.clone();
        around.extend(element.base().map(str::to_string));
        around
    };
    for element in item.elements() {
        if element.ns != Some(Ns::Rss) {
            match (element.ns, element.name.as_str()) {
                (Some(Ns::Atom), _) => atom::borrowed(&mut draft, element, &within(element)),
                (Some(Ns::Wfw), "commentRss" | "commentRSS") => {
                    legacy_link(&mut draft, element, &within(element), false);
                }
                _ => {
                    draft.extension(element, &item_bases);
                }
            }
            continue;
        }
        let text = || element.text();
        match element.name.as_str() {
            "title" => {
                draft.identity.title = element.leading_text();
                draft.title(CORE, Text::new(text(), Kind::Either));
            }
            "link" => {
                legacy_link(&mut draft, element, &within(element), false);
                let text = text();
                let href = if text.trim().is_empty() {
                    element.attr("href").unwrap_or_default().to_string()
                } else {
                    text
                };
                draft.link(CORE, href.trim(), within(element));
            }
            "comments" => legacy_link(&mut draft, element, &within(element), true),
            "guid" => {
                draft.identity.guid = Some(element.leading_text().unwrap_or_default());
                let permalink = element
                    .attr("isPermaLink")
                    .is_none_or(|value| !value.trim().eq_ignore_ascii_case("false"));
                draft.guid = Some((text().trim().to_string(), permalink));
            }
            "description" | "abstract" => draft.summary(CORE, Text::html_in(element)),
            "fullitem" | "body" => draft.content(CORE, Text::html_in(element)),
            "author" => draft.author(CORE, Text::new(text(), Kind::Either)),
            // `tags` is no element of RSS's, but feeds write one, its tags split by commas.
            "category" | "tags" => draft.category(Text::new(text(), Kind::Either)),
            "pubDate" | "date" => {
                draft.published(CORE, &text());
            }
            "updated" | "lastBuildDate" => draft.updated(CORE, &text()),
            "enclosure" => {
                if let Some(url) = element.attr("url") {
                    draft.enclosure(url, element);
                }
            }
            _ => {}
        }
    }
    // An RDF item's `rdf:about`, a CDF item's `HREF`.
    if !draft.has_link()
        && let Some(about) = item.attr("about").or(item.attr("href"))
    {
        draft.link(CORE + 1, about, item_bases.clone());
    }
    if let Some(modified) = item.attr("lastmod") {
        draft.updated(CORE + 1, modified);
    }
    draft.body_bases = item_bases;
    draft.identity.date = legacy_date(item);
    draft.finish()
}

/// A link as the old reader took it: any text at all made one, even blank.
fn legacy_link(draft: &mut Draft, element: &Element, bases: &[String], comments: bool) {
    if let Some(text) = element.leading_text() {
        draft
            .identity
            .links
            .push(Link::new(&text, bases, true, comments));
    }
}

/// The date as the old reader read it: the last `pubDate` or `dc:date` written (even one it
/// could not read), else the last `updated`.
fn legacy_date(item: &Element) -> Option<chrono::DateTime<chrono::Utc>> {
    let mut published = None;
    let mut updated = None;
    for element in item.elements() {
        let text = || element.leading_text().unwrap_or_default();
        match (element.ns, element.name.as_str()) {
            (Some(Ns::Rss), "pubDate") | (Some(Ns::Dc), "date") => {
                published = super::identity::legacy_date(&text());
            }
            (Some(Ns::Rss | Ns::Atom), "updated") => {
                updated = super::identity::legacy_date(&text())
            }
            _ => {}
        }
    }
    published.or(updated)
}
