//! OPML: subscriptions in and out. Outlines nested in outlines become tags, as in newsboat
//! and most readers, and an import keeps the folders each feed sat in; export nests each feed
//! in those folders again (else under its first tag), with its other tags in its `category`
//! attribute, so that an import of an export gives the same subscriptions, and other readers
//! see the same folders.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::model::Subscription;
use crate::sanitize::clean_line;

/// A feed of an OPML document and the folders it sits in, outermost first (its tags begin
/// with them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outlined {
    pub feed: Subscription,
    pub folders: Vec<String>,
}

/// Reads the feeds of an OPML document. The error names where the document went wrong.
pub fn parse(text: &str) -> Result<Vec<Subscription>, String> {
    Ok(parse_outlined(text)?
        .into_iter()
        .map(|outlined| outlined.feed)
        .collect())
}

/// Reads the feeds of an OPML document with the folders each sits in.
pub fn parse_outlined(text: &str) -> Result<Vec<Outlined>, String> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(true);
    let mut feeds = Vec::new();
    // The open outlines: `Some(tag)` for a folder, `None` for a feed outline.
    let mut folders: Vec<Option<String>> = Vec::new();
    let mut seen_opml = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("not valid OPML at byte {}: {e}", reader.buffer_position()))?;
        match event {
            Event::Start(element) | Event::Empty(element)
                if element.local_name().into_inner() == "opml" =>
            {
                seen_opml = true;
            }
            Event::Start(element) if element.local_name().into_inner() == "outline" => {
                let outline = outline(&element)?;
                folders.push(outline.as_ref().map_or_else(|| None, |o| o.folder.clone()));
                if let Some(feed) = outline.and_then(|o| o.feed) {
                    feeds.push(with_folders(feed, &folders));
                }
            }
            Event::Empty(element) if element.local_name().into_inner() == "outline" => {
                if let Some(feed) = outline(&element)?.and_then(|o| o.feed) {
                    feeds.push(with_folders(feed, &folders));
                }
            }
            Event::End(element) if element.local_name().into_inner() == "outline" => {
                folders.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !seen_opml {
        return Err("not an OPML document: it has no <opml> element".to_string());
    }
    Ok(feeds)
}

struct Outline {
    /// The folder name, for an outline with no feed address.
    folder: Option<String>,
    feed: Option<Subscription>,
}

fn outline(element: &BytesStart) -> Result<Option<Outline>, String> {
    let mut url = None;
    let mut text = None;
    let mut title = None;
    let mut categories = Vec::new();
    for attribute in element.attributes() {
        let attribute = attribute.map_err(|e| format!("not valid OPML: {e}"))?;
        let value = attribute
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| format!("not valid OPML: {e}"))?;
        let value = clean_line(&value);
        match attribute.key.local_name().into_inner() {
            "xmlUrl" | "xmlurl" => url = Some(value),
            "text" => text = Some(value),
            "title" => title = Some(value),
            "category" => categories.extend(
                value
                    .split(',')
                    .map(|c| c.trim().trim_start_matches('/').to_string())
                    .filter(|c| !c.is_empty()),
            ),
            _ => {}
        }
    }
    let name = text.or(title).filter(|n| !n.is_empty());
    // Readers write the address as the text of a feed with no name.
    let name = name.filter(|n| Some(n) != url.as_ref());
    Ok(Some(match url.filter(|u| !u.is_empty()) {
        Some(url) => Outline {
            folder: None,
            feed: Some(Subscription {
                full_text: false,
                url,
                name,
                tags: categories,
                every: None,
            }),
        },
        None => Outline {
            folder: name,
            feed: None,
        },
    }))
}

/// Puts the folders a feed sits in before its own categories, without repeats.
fn with_folders(mut feed: Subscription, folders: &[Option<String>]) -> Outlined {
    let folders: Vec<String> = folders.iter().flatten().cloned().collect();
    let mut tags = folders.clone();
    for tag in feed.tags {
        if !tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
            tags.push(tag);
        }
    }
    feed.tags = tags;
    Outlined { feed, folders }
}

