//! Feeds as they are found in the wild, on the fixtures in tests/fixtures/feeds/quirks (and
//! the damaged ones in tests/fixtures/hostile): what each means is taken.

use crate::model::ArticleId;
use crate::source::feed::*;

const URL: &str = "https://example.com/feed";

fn fixture(path: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(path).unwrap()
}

fn read(path: &str) -> ParsedFeed {
    let source = FeedSource {
        url: URL,
        name: None,
        tags: &[],
        ..FeedSource::default()
    };
    parse(&fixture(path), source).unwrap_or_else(|error| panic!("{path}: {error}"))
}

fn titles(feed: &ParsedFeed) -> Vec<&str> {
    feed.articles.iter().map(|a| a.title.as_str()).collect()
}

fn text(article: &Article) -> String {
    article.body.plain_text().trim().to_string()
}

fn tags(article: &Article) -> Vec<&str> {
    article.tags.iter().map(Tag::as_str).collect()
}

fn id(identity: &str) -> ArticleId {
    ArticleId::from_identity(&format!("feed:{URL}\n{identity}"))
}

#[test]
fn a_json_feed_is_read_whatever_the_order_of_its_keys() {
    let bytes = fixture("feeds/quirks/json-keys-in-any-order.json");
    assert_eq!(sniff(&bytes), Some(Format::Json));
    let feed = read("feeds/quirks/json-keys-in-any-order.json");
    assert_eq!(feed.title.as_deref(), Some("Harbour Office"));
    assert_eq!(titles(&feed), ["Tide tables printed again"]);
    let article = &feed.articles[0];
    assert_eq!(article.source, "Harbour Office");
    assert_eq!(text(article), "The harbour office prints them once more.");
    assert_eq!(article.id, id("tides-1"));
}

#[test]
fn a_sloppy_json_feed_gives_what_it_means_and_a_bad_item_loses_no_other() {
    let feed = read("feeds/quirks/json-sloppy.json");
    assert_eq!(feed.title.as_deref(), Some("Sloppy Wire"));
    assert_eq!(
        titles(&feed),
        ["Tags in one string", "2026", "(no title)"],
        "the item that is a string is left out, the others kept"
    );
    let [tagged, summary, bare] = &feed.articles[..] else {
        panic!("three articles");
    };

    assert_eq!(tagged.id, id("1017"), "a number for an id");
    assert_eq!(
        tags(tagged),
        ["Weather", "Coast", "Storms"],
        "tags in one string"
    );
    assert_eq!(
        tagged.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2026-10-21T09:15:00+00:00"),
        "a date without a time zone is UTC"
    );
    assert_eq!(
        tagged.author.as_deref(),
        Some("Ines Varga"),
        "an author as a name"
    );
    assert_eq!(text(tagged), "Gales are due by night.");

    assert_eq!(
        summary.id,
        id("https://wire.example/2"),
        "a null id: the address"
    );
    assert_eq!(
        text(summary),
        "Only a summary here.",
        "no content: the summary"
    );
    assert_eq!(
        summary.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2026-10-19T00:00:00+00:00"),
        "a day without a time"
    );
    assert_eq!(tags(summary), ["Budget", "7"]);
    assert_eq!(
        summary.author.as_deref(),
        Some("Ana Lobo"),
        "listed twice, shown once"
    );

    assert_eq!(
        text(bare),
        "No title, no date.\nEnclosure: file, 2.4 MB [1]\nhttps://wire.example/3.mp3",
        "an attachment is an enclosure"
    );
    assert_eq!(bare.published, None);
    assert_eq!(
        bare.author.as_deref(),
        Some("Desk Editor"),
        "the feed's author"
    );
}

#[test]
fn a_json_feed_cut_off_keeps_its_whole_items() {
    let feed = read("feeds/quirks/json-cut.json");
    assert_eq!(feed.title.as_deref(), Some("Cut Off"));
    assert_eq!(titles(&feed), ["Whole one", "Whole two"]);
    let source = FeedSource {
        url: URL,
        name: None,
        tags: &[],
        ..FeedSource::default()
    };
    let error = parse(b"{\"items\": [{\"title\": \"x\"", source).unwrap_err();
    assert!(
        error.starts_with("not a feed"),
        "nothing whole in it: {error}"
    );
}

#[test]
fn xml_after_a_byte_order_mark_blank_lines_and_a_comment_is_a_feed() {
    let bytes = fixture("feeds/quirks/rss-comment-first.xml");
    assert_eq!(sniff(&bytes), Some(Format::Xml));
    let feed = read("feeds/quirks/rss-comment-first.xml");
    assert_eq!(feed.title.as_deref(), Some("Late Start"));
    assert_eq!(titles(&feed), ["After a comment"]);
    assert_eq!(text(&feed.articles[0]), "Read all the same.");
}

#[test]
fn references_escaped_twice_are_read_and_an_author_listed_twice_is_shown_once() {
    let feed = read("feeds/quirks/rss-escaped-twice.xml");
    assert_eq!(feed.title.as_deref(), Some("Café Chronicle"));
    let article = &feed.articles[0];
    assert_eq!(article.title, "Crème brûlée at the café");
    let body = article.body.plain_text();
    assert!(body.contains("Déjà vu — twice."), "{body}");
    assert!(
        body.contains("&lt;kept&gt;"),
        "code is shown as written: {body}"
    );
    assert_eq!(article.author.as_deref(), Some("Renée Okafor, Tom Hale"));
}

