//! Definition lists (`<dl>`): a list at the top level whose terms and descriptions hold
//! text only (paragraphs, line breaks, inline markup) becomes a
//! [`Block::Definitions`](crate::model::Block::Definitions). One whose descriptions hold
//! other blocks (lists, quotes, code, headings, tables, pictures, another definition list)
//! is read as those blocks and paragraphs, as before definition lists were kept, so that no
//! block loses its shape to the list's.

use std::rc::Rc;

use markup5ever_rcdom::{Handle, NodeData};

use super::{Block, Builder, DROPPED, Definition, Span};

/// What a definition list's terms and descriptions cannot hold.
const OTHER_BLOCKS: &[&str] = &[
    "ul",
    "ol",
    "menu",
    "dl",
    "blockquote",
    "pre",
    "listing",
    "xmp",
    "plaintext",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "figure",
    "img",
];
/// Nodes of a list looked at, at most, to tell what it holds: a longer one is read as
/// blocks.
const MAX_LOOKED_AT: usize = 10_000;

/// The definition list being read.
#[derive(Default)]
pub(super) struct Defining {
    definitions: Vec<Definition>,
    /// Whether the text read is a term's.
    term: bool,
}

/// Whether the `<dl>` at `list` holds text only.
fn holds_text_only(list: &Handle) -> bool {
    let mut stack: Vec<Handle> = list.children.borrow().iter().map(Rc::clone).collect();
    let mut looked_at = 0;
    while let Some(node) = stack.pop() {
        looked_at += 1;
        if looked_at > MAX_LOOKED_AT {
            return false;
        }
        if let NodeData::Element { name, .. } = &node.data {
            let name = &*name.local;
            if OTHER_BLOCKS.contains(&name) {
                return false;
            }
            if DROPPED.contains(&name) {
                continue;
            }
        }
        stack.extend(node.children.borrow().iter().map(Rc::clone));
    }
    true
}

impl Builder<'_> {
    /// Whether the `<dl>` at `node` becomes a definition list here: at the top level, with
    /// text only in it.
    pub(super) fn may_define(&self, node: &Handle) -> bool {
        self.containers.is_empty()
            && self.defining.is_none()
            && self.cells == 0
            && self.headings == 0
            && self.captions == 0
            && holds_text_only(node)
    }

    pub(super) fn start_definitions(&mut self) {
        self.flush();
        self.defining = Some(Defining::default());
    }

    pub(super) fn end_definitions(&mut self) {
        self.flush();
        let defining = self.defining.take().unwrap_or_default();
        if !defining.definitions.is_empty() {
            self.blocks.push(Block::Definitions(defining.definitions));
        }
    }

    /// The start (`Some(true)` for a term, `Some(false)` for a description) or the end
    /// (`None`) of a term or description.
    pub(super) fn definition_part(&mut self, term: Option<bool>) {
        self.flush();
        if let Some(defining) = &mut self.defining {
            defining.term = term.unwrap_or(false);
        }
    }

    /// Adds a paragraph to the definition list being read; gives it back when there is none.
    pub(super) fn add_definition_text(&mut self, spans: Vec<Span>) -> Result<(), Vec<Span>> {
        let Some(defining) = &mut self.defining else {
            return Err(spans);
        };
        match defining.definitions.last_mut() {
            _ if defining.term => defining.definitions.push(Definition {
                term: spans,
                details: Vec::new(),
            }),
            Some(last) => last.details.push(spans),
            None => defining.definitions.push(Definition {
                term: Vec::new(),
                details: vec![spans],
            }),
        }
        Ok(())
    }
}
