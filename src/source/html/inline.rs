//! HTML that names something (a title, an author, a tag) reduced to its text: no link
//! numbers, no addresses, no markup, one line.

use std::rc::Rc;

use html5ever::tendril::TendrilSink;
use html5ever::{ParseOpts, parse_document};
use markup5ever_rcdom::{Handle, NodeData, RcDom};

use super::{BLOCKS, DROPPED};
use crate::sanitize::clean_line;
use crate::source::entities;

/// The text of an HTML fragment as one clean line. Elements that hold no text to read
/// (scripts, styles, ruby readings) are left out; line breaks and blocks become spaces.
pub fn inline_text(html: &str) -> String {
    let closed = super::self_closing::close_self_closed(html);
    let flat = super::flatten_deep_nesting(&closed);
    let dom = parse_document(RcDom::default(), ParseOpts::default()).one(flat.as_ref());
    let mut text = String::new();
    let mut stack: Vec<Handle> = vec![Rc::clone(&dom.document)];
    while let Some(node) = stack.pop() {
        match &node.data {
            NodeData::Text { contents } => {
                // A reference escaped twice (`&amp;#233;`) is still one after parsing.
                text.push_str(&entities::decode(&contents.borrow()));
                continue;
            }
            NodeData::Element { name, .. } if DROPPED.contains(&&*name.local) => continue,
            // A picture in a title stands for its words.
            NodeData::Element { name, attrs, .. } if &*name.local == "img" => {
                let attrs = attrs.borrow();
                let alt = attrs.iter().find(|a| &*a.name.local == "alt");
                text.push(' ');
                text.push_str(alt.map_or("", |a| &a.value));
                text.push(' ');
                continue;
            }
            // A space stands for a line break or the edge of a block; `clean_line` folds them.
            NodeData::Element { name, .. } if separates_words(&name.local) => text.push(' '),
            NodeData::Element { .. } => {}
            NodeData::Document => {}
            _ => continue,
        }
        stack.extend(node.children.borrow().iter().rev().map(Rc::clone));
    }
    clean_line(&text)
}

/// Whether an element stands apart from the words around it.
fn separates_words(name: &str) -> bool {
    BLOCKS.contains(&name)
        || matches!(
            name,
            "br" | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "ul"
                | "ol"
                | "blockquote"
                | "pre"
                | "tr"
                | "td"
                | "th"
                | "figure"
                | "figcaption"
                | "img"
        )
}

#[cfg(test)]
#[path = "inline_tests.rs"]
mod tests;
