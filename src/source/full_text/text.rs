//! An article's text in paragraphs, as `tidings read --json` gives it: one paragraph
//! (heading, list item, quoted paragraph, caption, code block, definition term or
//! description, table) after another, separated by blank lines; a line break stays a line
//! break, and a table's rows are lines of their cells separated by ` │ `. (`Body::plain_text`
//! is the text the store indexes: a line a block, with the links and pictures' labels.)

use crate::model::{Block, Body, Span};

/// The text of `body` without its list of links; link numbers are the caller's to leave out
/// (a body converted without addresses has none).
pub(super) fn paragraph_text(body: &Body) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut push = |text: String| {
        let text = text.trim();
        if !text.is_empty() {
            paragraphs.push(text.to_string());
        }
    };
    for block in &body.blocks {
        match block {
            Block::Heading(text) | Block::Code(text) => push(text.clone()),
            Block::Paragraph(spans) => push(joined(spans)),
            Block::List(items) => {
                for item in items {
                    push(joined(&item.spans));
                }
            }
            Block::Quote(paragraphs) => {
                for spans in paragraphs {
                    push(joined(spans));
                }
            }
            Block::Image { caption, .. } => push(caption.clone()),
            Block::Table(table) => {
                let mut text = String::new();
                table.push_plain_text(&mut text);
                push(text);
            }
            Block::Definitions(definitions) => {
                for definition in definitions {
                    push(joined(&definition.term));
                    for detail in &definition.details {
                        push(joined(detail));
                    }
                }
            }
            Block::Links(_) | Block::Rule => {}
        }
    }
    paragraphs.join("\n\n")
}

fn joined(spans: &[Span]) -> String {
    spans.iter().map(|span| span.text.as_str()).collect()
}
