use super::*;

fn feed(title: Option<&str>, kind: Kind, articles: usize) -> Feed {
    Feed {
        url: "https://blog.example/feed.xml".to_string(),
        title: title.map(str::to_string),
        kind,
        articles,
    }
}

#[test]
fn a_feed_is_described_by_its_title_format_and_articles() {
    assert_eq!(
        feed(Some("Harbour Gazette"), Kind::Atom, 25).describe(),
        "\"Harbour Gazette\" (Atom, 25 articles)"
    );
    assert_eq!(
        feed(None, Kind::JsonFeed, 1).describe(),
        "https://blog.example/feed.xml (JSON Feed, 1 article)"
    );
    assert_eq!(
        feed(Some("Evil\u{1b}[2J"), Kind::Rss, 0).describe(),
        "\"Evil[2J\" (RSS, 0 articles)"
    );
}

#[test]
fn a_file_is_read_for_what_it_is_and_has_no_usual_places() {
    let folder = std::env::temp_dir().join(format!("tidings-discovery-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("a folder");
    let atom = folder.join("feed.atom");
    std::fs::write(
        &atom,
        "\u{FEFF}<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">\
         <title>Ledger</title><entry><id>1</id><title>One</title></entry></feed>",
    )
    .expect("write");
    let page = folder.join("page.html");
    std::fs::write(&page, "<html><head><title>No feeds</title></head></html>").expect("write");
    let settings = FetchSettings::default();

    let found = discover(&settings, &atom.display().to_string()).expect("a feed");
    let Found::Feed(feed) = found else {
        panic!("{found:?}")
    };
    assert_eq!(
        (feed.title.as_deref(), feed.kind, feed.articles),
        (Some("Ledger"), Kind::Atom, 1)
    );

    let error = discover(&settings, &page.display().to_string()).expect_err("no feed");
    assert!(error.starts_with("no feed found at "), "{error}");
    assert!(
        error.ends_with("(a web page with no feed links)"),
        "{error}"
    );
    let _ = std::fs::remove_dir_all(&folder);
}
