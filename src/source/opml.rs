//! OPML: subscriptions in and out. Outlines nested in outlines become tags, as in newsboat
//! and most readers; export writes each feed under its first tag, with the others in its
//! `category` attribute, so that an import of an export gives the same subscriptions.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::model::Subscription;
use crate::sanitize::clean_line;

/// Reads the feeds of an OPML document. The error names where the document went wrong.
pub fn parse(text: &str) -> Result<Vec<Subscription>, String> {
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
fn with_folders(mut feed: Subscription, folders: &[Option<String>]) -> Subscription {
    let mut tags: Vec<String> = folders.iter().flatten().cloned().collect();
    for tag in feed.tags {
        if !tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
            tags.push(tag);
        }
    }
    feed.tags = tags;
    feed
}

/// Writes subscriptions as an OPML 2.0 document.
pub fn write(subscriptions: &[Subscription], created: &str) -> String {
    let escape = |s: &str| quick_xml::escape::escape(s).into_owned();
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n");
    out.push_str(&format!(
        "  <head>\n    <title>tidings subscriptions</title>\n    <dateCreated>{}</dateCreated>\n  </head>\n  <body>\n",
        escape(created)
    ));
    let feed_line = |feed: &Subscription, other_tags: &[String], indent: &str| {
        let name = feed.name.clone().unwrap_or_else(|| feed.url.clone());
        let mut line = format!(
            "{indent}<outline type=\"rss\" text=\"{0}\" title=\"{0}\" xmlUrl=\"{1}\"",
            escape(&name),
            escape(&feed.url)
        );
        if !other_tags.is_empty() {
            let categories: Vec<String> = other_tags.iter().map(|t| format!("/{t}")).collect();
            line.push_str(&format!(" category=\"{}\"", escape(&categories.join(","))));
        }
        line.push_str("/>\n");
        line
    };
    let mut folders: Vec<&str> = Vec::new();
    for feed in subscriptions {
        match feed.tags.first() {
            Some(first) if !folders.contains(&first.as_str()) => folders.push(first),
            _ => {}
        }
    }
    for feed in subscriptions.iter().filter(|f| f.tags.is_empty()) {
        out.push_str(&feed_line(feed, &[], "    "));
    }
    for folder in folders {
        out.push_str(&format!(
            "    <outline text=\"{0}\" title=\"{0}\">\n",
            escape(folder)
        ));
        for feed in subscriptions
            .iter()
            .filter(|f| f.tags.first().map(String::as_str) == Some(folder))
        {
            out.push_str(&feed_line(feed, &feed.tags[1..], "      "));
        }
        out.push_str("    </outline>\n");
    }
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
        let written = write(&subscriptions, "Tue, 24 Nov 2026 12:00:00 +0000");
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
