//! Tests of Markdown articles.

use super::*;
use crate::model::{ArticleId, Tag};
use chrono::{DateTime, Utc};

const ORIGIN: Origin = Origin {
    identity: "sample:03-harbour.md",
    file_stem: "03-harbour_notes",
    default_source: "Samples",
};

fn parse_md(text: &str) -> Parsed {
    parse(text, &ORIGIN)
}

fn blocks(text: &str) -> Vec<Block> {
    parse_md(text).article.body.blocks
}

fn tags(parsed: &Parsed) -> Vec<&str> {
    parsed.article.tags.iter().map(Tag::as_str).collect()
}

fn para(text: &str) -> Block {
    Block::Paragraph(vec![Span::plain(text)])
}

fn style(strong: bool, emphasis: bool, code: bool) -> SpanStyle {
    SpanStyle {
        strong,
        emphasis,
        code,
        ..SpanStyle::default()
    }
}

fn item(depth: u8, number: Option<u64>, text: &str) -> ListItem {
    ListItem {
        depth,
        number,
        spans: vec![Span::plain(text)],
    }
}

#[test]
fn front_matter_with_every_key() {
    let parsed = parse_md(
        "---\n\
         Title: \"The harbour: a history\"\n\
         source: 'Coast Weekly'\n\
         author: Ana Lima\n\
         date: 2026-09-30T08:15:00Z\n\
         link: https://example.com/harbour\n\
         tags: [Boats, \"Sea\"]\n\
         categories: boats, History\n\
         layout: post\n\
         ---\n\
         Text.\n",
    );
    let article = &parsed.article;
    assert_eq!(article.title, "The harbour: a history");
    assert_eq!(article.source, "Coast Weekly");
    assert_eq!(article.author.as_deref(), Some("Ana Lima"));
    assert_eq!(
        article.published,
        Some(
            DateTime::parse_from_rfc3339("2026-09-30T08:15:00Z")
                .unwrap()
                .with_timezone(&Utc)
        )
    );
    assert_eq!(article.url.as_deref(), Some("https://example.com/harbour"));
    assert_eq!(
        article.id,
        ArticleId::from_identity("url:https://example.com/harbour")
    );
    assert_eq!(tags(&parsed), ["Boats", "Sea", "History"]);
    assert_eq!(article.body.blocks, [para("Text.")]);
    assert!(parsed.warnings.is_empty());
}

#[test]
fn front_matter_block_list_tags() {
    let parsed = parse_md(
        "---\ntags:\n  - Boats\n  - \"Sea life\"\n- 'boats'\nauthor: Jo\n  - not a tag\n---\n",
    );
    assert_eq!(tags(&parsed), ["Boats", "Sea life"]);
    assert_eq!(parsed.article.author.as_deref(), Some("Jo"));
    assert_eq!(parsed.article.title, "03 harbour notes");
    assert_eq!(parsed.article.source, "Samples");
    assert_eq!(parsed.article.id, ArticleId::from_identity(ORIGIN.identity));
}

#[test]
fn bad_front_matter_date_warns() {
    let parsed = parse_md("---\ndate: soon\n---\nText.\n");
    assert_eq!(parsed.article.published, None);
    assert_eq!(parsed.warnings, ["unrecognised date \"soon\""]);
}

#[test]
fn first_level_one_heading_is_the_title() {
    let parsed = parse_md("Intro.\n\n## Before\n\n# The *harbour*\n\n# Second\n");
    assert_eq!(parsed.article.title, "The harbour");
    assert_eq!(
        parsed.article.body.blocks,
        [
            para("Intro."),
            Block::Heading("Before".into()),
            Block::Heading("Second".into())
        ]
    );
}

#[test]
fn heading_repeating_the_front_matter_title_is_dropped() {
    let parsed = parse_md("---\ntitle: The Harbour\n---\n\n# the harbour\n\nText.\n");
    assert_eq!(parsed.article.title, "The Harbour");
    assert_eq!(parsed.article.body.blocks, [para("Text.")]);
    let other = parse_md("---\ntitle: The Harbour\n---\n# Boats\n\nText.\n");
    assert_eq!(
        other.article.body.blocks,
        [Block::Heading("Boats".into()), para("Text.")]
    );
}

#[test]
fn inline_styles_nest_and_merge() {
    let plain = SpanStyle::default();
    assert_eq!(
        blocks(
            "Plain *em **both*** **strong** `code` [link *text*](https://x.y)\nnext  line\\\nend"
        ),
        [Block::Paragraph(vec![
            Span::styled("Plain ", plain),
            Span::styled("em ", style(false, true, false)),
            Span::styled("both", style(true, true, false)),
            Span::styled(" ", plain),
            Span::styled("strong", style(true, false, false)),
            Span::styled(" ", plain),
            Span::styled("code", style(false, false, true)),
            Span::styled(" link ", plain),
            Span::styled("text", style(false, true, false)),
            Span::styled(" next line end", plain),
        ])]
    );
}

