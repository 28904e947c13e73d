//! Tests of the layout of articles.

use super::*;
use crate::model::{ArticleId, Body, Cell, Definition, ListItem, Row, Table};

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

/// The lines of the body alone (after the title, byline and tags), as text.
fn body_lines(blocks: Vec<Block>, width: usize) -> Vec<String> {
    let wrapped = wrap_article(&article(blocks), "", width);
    let start = wrapped.lines.iter().position(Line::is_blank).unwrap() + 1;
    wrapped.lines[start..]
        .iter()
        .map(|line| line.text.clone())
        .collect()
}

#[test]
fn a_poem_keeps_its_lines_in_paragraphs_quotes_and_items() {
    let poem = || {
        vec![Span::plain(
            "Roses are red,\nViolets are blue,\n\nSugar is sweet.",
        )]
    };
    assert_eq!(
        body_lines(vec![Block::Paragraph(poem())], 40),
        ["Roses are red,", "Violets are blue,", "", "Sugar is sweet."]
    );
    // Each line wraps on its own.
    assert_eq!(
        body_lines(vec![Block::Paragraph(poem())], 9),
        [
            "Roses are",
            "red,",
            "Violets",
            "are blue,",
            "",
            "Sugar is",
            "sweet."
        ]
    );
    assert_eq!(
        body_lines(vec![Block::Quote(vec![poem()])], 12),
        [
            "│ Roses are",
            "│ red,",
            "│ Violets",
            "│ are blue,",
            "│",
            "│ Sugar is",
            "│ sweet."
        ]
    );
    let item = ListItem {
        depth: 0,
        number: Some(1),
        spans: poem(),
    };
    assert_eq!(
        body_lines(vec![Block::List(vec![item])], 14),
        [
            "1. Roses are",
            "   red,",
            "   Violets are",
            "   blue,",
            "",
            "   Sugar is",
            "   sweet."
        ]
    );
}

#[test]
fn a_rule_spans_the_width() {
    for width in [1, 20, 80] {
        let wrapped = wrap_article(&article(vec![Block::Rule]), "", width);
        let rule = wrapped.lines.last().unwrap();
        assert_eq!(rule.text, "─".repeat(width));
        assert_eq!(display_width(&rule.text), width);
        assert_eq!(rule.runs.len(), 1);
        assert_eq!(rule.runs[0].role, Role::Marker);
    }
}

#[test]
fn definitions_are_terms_with_their_descriptions_indented() {
    let definitions = vec![
        Definition {
            term: vec![Span::plain("Tide")],
            details: vec![vec![Span::plain("The rise and fall of the sea.")]],
        },
        Definition {
            term: vec![Span::plain("Ebb")],
            details: vec![
                vec![Span::plain("The fall.")],
                vec![Span::plain("Also: decline.")],
            ],
        },
    ];
    let wrapped = wrap_article(&article(vec![Block::Definitions(definitions)]), "", 20);
    let start = wrapped.lines.iter().position(Line::is_blank).unwrap() + 1;
    let texts: Vec<&str> = wrapped.lines[start..]
        .iter()
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(
        texts,
        [
            "Tide",
            "    The rise and",
            "    fall of the sea.",
            "",
            "Ebb",
            "    The fall.",
            "    Also: decline.",
        ]
    );
    assert!(
        wrapped.lines[start].runs[0].style.strong,
        "a term is strong"
    );
    assert!(!wrapped.lines[start + 1].runs[1].style.strong);
}

fn scores() -> Table {
    let cell = |text: &str| Cell::new(vec![Span::plain(text)], 1);
    let bold = |text: &str| {
        let strong = SpanStyle {
            strong: true,
            ..SpanStyle::default()
        };
        Cell::new(vec![Span::styled(text, strong)], 1)
    };
    let row = |header, cells| Row { header, cells };
    Table {
        caption: vec![Span::plain("Scores")],
        rows: vec![
            row(true, vec![bold("Name"), bold("Score"), bold("Notes")]),
            row(
                false,
                vec![
                    cell("Alexandria"),
                    cell("10"),
                    cell("First, by a wide margin"),
                ],
            ),
            row(false, vec![cell("Bob"), cell("7"), cell("Second")]),
            row(
                false,
                vec![Cell::new(vec![Span::plain("Total")], 2), cell("17")],
            ),
        ],
    }
}

