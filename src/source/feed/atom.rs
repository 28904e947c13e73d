//! Atom entries, 1.0 and 0.3: text constructs of every `type` (`text`, `html`, `xhtml`, a
//! MIME type, an empty or unknown one, read as text) and 0.3's `mode` (`escaped`, `base64`,
//! `xml`); links by their `rel`; `published`, `updated` and 0.3's `issued`, `modified`,
//! `created`; authors by name. Atom elements borrowed by RSS items are read here too.

use base64::Engine;

use super::entry::{Entry, Kind, Text};
use super::fields::{CORE, Draft};
use super::identity::Link;
use super::tree::{Element, Ns};

/// An Atom entry; `bases` are the `xml:base`s of the elements around it, outermost first.
pub fn entry(entry: &Element, bases: &[String]) -> Entry {
    let mut draft = Draft::default();
    let mut entry_bases = bases.to_vec();
    entry_bases.extend(entry.base().map(str::to_string));
    let mut body_bases = entry_bases.clone();
    let (mut published, mut updated) = (None, None);
    for element in entry.elements() {
        let mut within = entry_bases.clone();
        within.extend(element.base().map(str::to_string));
        match (element.ns, element.name.as_str()) {
            (Some(Ns::Atom), "id") => {
                draft.identity.guid = Some(element.leading_text().unwrap_or_default());
                draft.guid = Some((element.text().trim().to_string(), false));
            }
            (Some(Ns::Atom), "title") => {
                draft.identity.title = Some(legacy_text(element));
                draft.title(CORE, construct(element));
            }
            (Some(Ns::Atom), "content") => {
                if element.base().is_some() {
                    body_bases = within.clone();
                }
                draft.content(CORE, construct(element));
            }
            (Some(Ns::Atom), "published" | "issued" | "created" | "pubDate") => {
                if matches!(element.name.as_str(), "published" | "pubDate") {
                    published = Some(element.leading_text().unwrap_or_default());
                }
                draft.published(CORE, &element.text());
            }
            (Some(Ns::Atom), "updated" | "modified") => {
                if element.name == "updated" {
                    updated = Some(element.leading_text().unwrap_or_default());
                }
                draft.updated(CORE, &element.text());
            }
            (Some(Ns::Atom), _) => borrowed(&mut draft, element, &within),
            (Some(Ns::Wfw), "commentRss" | "commentRSS") => {
                if let Some(text) = element.leading_text() {
                    draft
                        .identity
                        .links
                        .push(Link::new(&text, &within, true, false));
                }
            }
            _ => {
                draft.extension(element, &entry_bases);
            }
        }
    }
    let parse = |text: Option<String>| text.and_then(|t| super::identity::legacy_date(&t));
    draft.identity.date = parse(published).or(parse(updated));
    draft.body_bases = body_bases;
    draft.finish()
}

/// An Atom element in an entry, or in an RSS item that borrows it: links, summary, authors,
/// categories.
pub fn borrowed(draft: &mut Draft, element: &Element, within: &[String]) {
    match element.name.as_str() {
        "link" => link(draft, element, within),
        "summary" => draft.summary(CORE, construct(element)),
        "content" => draft.content(CORE, construct(element)),
        "title" => draft.title(CORE + 1, construct(element)),
        "author" => {
            let part = |name: &str| {
                element
                    .elements()
                    .find(|e| e.name == name)
                    .map(|e| e.text())
                    .filter(|t| !t.trim().is_empty())
            };
            if let Some(name) = part("name").or_else(|| part("email")) {
                draft.author(CORE, Text::new(name, Kind::Plain));
            } else if !element.has_elements() {
                draft.author(CORE, Text::new(element.text(), Kind::Plain));
            }
        }
        "category" => {
            let name = element
                .attr("label")
                .filter(|label| !label.trim().is_empty())
                .or(element.attr("term"));
            if let Some(name) = name {
                draft.category(Text::new(name.to_string(), Kind::Plain));
            }
        }
        "published" | "issued" => draft.published(CORE + 1, &element.text()),
        "updated" | "modified" => draft.updated(CORE + 1, &element.text()),
        _ => {}
    }
}

/// `<link rel href type>`: the item's address, an enclosure, or neither.
fn link(draft: &mut Draft, element: &Element, within: &[String]) {
    // Atom 0.3 feeds wrote the address as the link's text now and then.
    let text = element.text();
    let Some(href) = element
        .attr("href")
        .or(Some(text.trim()))
        .filter(|h| !h.is_empty())
    else {
        return;
    };
    let rel = element.attr("rel").unwrap_or("alternate").trim();
    // The old reader named items by links with an `href` only.
    if let Some(written) = element.attr("href") {
        let preferred = element.attr("rel").is_none_or(|rel| rel == "alternate");
        draft
            .identity
            .links
            .push(Link::new(written, within, preferred, false));
    }
    match rel.to_ascii_lowercase().as_str() {
        "alternate" => {
            // Of several, a web page is the one to open.
            let page = element
                .attr("type")
                .is_none_or(|kind| kind.contains("html"));
            draft.link(if page { CORE } else { CORE + 1 }, href, within.to_vec());
        }
        "enclosure" => draft.enclosure(href, element),
        _ => {}
    }
}

/// An Atom text construct as text or HTML. Markup inside the element is HTML whatever the
/// `type` says; a `type` or `mode` no one knows reads as text; base64 is decoded.
pub fn construct(element: &Element) -> Text {
    let kind = element.attr("type").map(|t| t.trim().to_ascii_lowercase());
    let mode = element.attr("mode").map(|m| m.trim().to_ascii_lowercase());
    let kind = kind.as_deref().unwrap_or_default();
    let markup = matches!(kind, "xhtml" | "application/xhtml+xml")
        || kind.ends_with("+xml")
        || kind.ends_with("/xml");
    let html = matches!(kind, "html" | "text/html");
    // A type that is neither text nor markup is a file, written in base64; so is anything
    // Atom 0.3 says is. Decoded, it is read as HTML when it looks like HTML.
    let file = !kind.is_empty() && !kind.starts_with("text") && !markup && !html;
    if (mode.as_deref() == Some("base64") || (file && mode.is_none()))
        && let Some(decoded) = decode_base64(&element.text())
    {
        let kind = if html { Kind::Html } else { Kind::Either };
        return Text::new(decoded, kind);
    }
    let text = element.text();
    if element.has_elements() {
        // TypePad wrote escaped HTML inside a `div`: the text is the HTML.
        if html && text.contains('<') {
            return Text::new(text, Kind::Html);
        }
        return Text::new(element.inner_markup(), Kind::Html);
    }
    // Atom 0.3 escaped its markup; without a type, it is HTML that was escaped.
    let escaped = kind.is_empty() && mode.as_deref() == Some("escaped");
    let kind = if html || markup || escaped {
        Kind::Html
    } else {
        Kind::Plain
    };
    Text::new(text, kind)
}

/// Base64 text, white space and all, as UTF-8 (bytes that are not become U+FFFD); `None`
/// when it is not base64.
fn decode_base64(text: &str) -> Option<String> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let engine = base64::engine::general_purpose::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );
    engine
        .decode(compact.as_bytes())
        .ok()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
}

/// A title as the old reader read it: XHTML as markup, else the text up to the first tag,
/// or the markup when the title starts with a tag.
fn legacy_text(element: &Element) -> String {
    let xhtml = element.attr("type").is_some_and(|kind| kind == "xhtml");
    match element.leading_text() {
        Some(text) if !xhtml => text,
        _ => element.inner_markup(),
    }
}
