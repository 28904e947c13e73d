//! Tests of OPML.

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
        written.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">")
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