/// The display column each of `words` starts at in `line`.
fn columns_of(line: &str, words: &[&str]) -> Vec<usize> {
    words
        .iter()
        .map(|word| display_width(&line[..line.find(word).unwrap()]))
        .collect()
}

#[test]
fn a_table_has_its_columns_aligned_at_their_natural_widths() {
    let lines = body_lines(vec![Block::Table(scores())], 80);
    assert_eq!(
        lines,
        [
            "Scores",
            "Name       │ Score │ Notes",
            "───────────┼───────┼────────────────────────",
            "Alexandria │ 10    │ First, by a wide margin",
            "Bob        │ 7     │ Second",
            "Total              │ 17",
        ]
    );
    let starts = [
        columns_of(&lines[1], &["Name", "Score", "Notes"]),
        columns_of(&lines[3], &["Alexandria", "10", "First"]),
        columns_of(&lines[4], &["Bob", "7", "Second"]),
    ];
    assert!(starts.iter().all(|s| *s == starts[0]), "{starts:?}");
    // The heading row is strong; the separators and the rule are markers.
    let wrapped = wrap_article(&article(vec![Block::Table(scores())]), "", 80);
    let heading = wrapped
        .lines
        .iter()
        .find(|l| l.text.starts_with("Name"))
        .unwrap();
    let strong: Vec<bool> = heading
        .segments()
        .map(|(_, _, style)| style.strong)
        .collect();
    assert!(strong.contains(&true));
    for (range, role, style) in heading.segments() {
        let text = &heading.text[range];
        assert_eq!(role == Role::Marker, text.contains('│'), "{text:?}");
        assert_eq!(
            style.strong,
            !text.trim().is_empty() && !text.contains('│'),
            "{text:?}"
        );
    }
}

#[test]
fn a_table_wider_than_the_text_narrows_its_widest_column_first() {
    let lines = body_lines(vec![Block::Table(scores())], 26);
    assert_eq!(
        lines,
        [
            "Scores",
            "Name      │ Score │ Notes",
            "──────────┼───────┼───────",
            "Alexandr… │ 10    │ First,",
            "          │       │ by a",
            "          │       │ wide",
            "          │       │ margin",
            "          │       │",
            "Bob       │ 7     │ Second",
            "          │       │",
            "Total             │ 17",
        ]
    );
    // Still narrower: the widest columns share what is left, words cut where they must be.
    for width in 1..=40 {
        for line in body_lines(vec![Block::Table(scores())], width) {
            assert!(display_width(&line) <= width, "{line:?} at {width}");
        }
    }
    let lines = body_lines(vec![Block::Table(scores())], 20);
    assert_eq!(lines[3], "Alex… │ 10   │ Firs…");
    // Every bar but the spanning cell's stays in its column.
    let starts: Vec<usize> = lines[1..]
        .iter()
        .filter(|line| !line.starts_with("Total"))
        .filter_map(|line| line.find('│').map(|at| display_width(&line[..at])))
        .collect();
    assert!(
        starts.len() > 3 && starts.iter().all(|&s| s == starts[0]),
        "{lines:#?}"
    );
}

#[test]
fn a_table_with_too_many_columns_is_cut_at_the_width() {
    let row = Row {
        header: false,
        cells: (0..30)
            .map(|n| Cell::new(vec![Span::plain(format!("cell{n}"))], 1))
            .collect(),
    };
    let table = Table {
        caption: Vec::new(),
        rows: vec![row.clone(), row],
    };
    for width in [1, 10, 50] {
        let lines = body_lines(vec![Block::Table(table.clone())], width);
        for line in &lines {
            assert_eq!(display_width(line), width, "{line:?}");
            assert!(line.ends_with('…'), "{line:?}");
        }
    }
    assert_eq!(
        body_lines(vec![Block::Table(table)], 50)[0],
        "cel… │ cel… │ cel… │ cel… │ cel… │ cel… │ cel… │ …"
    );
}