#[test]
fn a_cut_off_feed_keeps_the_items_before_the_cut() {
    let atom = read("feeds/quirks/atom-cut.xml");
    assert_eq!(atom.title.as_deref(), Some("Cut Atom"));
    assert_eq!(titles(&atom), ["First entry", "Second entry"]);
    let rss = read("hostile/truncated.rss");
    assert_eq!(titles(&rss), ["Whole item"]);
    assert_eq!(text(&rss.articles[0]), "first");
}

#[test]
fn bytes_that_are_not_utf8_become_replacement_characters_and_the_item_stays() {
    let feed = read("hostile/invalid-utf8.rss");
    assert_eq!(titles(&feed), ["Bad \u{FFFD} bytes"]);
    assert_eq!(text(&feed.articles[0]), "caf\u{FFFD} \u{FFFD}( end");
}

#[test]
fn a_feed_is_read_a_run_at_a_time_in_order_and_the_same_as_whole() {
    let mut doc = String::from("<rss version=\"2.0\"><channel><title>Many</title>");
    for n in 0..(RUN * 5 + 3) {
        doc.push_str(&format!(
            "<item><title>Item {n}</title><guid>g{n}</guid><description>&lt;p&gt;Text {n}&lt;/p&gt;</description></item>"
        ));
    }
    doc.push_str("</channel></rss>");
    let source = FeedSource {
        url: URL,
        name: None,
        tags: &[],
        ..FeedSource::default()
    };
    let mut runs = Vec::new();
    let head = read_items(
        doc.as_bytes(),
        source,
        2,
        |items| items,
        |run| runs.push(run),
    )
    .unwrap();
    assert_eq!(head.title.as_deref(), Some("Many"));
    let sizes: Vec<usize> = runs.iter().map(Vec::len).collect();
    assert_eq!(sizes, [RUN, RUN, RUN, RUN, RUN, 3]);
    let items: Vec<Item> = runs.into_iter().flatten().collect();
    assert_eq!(items[RUN + 1].article.title, format!("Item {}", RUN + 1));
    assert_eq!(items[RUN + 1].article.body, Body::default(), "no body made");
    assert_eq!(items[RUN + 1].body.text, format!("<p>Text {}</p>", RUN + 1));
    let whole = parse(doc.as_bytes(), source).unwrap();
    let made: Vec<Article> = items.into_iter().map(Item::into_article).collect();
    assert_eq!(made, whole.articles);
}

#[test]
fn rss_items_after_the_channel_are_read_and_a_stray_less_than_sign_loses_only_its_text() {
    let feed = read("feeds/quirks/rss-items-after-channel.xml");
    assert_eq!(feed.title.as_deref(), Some("Pier Bulletin"));
    assert_eq!(
        titles(&feed),
        [
            "Ferry timetable posted",
            "Pier lights mended",
            "Gulls' nesting season"
        ],
        "the item that is not XML keeps what came before the damage, the others are whole"
    );
    assert_eq!(text(&feed.articles[1]), "if a");
    assert_eq!(feed.articles[0].source, "Pier Bulletin");
    assert_eq!(text(&feed.articles[0]), "If 2 < 3, it's late.");
}

#[test]
fn a_json_feed_with_bytes_that_are_not_utf8_is_still_a_feed() {
    let bytes = b"{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Wire\", \
        \"items\": [{\"id\": \"1\", \"title\": \"caf\xe9\"}, {\"id\": \"2\", \"title\": \"two\"}]}";
    assert_eq!(sniff(bytes), Some(Format::Json));
    let source = FeedSource {
        url: URL,
        name: None,
        tags: &[],
        ..FeedSource::default()
    };
    let feed = parse(bytes, source).unwrap();
    // A byte of Latin-1 in a document with no other character beyond ASCII is Latin-1.
    assert_eq!(titles(&feed), ["café", "two"]);
}

#[test]
fn a_feeds_format_is_told_by_its_root_or_its_json() {
    let atom_utf16: Vec<u8> =
        "\u{FEFF}<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"/>"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
    let cases: [(&[u8], Option<Kind>); 7] = [
        (
            b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel/></rss>",
            Some(Kind::Rss),
        ),
        (
            b"<rdf:RDF xmlns:rdf=\"x\"><channel/></rdf:RDF>",
            Some(Kind::Rss),
        ),
        (
            b"<!-- hi --><feed xmlns=\"http://www.w3.org/2005/Atom\">",
            Some(Kind::Atom),
        ),
        (&atom_utf16, Some(Kind::Atom)),
        (
            br#"{"version": "https://jsonfeed.org/version/1.1", "items": []}"#,
            Some(Kind::JsonFeed),
        ),
        (b"<!doctype html><html><head>", None),
        (b"plain words", None),
    ];
    for (bytes, expected) in cases {
        assert_eq!(kind(bytes), expected, "{}", String::from_utf8_lossy(bytes));
    }
}
