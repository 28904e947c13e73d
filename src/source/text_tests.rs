//! Tests of the plain-text article format.

use super::*;
use crate::model::{ArticleId, Tag};
use chrono::{DateTime, Utc};

const ORIGIN: Origin = Origin {
    identity: "file:/news/storm-notes.txt",
    file_stem: "storm-notes_draft",
    default_source: "news",
};

fn parse_text(text: &str) -> Parsed {
    parse(text, &ORIGIN)
}

fn tags(parsed: &Parsed) -> Vec<&str> {
    parsed.article.tags.iter().map(Tag::as_str).collect()
}

fn para(text: &str) -> Block {
    Block::Paragraph(vec![Span::plain(text)])
}

fn heading(text: &str) -> Block {
    Block::Heading(text.to_string())
}

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

const WEB_COPY: &str = "\
Russia and China hold joint drills

Troops from both countries began exercises on Monday, officials said.

A soldier on the range
Soldiers take part in the drills near the border. Photograph: Ivan Petrov/Getty Images

What comes next

Analysts expect further exercises later this year.

Tags
Russia, China, Anti-Terrorism, U.S.
World news
Europe
";

#[test]
fn web_copy_gives_title_blocks_and_tags() {
    let parsed = parse_text(WEB_COPY);
    let article = &parsed.article;
    assert_eq!(article.title, "Russia and China hold joint drills");
    assert_eq!(
        article.body.blocks,
        vec![
            para("Troops from both countries began exercises on Monday, officials said."),
            Block::Image {
                label: "A soldier on the range".into(),
                caption: "Soldiers take part in the drills near the border. \
                              Photograph: Ivan Petrov/Getty Images"
                    .into(),
                picture: None,
            },
            heading("What comes next"),
            para("Analysts expect further exercises later this year."),
        ]
    );
    assert_eq!(tags(&parsed), ["Russia", "China", "Anti-Terrorism", "U.S."]);
    assert_eq!(article.source, "news");
    assert_eq!(article.author, None);
    assert_eq!(article.url, None);
    assert_eq!(article.published, None);
    assert_eq!(article.id, ArticleId::from_identity(ORIGIN.identity));
    assert!(parsed.warnings.is_empty());
}

#[test]
fn header_block_with_every_key() {
    let parsed = parse_text(
        "title: Storm season begins\n\
             Source:  The Coast Courier \n\
             AUTHOR: Ana Lima\n\
             Date: 2026-09-30T08:15:00+02:00\n\
             URL: https://example.com/storm\n\
             Tags: Weather, Coast\n\
             \n\
             The first storm reached the coast overnight.\n\
             \n\
             Tags: weather, Storms\n",
    );
    let article = &parsed.article;
    assert_eq!(article.title, "Storm season begins");
    assert_eq!(article.source, "The Coast Courier");
    assert_eq!(article.author.as_deref(), Some("Ana Lima"));
    assert_eq!(article.published, Some(utc("2026-09-30T06:15:00Z")));
    assert_eq!(article.url.as_deref(), Some("https://example.com/storm"));
    assert_eq!(
        article.id,
        ArticleId::from_identity("url:https://example.com/storm")
    );
    assert_eq!(tags(&parsed), ["Weather", "Coast", "Storms"]);
    assert_eq!(
        article.body.blocks,
        [para("The first storm reached the coast overnight.")]
    );
    assert!(parsed.warnings.is_empty());
}

#[test]
fn header_title_repeated_as_first_line_is_dropped() {
    let parsed = parse_text("Title: Storm season\n\nStorm season\n\nIt rained.\n");
    assert_eq!(parsed.article.title, "Storm season");
    assert_eq!(parsed.article.body.blocks, [para("It rained.")]);
}

#[test]
fn single_tags_line_and_site_labels() {
    let parsed = parse_text(
        "A title\n\nSome text here.\n\nTags: a, b, A\nOpinion\n\n\
             A long trailing line that is certainly longer than sixty characters stays.\n",
    );
    assert_eq!(tags(&parsed), ["a", "b"]);
    assert_eq!(
        parsed.article.body.blocks,
        [
            para("Some text here."),
            para("A long trailing line that is certainly longer than sixty characters stays."),
        ]
    );
}

#[test]
fn last_tags_marker_wins() {
    let parsed = parse_text("Title\n\nTags: early\n\nText.\n\nTAGS\n\nlate, later\n");
    assert_eq!(tags(&parsed), ["late", "later"]);
    assert_eq!(
        parsed.article.body.blocks,
        [heading("Tags: early"), para("Text.")]
    );
}

#[test]
fn title_that_looks_like_a_header_stays_the_title() {
    let parsed = parse_text(
        "Update: storms hit the coast\n\nWind and rain reached the town.\n\nMore to come.\n",
    );
    assert_eq!(parsed.article.title, "Update: storms hit the coast");
    assert_eq!(
        parsed.article.body.blocks,
        [
            para("Wind and rain reached the town."),
            para("More to come.")
        ]
    );
}

