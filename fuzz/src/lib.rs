//! Invariants the fuzz targets check on what the sanitizer and the parsers return: every
//! string from a source is terminal-safe (DESIGN.md, "Terminal safety").

use tidings::model::{Article, Block, Body, Span};
use tidings::source::{Origin, Parsed};

/// An origin whose names need the sanitizer too (they reach the title and source fields).
pub const ORIGIN: Origin<'static> = Origin {
    identity: "file:/fuzz/in\u{1b}put.txt",
    file_stem: "fuzz-\u{1b}[31mstem_\u{202E}name",
    default_source: "fuzz\u{9b}source\u{2066}",
};

/// Characters the sanitizer removes that are not `char::is_control` (C0, DEL, C1); tag
/// characters are checked apart, as a flag keeps them.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206F}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{E0000}'..='\u{E001F}'
    )
}

/// Characters that carry meaning, which the sanitizer keeps wherever they stand.
pub fn carries_meaning(c: char) -> bool {
    matches!(
        c,
        '\u{200C}' | '\u{200D}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{00AD}'
    )
}

fn is_tag(c: char) -> bool {
    matches!(c, '\u{E0020}'..='\u{E007F}')
}

/// Text that keeps its lines (a code block, `clean_text`'s output): no control character but
/// newline and tab, nothing invisible, no carriage return or line/paragraph separator.
pub fn assert_text(what: &str, s: &str) {
    // Tag characters only in a flag: after 🏴 or another tag, until the cancel tag.
    let mut in_flag = false;
    for c in s.chars() {
        if is_tag(c) {
            assert!(in_flag, "{what}: tag character {c:?} outside a flag in {s:?}");
            in_flag = c != '\u{E007F}';
            continue;
        }
        in_flag = c == '\u{1F3F4}';
        assert!(
            c == '\n' || c == '\t' || !c.is_control(),
            "{what}: control {c:?} in {s:?}"
        );
        assert!(!is_invisible(c), "{what}: invisible {c:?} in {s:?}");
        assert!(
            !matches!(c, '\u{2028}' | '\u{2029}'),
            "{what}: separator {c:?} in {s:?}"
        );
    }
}

/// A one-line field or inline text: as [`assert_text`], and no newline or tab either.
pub fn assert_line(what: &str, s: &str) {
    assert_text(what, s);
    assert!(!s.contains(['\n', '\t']), "{what}: newline or tab in {s:?}");
}

/// The text of a paragraph, item, quoted paragraph, definition or cell: as [`assert_line`],
/// but for line breaks (`\n`), which never start or end it.
fn assert_spans(what: &str, spans: &[Span]) {
    for span in spans {
        assert_text(what, &span.text);
        assert!(!span.text.contains('\t'), "{what}: tab in {:?}", span.text);
    }
    let text: String = spans.iter().map(|span| span.text.as_str()).collect();
    assert!(
        !text.starts_with('\n') && !text.ends_with('\n') && !text.contains("\n\n\n"),
        "{what}: line breaks at an end or more than two in a row in {text:?}"
    );
}

pub fn assert_body(body: &Body) {
    for block in &body.blocks {
        match block {
            Block::Heading(text) => assert_line("heading", text),
            Block::Paragraph(spans) => assert_spans("paragraph", spans),
            Block::List(items) => {
                for item in items {
                    assert_spans("list item", &item.spans);
                }
            }
            Block::Quote(paragraphs) => {
                for spans in paragraphs {
                    assert_spans("quote", spans);
                }
            }
            Block::Code(text) => assert_text("code", text),
            Block::Image { label, caption, .. } => {
                assert_line("image label", label);
                assert_line("image caption", caption);
            }
            Block::Links(urls) => {
                for url in urls {
                    assert_line("link", url);
                }
            }
            Block::Rule => {}
            Block::Table(table) => {
                assert_spans("table caption", &table.caption);
                for row in &table.rows {
                    for cell in &row.cells {
                        assert_spans("table cell", &cell.spans);
                    }
                }
            }
            Block::Definitions(definitions) => {
                for definition in definitions {
                    assert_spans("term", &definition.term);
                    for detail in &definition.details {
                        assert_spans("description", detail);
                    }
                }
            }
        }
    }
}

pub fn assert_article(article: &Article) {
    assert_line("id", article.id.as_str());
    assert_line("title", &article.title);
    assert!(!article.title.is_empty(), "empty title");
    assert_line("source", &article.source);
    if let Some(author) = &article.author {
        assert_line("author", author);
    }
    if let Some(url) = &article.url {
        assert_line("url", url);
    }
    for tag in &article.tags {
        assert_line("tag", tag.as_str());
    }
    assert_body(&article.body);
    // What search and the word count read must not panic either.
    let _ = article.search_text();
    let _ = article.body.word_count();
}

/// An article file parsed: the article and every warning are terminal-safe.
pub fn assert_parsed(parsed: &Parsed) {
    assert_article(&parsed.article);
    for warning in &parsed.warnings {
        assert_line("warning", warning);
    }
}
