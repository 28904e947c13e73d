//! Tests of the shape HTML bodies keep: line breaks, rules, superscripts and subscripts,
//! tables and definition lists.

use super::{blocks, item, para, style, to_body};
use crate::model::wrap::wrap_article;
use crate::model::{
    Article, ArticleId, Block, Cell, Definition, ListItem, Row, Script, Span, SpanStyle, Table,
};

fn strong(text: &str) -> Span {
    Span::styled(text, style(true, false, false, false))
}

fn plain(text: &str) -> Vec<Span> {
    vec![Span::plain(text)]
}

fn cell(text: &str) -> Cell {
    Cell::new(plain(text), 1)
}

fn row(header: bool, cells: Vec<Cell>) -> Row {
    Row { header, cells }
}

fn table(html: &str) -> Table {
    match &blocks(html)[..] {
        [Block::Table(table)] => table.clone(),
        other => panic!("not one table: {other:?}"),
    }
}

#[test]
fn a_line_break_breaks_the_line_in_paragraphs_quotes_items_and_cells() {
    assert_eq!(
        blocks("<p>Roses are red,<br>Violets are blue,<br/>Sugar is sweet.</p>"),
        [para("Roses are red,\nViolets are blue,\nSugar is sweet.")]
    );
    assert_eq!(
        blocks("<blockquote><p>one <br> two</p><p>three</p></blockquote>"),
        [Block::Quote(vec![
            vec![Span::plain("one\ntwo")],
            vec![Span::plain("three")],
        ])]
    );
    assert_eq!(
        blocks("<ul><li>first<br>line</li><li>second</li></ul>"),
        [Block::List(vec![
            item(0, None, "first\nline"),
            item(0, None, "second")
        ])]
    );
    let grid =
        table("<table><tr><td>a<br>b</td><td>c</td></tr><tr><td>d</td><td>e</td></tr></table>");
    assert_eq!(grid.rows[0].cells[0], cell("a\nb"));
    // Styles run on across the break; the break itself is plain.
    assert_eq!(
        blocks("<p><b>bold<br>still</b></p>"),
        [Block::Paragraph(vec![
            strong("bold"),
            Span::plain("\n"),
            strong("still")
        ])]
    );
}

#[test]
fn two_line_breaks_leave_one_blank_line_and_breaks_at_the_ends_go() {
    assert_eq!(
        blocks("<p><br>a<br><br>b<br><br><br><br>c<br><br></p>"),
        [para("a\n\nb\n\nc")]
    );
    assert_eq!(
        blocks("<ul><li>a<br><br>b</li></ul>"),
        [Block::List(vec![item(0, None, "a\n\nb")])]
    );
    assert_eq!(blocks("<p><br><br></p><p>x</p>"), [para("x")]);
    // In preformatted text a break is a newline; in a heading, a space.
    assert_eq!(blocks("<pre>a<br>b</pre>"), [Block::Code("a\nb".into())]);
    assert_eq!(
        blocks("<h2>Top<br>line</h2>"),
        [Block::Heading("Top line".into())]
    );
}

#[test]
fn a_rule_stands_between_blocks() {
    assert_eq!(
        blocks("<hr><p>a</p><hr><hr/><p>b</p><hr>"),
        [para("a"), Block::Rule, para("b")]
    );
    // Its text is none, as when rules were left out.
    assert_eq!(to_body("<p>a</p><hr><p>b</p>", None).plain_text(), "a\nb\n");
    // Inside a list it ends a paragraph of the item; in a cell, a line.
    assert_eq!(
        blocks("<ul><li>a<hr>b</li></ul>"),
        [Block::List(vec![item(0, None, "a b")])]
    );
    let grid =
        table("<table><tr><td>a<hr>b</td><td>c</td></tr><tr><td>d</td><td>e</td></tr></table>");
    assert_eq!(grid.rows[0].cells[0], cell("a\nb"));
}

/// The first paragraph of the body of `html` as the reader shows it, 60 columns wide.
fn shown(html: &str) -> String {
    let article = Article {
        id: ArticleId::from_identity("shown"),
        title: "Title".into(),
        source: String::new(),
        author: None,
        published: None,
        url: None,
        tags: Vec::new(),
        body: to_body(html, None),
    };
    let wrapped = wrap_article(&article, "", 60);
    let body = wrapped
        .lines
        .iter()
        .skip_while(|line| !line.is_blank())
        .skip(1);
    let lines: Vec<&str> = body
        .map(|line| line.text.as_str())
        .take_while(|line| !line.is_empty())
        .collect();
    lines.join("\n")
}

