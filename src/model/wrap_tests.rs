//! Tests of the layout of articles.

use super::*;
use crate::model::{ArticleId, Body, ListItem};

fn article(blocks: Vec<Block>) -> Article {
    Article {
        id: ArticleId::from_identity("t"),
        title: "A title that is long enough to wrap".into(),
        source: "Test".into(),
        author: None,
        published: None,
        url: None,
        tags: crate::model::tag::parse_tag_list("One, Two"),
        body: Body { blocks },
    }
}

fn texts(wrapped: &Wrapped) -> Vec<&str> {
    wrapped.lines.iter().map(|l| l.text.as_str()).collect()
}

#[test]
fn header_then_blocks_with_blank_lines_between() {
    let wrapped = wrap_article(
        &article(vec![
            Block::Heading("Heading".into()),
            Block::Paragraph(vec![Span::plain("Some words that wrap here.")]),
        ]),
        "Test · 1 Oct 2026",
        16,
    );
    assert_eq!(
        texts(&wrapped),
        [
            "A title that is",
            "long enough to",
            "wrap",
            "Test · 1 Oct",
            "2026",
            "Tags: One, Two",
            "",
            "Heading",
            "",
            "Some words that",
            "wrap here.",
        ]
    );
    assert_eq!(wrapped.lines[0].runs[0].role, Role::Title);
    assert_eq!(wrapped.lines[7].runs[0].role, Role::Heading);
}

#[test]
fn no_line_is_wider_than_the_width() {
    let text = "東京の朝は早い。Emoji 🎉🌍 and a verylongwordthatcannotfitanywhere at all.";
    for width in [1, 2, 5, 9, 20, 33] {
        let wrapped = wrap_article(
            &article(vec![Block::Paragraph(vec![Span::plain(text)])]),
            "",
            width,
        );
        for line in &wrapped.lines {
            assert!(
                display_width(&line.text) <= width.max(2),
                "{:?} at {width}",
                line.text
            );
        }
    }
}

#[test]
fn deeply_nested_lists_stay_within_the_width() {
    let items = [0, 30, 255]
        .map(|depth| ListItem {
            depth,
            number: None,
            spans: vec![Span::plain("deep words in a list")],
        })
        .to_vec();
    for width in [20, 40, 80] {
        let wrapped = wrap_article(&article(vec![Block::List(items.clone())]), "", width);
        for line in &wrapped.lines {
            assert!(
                display_width(&line.text) <= width,
                "{:?} at {width}",
                line.text
            );
        }
        let words: Vec<&str> = wrapped
            .lines
            .iter()
            .flat_map(|l| l.text.split_whitespace())
            .collect();
        assert_eq!(words.iter().filter(|w| **w == "deep").count(), 3);
    }
}

#[test]
fn styles_split_into_runs_across_lines() {
    let bold = SpanStyle {
        strong: true,
        ..SpanStyle::default()
    };
    let wrapped = wrap_article(
        &article(vec![Block::Paragraph(vec![
            Span::plain("plain "),
            Span::styled("bold words here", bold),
            Span::plain(" end"),
        ])]),
        "",
        11,
    );
    let body_start = wrapped.lines.iter().position(Line::is_blank).unwrap() + 1;
    let body: Vec<(String, bool)> = wrapped.lines[body_start..]
        .iter()
        .flat_map(|line| {
            line.segments()
                .map(|(range, _, style)| (line.text[range].to_string(), style.strong))
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(
        body,
        [
            ("plain ".to_string(), false),
            ("bold".to_string(), true),
            ("words here".to_string(), true),
            ("end".to_string(), false),
        ]
    );
}

#[test]
fn lists_quotes_code_and_images() {
    let wrapped = wrap_article(
        &article(vec![
            Block::List(vec![
                ListItem {
                    depth: 0,
                    number: Some(3),
                    spans: vec![Span::plain("third item wraps")],
                },
                ListItem {
                    depth: 1,
                    number: None,
                    spans: vec![Span::plain("nested")],
                },
            ]),
            Block::Quote(vec![
                vec![Span::plain("quoted")],
                vec![Span::plain("again")],
            ]),
            Block::Code("fn main() {\n\tgo();\n}".into()),
            Block::Image {
                label: String::new(),
                caption: "A caption. Photo: X".into(),
                picture: None,
            },
            Block::Links(vec!["https://example.com/a".into()]),
        ]),
        "",
        14,
    );
    assert_eq!(
        texts(&wrapped)[5..],
        [
            "3. third item",
            "   wraps",
            "  • nested",
            "",
            "│ quoted",
            "│",
            "│ again",
            "",
            "  fn main() {",
            "      go();",
            "  }",
            "",
            "[image]",
            "A caption.",
            "Photo: X",
            "",
            "Links",
            "[1] https://",
            "    example.co",
            "    m/a",
        ]
    );
}