#[test]
fn nested_bullets_and_numbered_list() {
    assert_eq!(
        blocks("- one\n  - one a\n  - one b\n- two\n\n3. three\n4. four\n   1. four a\n"),
        [
            Block::List(vec![
                item(0, None, "one"),
                item(1, None, "one a"),
                item(1, None, "one b"),
                item(0, None, "two"),
            ]),
            Block::List(vec![
                item(0, Some(3), "three"),
                item(0, Some(4), "four"),
                item(1, Some(1), "four a"),
            ]),
        ]
    );
}

#[test]
fn loose_list_item_paragraphs_are_joined() {
    assert_eq!(
        blocks("- first\n\n  more\n\n- second\n"),
        [Block::List(vec![
            item(0, None, "first more"),
            item(0, None, "second")
        ])]
    );
}

#[test]
fn quotes_flatten() {
    assert_eq!(
        blocks("> One\n> line.\n>\n> > Inner.\n>\n> - point\n\nAfter.\n"),
        [
            Block::Quote(vec![
                vec![Span::plain("One line.")],
                vec![Span::plain("Inner.")],
                vec![Span::plain("point")],
            ]),
            para("After."),
        ]
    );
}

#[test]
fn fenced_and_indented_code_keep_newlines() {
    assert_eq!(
        blocks("```rust\nfn main() {\n    run();\n}\n```\n\n    indented\n      more\n"),
        [
            Block::Code("fn main() {\n    run();\n}".into()),
            Block::Code("indented\n  more".into()),
        ]
    );
}

#[test]
fn image_splits_its_paragraph() {
    assert_eq!(
        blocks("Before ![The *harbour* at dawn](harbour.jpg) after.\n\n![](empty.png)\n"),
        [
            para("Before"),
            Block::Image {
                label: String::new(),
                caption: "The harbour at dawn".into(),
                picture: None,
            },
            para("after."),
        ]
    );
}

#[test]
fn images_in_headings_and_lists_stay_text() {
    let parsed = parse_md("# Tides ![badge](b.svg)\n\n- see ![map](m.png)\n");
    assert_eq!(parsed.article.title, "Tides badge");
    assert_eq!(
        parsed.article.body.blocks,
        [Block::List(vec![item(0, None, "see map")])]
    );
}

#[test]
fn raw_html_is_dropped() {
    assert_eq!(
        blocks(
            "<script>alert(1)</script>\n\nText <b>bold</b> and <script>alert(2)</script> end.\n\n<div>\nblock\n</div>\n"
        ),
        [para("Text bold and end.")]
    );
}

#[test]
fn rules_are_dropped() {
    assert_eq!(
        blocks("One.\n\n***\n\nTwo.\n"),
        [para("One."), para("Two.")]
    );
}

#[test]
fn unclosed_front_matter_is_text_with_a_warning() {
    let parsed = parse_md("---\ntitle: Open\n\nBody text.\n");
    assert_eq!(parsed.warnings, ["front matter is not closed"]);
    assert_eq!(parsed.article.title, "03 harbour notes");
    assert_eq!(
        parsed.article.body.blocks,
        [para("title: Open"), para("Body text.")]
    );
}

#[test]
fn empty_file() {
    let parsed = parse_md("\u{feff} \r\n\n");
    assert_eq!(parsed.article.title, "03 harbour notes");
    assert!(parsed.article.body.blocks.is_empty());
    assert_eq!(parsed.warnings, ["the file is empty"]);
}

#[test]
fn crlf_input() {
    let parsed = parse_md("---\r\ntitle: T\r\n---\r\nOne\r\ntwo.\r\n");
    assert_eq!(parsed.article.title, "T");
    assert_eq!(parsed.article.body.blocks, [para("One two.")]);
}

#[test]
fn escape_sequences_are_removed_everywhere() {
    let parsed = parse_md(
        "---\nauthor: \x1b[31mEve\ntags: a\x07, b\n---\n\
         # \x1b]0;evil\x07Title\n\n\
         Body &#x1b;[2J *x&#27;y* \u{202e}z\n\n\
         ```\ncode\x1b[1m &#x1b;\n```\n\n\
         ![alt&#x1b;]()\n",
    );
    let article = &parsed.article;
    assert_eq!(article.title, "]0;evilTitle");
    let mut all = vec![
        article.title.clone(),
        article.author.clone().unwrap(),
        article.body.plain_text(),
    ];
    all.extend(article.tags.iter().map(|t| t.to_string()));
    for field in all {
        assert!(!field.contains(['\x1b', '\x07', '\u{202e}']), "{field:?}");
    }
    assert_eq!(
        article.body.blocks[0],
        Block::Paragraph(vec![
            Span::plain("Body [2J "),
            Span::styled("xy", style(false, true, false)),
            Span::plain(" z"),
        ])
    );
}