#[test]
fn superscripts_and_subscripts_keep_their_text_set_above_or_below_the_line() {
    let raised = |text: &str, link: bool| {
        let style = SpanStyle {
            link,
            script: Script::Super,
            ..SpanStyle::default()
        };
        Span::styled(text, style)
    };
    let lowered = SpanStyle {
        script: Script::Sub,
        ..SpanStyle::default()
    };
    assert_eq!(
        blocks("E = mc<sup>2</sup>, H<sub>2</sub>O"),
        [Block::Paragraph(vec![
            Span::plain("E = mc"),
            raised("2", false),
            Span::plain(", H"),
            Span::styled("2", lowered),
            Span::plain("O"),
        ])]
    );
    // A link's number follows it on the line; the innermost of nested ones counts.
    assert_eq!(
        blocks("x<sup><a href='https://n.example/2'>2</a></sup> y<sup>a<sub>b</sub></sup>"),
        [
            Block::Paragraph(vec![
                Span::plain("x"),
                raised("2", true),
                Span::plain(" [1] y"),
                raised("a", false),
                Span::styled("b", lowered),
            ]),
            Block::Links(vec!["https://n.example/2".into()]),
        ]
    );
    // Their text for search and for `read --json` is as it was.
    assert_eq!(
        to_body("<p>E = mc<sup>2</sup></p>", None).plain_text(),
        "E = mc2\n"
    );
}

#[test]
fn superscripts_and_subscripts_are_shown_in_unicode_where_they_can_be() {
    let cases = [
        ("E = mc<sup>2</sup>", "E = mc²"),
        ("H<sub>2</sub>O", "H₂O"),
        ("x<sup>-1</sup> and x<sup>−1</sup>", "x⁻¹ and x⁻¹"),
        ("a<sup>(n)</sup>", "a⁽ⁿ⁾"),
        ("C<sub>n</sub>H<sub>2n+2</sub>", "CₙH₂ₙ₊₂"),
        ("x<sub>max</sub>", "xₘₐₓ"),
        ("word<sup><a href='#fn1'>12</a></sup>.", "word¹²."),
        (
            "see<sup><a href='https://n.example/'>3</a></sup>",
            "see³ [1]",
        ),
    ];
    for (html, text) in cases {
        assert_eq!(shown(html), text, "{html}");
    }
}

#[test]
fn superscripts_and_subscripts_with_a_mark_where_they_cannot_be() {
    let cases = [
        ("the 2<sup>nd</sup> time", "the 2^(nd) time"),
        ("x<sub>min</sub>", "x_(min)"),
        ("note<sup>*</sup>", "note^*"),
        ("a<sub>i</sub>", "a_i"),
        ("claim<sup>[1]</sup>", "claim^[1]"),
        ("f<sup>(a+b)</sup>", "f^(a+b)"),
        ("a <sup> th </sup> b", "a ^(th) b"),
        ("x<sup>1, 2</sup>", "x^(1, 2)"),
        ("see<sup>a<b>b</b>c</sup> more", "see^(abc) more"),
    ];
    for (html, text) in cases {
        assert_eq!(shown(html), text, "{html}");
    }
}

#[test]
fn a_table_of_data_keeps_its_rows_cells_heading_and_caption() {
    let html = "<p>before</p><table><caption>Scores <i>so far</i></caption>\
                <thead><tr><th>Name</th><th>Score</th></tr></thead>\
                <tbody><tr><td>Alexandria</td><td>10</td></tr><tr><td>Bob</td><td>7</td></tr>\
                <tr><td></td><td></td></tr></tbody></table><p>after</p>";
    let expected = Table {
        caption: vec![
            Span::plain("Scores "),
            Span::styled("so far", style(false, true, false, false)),
        ],
        rows: vec![
            row(
                true,
                vec![
                    Cell::new(vec![strong("Name")], 1),
                    Cell::new(vec![strong("Score")], 1),
                ],
            ),
            row(false, vec![cell("Alexandria"), cell("10")]),
            row(false, vec![cell("Bob"), cell("7")]),
        ],
    };
    assert_eq!(
        blocks(html),
        [para("before"), Block::Table(expected), para("after")]
    );
    // A first row of heading cells is a heading row; a heading cell in a row of data is not.
    let grid = table(
        "<table><tr><th>City</th><th>Ferries</th></tr><tr><th>Oslo</th><td>4</td></tr></table>",
    );
    assert_eq!(
        grid.rows.iter().map(|row| row.header).collect::<Vec<_>>(),
        [true, false]
    );
    assert_eq!(grid.rows[1].cells[0], Cell::new(vec![strong("Oslo")], 1));
}

#[test]
fn cells_across_columns_and_rows_keep_the_others_in_their_columns() {
    let grid = table(
        "<table><tr><td colspan='2'>wide</td><td>c</td></tr>\
         <tr><td rowspan=2>tall</td><td>b</td><td>c</td></tr>\
         <tr><td>b2</td><td>c2</td></tr>\
         <tr><td colspan=0>zero</td><td colspan=99999>huge</td></tr></table>",
    );
    assert_eq!(
        grid.rows,
        [
            row(false, vec![Cell::new(plain("wide"), 2), cell("c")]),
            row(false, vec![cell("tall"), cell("b"), cell("c")]),
            row(
                false,
                vec![Cell::new(Vec::new(), 1), cell("b2"), cell("c2")]
            ),
            row(false, vec![cell("zero"), Cell::new(plain("huge"), 100)]),
        ]
    );
    assert_eq!(grid.columns(), 101);
}

