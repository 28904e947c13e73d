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
mod tests {
    use super::*;

    fn sub(url: &str, name: Option<&str>, tags: &[&str]) -> Subscription {
        Subscription {
            full_text: false,
            url: url.into(),
            name: name.map(Into::into),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            every: None,
        }
    }

    #[test]
    fn nested_outlines_become_tags() {
        let opml = r#"<?xml version="1.0"?>
<opml version="1.0"><head><title>mine</title></head><body>
  <outline text="No folder" xmlUrl="https://a.example/feed"/>
  <outline text="News">
    <outline title="World" text="World &amp; more">
      <outline type="rss" text="Gazette" xmlUrl="https://b.example/rss" category="/Local,/news"/>
    </outline>
    <outline type="rss" title="Ledger" xmlUrl="https://c.example/atom"></outline>
  </outline>
  <outline text="Empty folder"/>
</body></opml>"#;
        assert_eq!(
            parse(opml).unwrap(),
            [
                sub("https://a.example/feed", Some("No folder"), &[]),
                sub(
                    "https://b.example/rss",
                    Some("Gazette"),
                    &["News", "World & more", "Local"]
                ),
                sub("https://c.example/atom", Some("Ledger"), &["News"]),
            ]
        );
    }

    #[test]
    fn export_then_import_gives_the_same_subscriptions() {
        let subscriptions = vec![
            sub("https://a.example/feed?x=1&y=2", None, &[]),
            sub(
                "https://b.example/rss",
                Some("Gazette \"daily\" <news>"),
                &["News", "Local", "Harbour"],
            ),
            sub("https://c.example/atom", Some("Ledger"), &["Open Source"]),
            sub("https://d.example/json", Some("Sats"), &["News"]),
        ];
        let exports: Vec<Export> = subscriptions
            .iter()
            .map(|feed| Export {
                feed,
                name: feed.name.clone(),
                folders: &[],
            })
            .collect();
        let written = write(&exports, "Tue, 24 Nov 2026 12:00:00 +0000");
        assert!(
            written
                .starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">")
        );
        let mut read = parse(&written).unwrap();
        read.sort_by(|a, b| a.url.cmp(&b.url));
        assert_eq!(
            read, subscriptions,
            "a feed without a name has none after the trip"
        );
    }

    #[test]
    fn nested_folders_are_written_nested_and_read_back_the_same() {
        let opml = r#"<opml version="2.0"><body>
  <outline text="News">
    <outline text="Europe">
      <outline text="Gazette" xmlUrl="https://b.example/rss" category="/Harbour"/>
      <outline text="Deep">
        <outline xmlUrl="https://e.example/deep"/>
      </outline>
    </outline>
    <outline text="Ledger" xmlUrl="https://c.example/atom"/>
  </outline>
  <outline text="news">
    <outline text="europe"><outline text="Sats" xmlUrl="https://d.example/json"/></outline>
  </outline>
</body></opml>"#;
        let read = parse_outlined(opml).unwrap();
        assert_eq!(read[0].folders, ["News", "Europe"]);
        assert_eq!(read[0].feed.tags, ["News", "Europe", "Harbour"]);
        assert_eq!(read[1].folders, ["News", "Europe", "Deep"]);
        assert_eq!(read[2].folders, ["News"]);
        assert_eq!(read[3].folders, ["news", "europe"]);
        let exports: Vec<Export> = read
            .iter()
            .map(|o| Export {
                feed: &o.feed,
                name: o.feed.name.clone(),
                folders: &o.folders,
            })
            .collect();
        let written = write(&exports, "now");
        assert!(
            written.contains(
                "    <outline text=\"News\" title=\"News\">\n\
                 \x20     <outline type=\"rss\" text=\"Ledger\" title=\"Ledger\" \
                 xmlUrl=\"https://c.example/atom\"/>\n\
                 \x20     <outline text=\"Europe\" title=\"Europe\">\n\
                 \x20       <outline type=\"rss\" text=\"Gazette\" title=\"Gazette\" \
                 xmlUrl=\"https://b.example/rss\" category=\"/Harbour\"/>\n\
                 \x20       <outline type=\"rss\" text=\"Sats\" title=\"Sats\" \
                 xmlUrl=\"https://d.example/json\"/>\n\
                 \x20       <outline text=\"Deep\" title=\"Deep\">\n"
            ),
            "{written}"
        );
        assert!(!written.contains("category=\"/Europe"), "{written}");
        assert_eq!(parse_outlined(&written).unwrap().len(), 4);
        let again: Vec<Subscription> = parse(&written).unwrap();
        let mut expected: Vec<Subscription> = read.into_iter().map(|o| o.feed).collect();
        // Written in the first spelling of each folder.
        expected[3].tags = vec!["News".into(), "Europe".into()];
        let by_url = |feeds: &mut Vec<Subscription>| feeds.sort_by(|a, b| a.url.cmp(&b.url));
        let mut again = again;
        by_url(&mut again);
        by_url(&mut expected);
        assert_eq!(again, expected);
    }

    #[test]
    fn a_feed_is_written_under_its_first_tag_when_its_folders_are_not_known() {
        let tagged = sub("https://a.example/rss", None, &["Rust", "Programming"]);
        // Folders that its tags no longer begin with are not used.
        let stale = ["Old".to_string()];
        let exports = [Export {
            feed: &tagged,
            name: Some("Rust Blog".into()),
            folders: &stale,
        }];
        let written = write(&exports, "now");
        assert!(
            written.contains(
                "    <outline text=\"Rust\" title=\"Rust\">\n      <outline type=\"rss\" \
                 text=\"Rust Blog\" title=\"Rust Blog\" xmlUrl=\"https://a.example/rss\" \
                 category=\"/Programming\"/>\n    </outline>\n"
            ),
            "{written}"
        );
    }

    #[test]
    fn broken_documents_are_errors() {
        assert!(
            parse("<opml><body><outline text='x'></body>")
                .unwrap_err()
                .starts_with("not valid OPML")
        );
        assert!(
            parse("<rss></rss>")
                .unwrap_err()
                .contains("no <opml> element")
        );
        assert!(parse("").is_err());
    }

    #[test]
    fn hostile_names_are_cleaned() {
        let opml = "<opml><body><outline text=\"a&#27;]0;x&#7;b\" xmlUrl=\"https://e.example/&#27;\"/></body></opml>";
        let feeds = parse(opml).unwrap();
        assert_eq!(feeds[0].name.as_deref(), Some("a]0;xb"));
        assert_eq!(feeds[0].url, "https://e.example/");
    }
}
