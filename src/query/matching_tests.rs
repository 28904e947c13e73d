use chrono::TimeZone;

use super::*;
use crate::query::parse;

/// An article as a query sees it, with the text its words are looked for in.
struct Story {
    title: &'static str,
    author: Option<&'static str>,
    link: Option<&'static str>,
    feed: Option<(&'static str, &'static str)>,
    tags: Vec<Tag>,
    published: Option<DateTime<Utc>>,
    flags: Vec<Flag>,
    text: &'static str,
}

impl Subject for Story {
    fn title(&self) -> &str {
        self.title
    }
    fn author(&self) -> Option<&str> {
        self.author
    }
    fn link(&self) -> Option<&str> {
        self.link
    }
    fn feed(&self) -> Option<(&str, &str)> {
        self.feed
    }
    fn tags(&self) -> &[Tag] {
        &self.tags
    }
    fn published(&self) -> Option<DateTime<Utc>> {
        self.published
    }
    fn has(&self, flag: Flag) -> bool {
        self.flags.contains(&flag)
    }
    fn has_words(&self, _term: usize, words: &[String]) -> bool {
        has_words(
            &format!("{}\n{}", self.title, self.text).to_lowercase(),
            words,
        )
    }
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 4, 12, 0, 0).unwrap()
}

fn story() -> Story {
    Story {
        title: "New iPhones ship with USB-C",
        author: Some("Jane Doe"),
        link: Some("https://news.example/2026/iphones"),
        feed: Some(("Harbour Gazette", "https://news.example/feed.xml")),
        tags: vec![Tag::new("Apple").unwrap(), Tag::new("U.S.").unwrap()],
        published: Some(now() - Duration::hours(30)),
        flags: vec![Flag::Unread],
        text: "The covid-19 rules changed; 智能手机 sales rose.",
    }
}

fn matches(query: &str, story: &Story) -> bool {
    let query = parse(query).unwrap_or_else(|error| panic!("{query}: {error}"));
    Matcher::new(&query, now()).matches(story)
}

#[test]
fn every_term_matches_what_it_names() {
    let story = story();
    let yes = [
        "",
        "iphone",
        "usb",
        "covid-19",
        "\"ship with\"",
        "智能",
        "title:iphone",
        "title:\"IPHONES SHIP\"",
        "title:/i?phones? ship/",
        "author:doe",
        "link:news.example",
        "tag:apple",
        "tag:u.s.",
        "tag:/^app/",
        "feed:\"harbour gazette\"",
        "feed:https://news.example/feed.xml",
        "feed:/gazette/",
        "is:unread",
        "age<2d",
        "age<=30h",
        "age>1d",
        "age>=30h",
        "after:2026-12-01",
        "before:2026-12-05",
    ];
    for query in yes {
        assert!(matches(query, &story), "{query} should match");
    }
    let no = [
        "phones",
        "android",
        "title:android",
        "author:smith",
        "tag:app",
        "tag:apples",
        "feed:harbour",
        "feed:news.example",
        "is:read",
        "is:bookmarked",
        "is:fulltext",
        "is:hidden",
        "age<1d",
        "age>=2d",
        "after:2026-12-04",
        "before:2026-12-01",
    ];
    for query in no {
        assert!(!matches(query, &story), "{query} should not match");
    }
}

#[test]
fn not_binds_tightest_then_and_then_or() {
    let story = story();
    assert!(matches("android OR iphone usb", &story));
    assert!(!matches("(android OR iphone) -usb", &story));
    assert!(matches("NOT android iphone", &story));
    assert!(!matches("NOT (android OR iphone)", &story));
    assert!(matches("is:read | tag:apple is:unread", &story));
}

#[test]
fn an_article_without_a_date_or_author_matches_no_term_on_them() {
    let story = Story {
        published: None,
        author: None,
        link: None,
        feed: None,
        ..story()
    };
    for query in [
        "age<100w",
        "age>0h",
        "after:1970-01-01",
        "before:2100-01-01",
        "author:/./",
        "link:/./",
        "feed:/./",
    ] {
        assert!(!matches(query, &story), "{query}");
    }
    assert!(matches("-author:doe", &story));
}

#[test]
fn text_terms_are_numbered_in_the_order_they_are_written() {
    let query = parse("apple (title:x OR \"Big News\") -covid-19").unwrap();
    assert_eq!(
        query.text_terms(),
        [vec!["apple"], vec!["big", "news"], vec!["covid-19"]]
    );
}