#[test]
fn block_with_an_unknown_key_is_not_a_header_block() {
    let parsed = parse_text("Title: Storms\nMood: grim\n\nText follows.\n");
    assert_eq!(parsed.article.title, "Title: Storms");
    assert_eq!(parsed.article.author, None);
    assert_eq!(
        parsed.article.body.blocks,
        [heading("Mood: grim"), para("Text follows.")]
    );
}

#[test]
fn heading_rules() {
    assert!(is_heading("What comes next"));
    assert!(is_heading("Storms in 2026"));
    for line in [
        "It ended.",
        "Really!",
        "Why?",
        "As follows:",
        "First,",
        "Then;",
        "He said \"stop.\"",
        "She asked “why?”",
        "(see below.)",
        "2026",
        "--",
    ] {
        assert!(!is_heading(line), "{line:?} is not a heading");
    }
    let long = "A".repeat(79);
    assert!(is_heading(&long));
    assert!(!is_heading(&"A".repeat(80)));
    let parsed = parse_text(&format!("T\n\n{}\n\nShort one\n", "B".repeat(80)));
    assert_eq!(
        parsed.article.body.blocks,
        [para(&"B".repeat(80)), heading("Short one")]
    );
}

#[test]
fn credits() {
    assert!(has_credit("People gather. Photo: Jo Smith"));
    assert!(has_credit("A crowd (Reuters)"));
    assert!(has_credit("A crowd. AP."));
    assert!(has_credit("Boats in the harbour. Alex Doe/PA"));
    assert!(!has_credit("A map of Europe"));
    assert!(!has_credit("We went to SPA"));
}

#[test]
fn single_line_colon_credit_is_an_image() {
    let parsed = parse_text("T\n\nIllustration: Guardian Design\n");
    assert_eq!(
        parsed.article.body.blocks,
        [Block::Image {
            label: String::new(),
            caption: "Illustration: Guardian Design".into(),
            picture: None,
        }]
    );
}

#[test]
fn hard_wrapped_paragraph_is_joined() {
    let parsed = parse_text(
        "T\n\nThe storm reached the coast\n   late on Monday,   and the\nroads closed.\n",
    );
    assert_eq!(
        parsed.article.body.blocks,
        [para(
            "The storm reached the coast late on Monday, and the roads closed."
        )]
    );
}

#[test]
fn long_lines_in_one_group_are_separate_paragraphs() {
    let first = format!("{}first.", "word ".repeat(20));
    let second = "Second paragraph.";
    let parsed = parse_text(&format!("T\n\n{first}\n{second}\n"));
    assert_eq!(parsed.article.body.blocks, [para(&first), para(second)]);
}

#[test]
fn empty_and_blank_files() {
    for text in ["", " \n\t\r\n \u{feff}", "\u{feff}"] {
        let parsed = parse_text(text);
        assert_eq!(parsed.article.title, "storm notes draft");
        assert!(parsed.article.body.blocks.is_empty());
        assert_eq!(parsed.article.source, "news");
        assert_eq!(parsed.warnings, ["the file is empty"]);
    }
}

#[test]
fn dates() {
    let date = |value: &str| {
        parse_text(&format!("Date: {value}\n\nT\n"))
            .article
            .published
    };
    assert_eq!(
        date("Tue, 1 Jul 2003 10:52:37 +0200"),
        Some(utc("2003-07-01T08:52:37Z"))
    );
    assert_eq!(
        date("2026-09-30T08:15:00Z"),
        Some(utc("2026-09-30T08:15:00Z"))
    );
    assert_eq!(date("2026-09-30"), Some(utc("2026-09-30T00:00:00Z")));
}

#[test]
fn bad_date_warns() {
    let parsed = parse_text("Date: next Tuesday\n\nT\n");
    assert_eq!(parsed.article.published, None);
    assert_eq!(parsed.warnings, ["unrecognised date \"next Tuesday\""]);
    assert_eq!(parsed.article.title, "T");
}

#[test]
fn escape_sequences_are_removed_everywhere() {
    let parsed = parse_text(
        "Author: \x1b[31mEve\x1b[0m\nSource: S\u{9b}2J\n\n\
             \x1b]0;evil\x07Title\n\nBody \x1b[2Jtext\u{202e}.\n\nTags: a\x1b[1m, b\x07\n",
    );
    let article = &parsed.article;
    assert_eq!(article.title, "]0;evilTitle");
    let mut all = vec![
        article.title.clone(),
        article.source.clone(),
        article.author.clone().unwrap(),
        article.body.plain_text(),
    ];
    all.extend(article.tags.iter().map(|t| t.to_string()));
    for field in all {
        assert!(
            !field.contains(['\x1b', '\x07', '\u{9b}', '\u{202e}']),
            "{field:?}"
        );
    }
    assert_eq!(tags(&parsed), ["a[1m", "b"]);
}

#[test]
fn crlf_and_bom() {
    let parsed = parse_text("\u{feff}Title line\r\n\r\nOne\r\ntwo.\r\n\r\nTags\r\nx, y\r\n");
    assert_eq!(parsed.article.title, "Title line");
    assert_eq!(parsed.article.body.blocks, [para("One two.")]);
    assert_eq!(tags(&parsed), ["x", "y"]);
    let old_mac = parse_text("Title line\r\rOne.\r");
    assert_eq!(old_mac.article.body.blocks, [para("One.")]);
}