#[test]
fn a_table_laying_out_a_page_is_read_as_paragraphs() {
    let layouts = [
        // One column.
        "<table><tr><td>one</td></tr><tr><td>two</td></tr></table>",
        // One row of long cells.
        "<table><tr><td>one</td>\
         <td>two, a column of a page of more than a few words</td></tr></table>",
        // Cells holding paragraphs, lists, headings.
        "<table><tr><td><p>one</p><p>more</p></td><td>two</td></tr><tr><td>a</td><td>b</td></tr></table>",
        "<table><tr><td><ul><li>one</li></ul></td><td>two</td></tr><tr><td>a</td><td>b</td></tr></table>",
        "<table><tr><td><h2>one</h2></td><td>two</td></tr><tr><td>a</td><td>b</td></tr></table>",
        // Said to be for layout.
        "<table role='presentation'><tr><td>one</td><td>two</td></tr><tr><td>a</td><td>b</td></tr></table>",
    ];
    for html in layouts {
        let found = blocks(html);
        assert!(
            found.iter().all(|block| matches!(
                block,
                Block::Paragraph(_) | Block::List(_) | Block::Heading(_)
            )),
            "{html}: {found:?}"
        );
        let text = crate::model::Body { blocks: found }.plain_text();
        assert!(text.lines().any(|line| line == "one"), "{html}: {text:?}");
    }
    let long = format!(
        "<table><tr><td>{}</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>",
        "word ".repeat(51)
    );
    assert!(matches!(&blocks(&long)[0], Block::Paragraph(_)));
    let fifty = long.replacen("word ", "", 1);
    assert!(matches!(&blocks(&fifty)[..], [Block::Table(_)]));
    // A row of short cells is a table of data; so is a table with one paragraph a cell.
    assert_eq!(
        table("<table><tr><td>Price</td><td>$5</td></tr></table>").rows,
        [row(false, vec![cell("Price"), cell("$5")])]
    );
    table(
        "<table><tr><td><p>a</p></td><td><p>b</p></td></tr><tr><td>c</td><td>d</td></tr></table>",
    );
}

#[test]
fn a_table_inside_a_cell_a_list_or_a_figure() {
    // Inside a cell: text of the cell, its rows on lines of their own.
    let grid = table(
        "<table><tr><td><table><tr><td>in</td><td>ner</td></tr><tr><td>x</td></tr></table></td>\
         <td>b</td></tr><tr><td>c</td><td>d</td></tr></table>",
    );
    assert_eq!(grid.rows[0].cells[0], cell("in ner\nx"));
    // Inside a list item: each row a paragraph of the item.
    assert_eq!(
        blocks(
            "<ul><li>scores<table><tr><td>a</td><td>1</td></tr><tr><td>b</td><td>2</td></tr></table></li></ul>"
        ),
        [Block::List(vec![item(0, None, "scores a │ 1 b │ 2")])]
    );
    // In a figure, the figure's caption is the table's.
    let found = blocks(
        "<figure><table><tr><td>a</td><td>1</td></tr><tr><td>b</td><td>2</td></tr></table>\
         <figcaption>The counts</figcaption></figure>",
    );
    let [Block::Table(grid)] = &found[..] else {
        panic!("{found:?}");
    };
    assert_eq!(grid.caption, plain("The counts"));
}

#[test]
fn definition_lists_keep_terms_and_their_descriptions() {
    let html = "<dl><dt>Term</dt><dd>One <b>two</b></dd><dd>Three<br>four</dd>\
                <dt>A</dt><dt>B</dt><dd><p>Both</p><div>as one</div></dd></dl>\
                <dl><dd>no term</dd></dl>";
    let found = blocks(html);
    assert_eq!(
        found,
        [
            Block::Definitions(vec![
                Definition {
                    term: plain("Term"),
                    details: vec![
                        vec![Span::plain("One "), strong("two")],
                        plain("Three\nfour"),
                    ],
                },
                Definition {
                    term: plain("A"),
                    details: Vec::new(),
                },
                Definition {
                    term: plain("B"),
                    details: vec![plain("Both"), plain("as one")],
                },
            ]),
            Block::Definitions(vec![Definition {
                term: Vec::new(),
                details: vec![plain("no term")],
            }]),
        ]
    );
    // Its text for search is what it was when terms and descriptions were paragraphs.
    let body = crate::model::Body { blocks: found };
    assert_eq!(
        body.plain_text(),
        "Term\nOne two\nThree\nfour\nA\nB\nBoth\nas one\nno term\n"
    );
}

#[test]
fn a_definition_list_holding_other_blocks_is_read_as_those_blocks() {
    // Code, lists, pictures keep their own shape; inside a list the terms are its text.
    assert_eq!(
        blocks(
            "<dl><dt>--flag</dt><dd>Example:<pre>run --flag</pre></dd><dd><ul><li>a</li></ul></dd></dl>"
        ),
        [
            para("--flag"),
            para("Example:"),
            Block::Code("run --flag".into()),
            Block::List(vec![item(0, None, "a")]),
        ]
    );
    assert_eq!(
        blocks("<ul><li><dl><dt>t</dt><dd>d</dd></dl></li></ul>"),
        [Block::List(vec![ListItem {
            depth: 0,
            number: None,
            spans: plain("t d"),
        }])]
    );
}