/// A feed to export.
pub struct Export<'a> {
    pub feed: &'a Subscription,
    /// The name to show other readers: the reader's own name for the feed, else the feed's
    /// title from its last refresh; `None` for a feed never named nor fetched (its address is
    /// written).
    pub name: Option<String>,
    /// The folders an import found the feed in, outermost first; empty when none are known.
    pub folders: &'a [String],
}

impl Export<'_> {
    /// The folders the feed is written in, and the tags left for its `category`: the folders
    /// an import found it in, while its tags still begin with them; else its first tag.
    fn placed(&self) -> (&[String], &[String]) {
        let tags = &self.feed.tags;
        let depth = self.folders.len();
        let in_folders = depth > 0
            && depth <= tags.len()
            && self
                .folders
                .iter()
                .zip(tags)
                .all(|(folder, tag)| folder.eq_ignore_ascii_case(tag));
        if in_folders {
            tags.split_at(depth)
        } else {
            tags.split_at(tags.len().min(1))
        }
    }
}

/// A folder of the exported outline: its feeds (with the tags left for their category), then
/// its folders, each in the order first met.
#[derive(Default)]
struct Folder<'a> {
    name: &'a str,
    feeds: Vec<(&'a Export<'a>, &'a [String])>,
    folders: Vec<Folder<'a>>,
}

impl<'a> Folder<'a> {
    fn add(&mut self, path: &'a [String], feed: &'a Export<'a>, categories: &'a [String]) {
        let Some((first, rest)) = path.split_first() else {
            self.feeds.push((feed, categories));
            return;
        };
        // Tags compare without regard to case: "News" and "news" are one folder.
        let index = match self
            .folders
            .iter()
            .position(|f| f.name.eq_ignore_ascii_case(first))
        {
            Some(index) => index,
            None => {
                self.folders.push(Folder {
                    name: first,
                    ..Folder::default()
                });
                self.folders.len() - 1
            }
        };
        self.folders[index].add(rest, feed, categories);
    }

    fn write(&self, depth: usize, out: &mut String) {
        let indent = "  ".repeat(depth + 2);
        for (export, categories) in &self.feeds {
            let feed = export.feed;
            let name = export.name.as_deref().unwrap_or(&feed.url);
            out.push_str(&format!(
                "{indent}<outline type=\"rss\" text=\"{0}\" title=\"{0}\" xmlUrl=\"{1}\"",
                escape(name),
                escape(&feed.url)
            ));
            if !categories.is_empty() {
                let categories: Vec<String> = categories.iter().map(|t| format!("/{t}")).collect();
                out.push_str(&format!(" category=\"{}\"", escape(&categories.join(","))));
            }
            out.push_str("/>\n");
        }
        for folder in &self.folders {
            out.push_str(&format!(
                "{indent}<outline text=\"{0}\" title=\"{0}\">\n",
                escape(folder.name)
            ));
            folder.write(depth + 1, out);
            out.push_str(&format!("{indent}</outline>\n"));
        }
    }
}

fn escape(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

/// Writes subscriptions as an OPML 2.0 document: feeds in no folder first, then the folders,
/// nested as an import found them.
pub fn write(feeds: &[Export], created: &str) -> String {
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n");
    out.push_str(&format!(
        "  <head>\n    <title>tidings subscriptions</title>\n    <dateCreated>{}</dateCreated>\n  </head>\n  <body>\n",
        escape(created)
    ));
    let mut root = Folder::default();
    for export in feeds {
        let (path, categories) = export.placed();
        root.add(path, export, categories);
    }
    root.write(0, &mut out);
    out.push_str("  </body>\n</opml>\n");
    out
}

#[cfg(test)]
#[path = "opml_tests.rs"]
mod tests;
