//! HTML bodies (a feed item's content or summary) into the one `Body` model, via html5ever.

use std::collections::HashMap;
use std::rc::Rc;

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{Attribute, ParseOpts, parse_document};
use markup5ever_rcdom::{Handle, NodeData, RcDom};

use super::img;

mod definitions;
mod flow;
mod inline;
mod nesting;
mod self_closing;
mod table;

pub use inline::inline_text;
pub(crate) use nesting::flatten_deep_nesting;

use url::Url;

use crate::model::{Block, Body, Definition, ListItem, Picture, Script, Span, SpanStyle};
use crate::net;
use crate::sanitize::clean_line;
use definitions::Defining;
use table::{CellSpan, TableBuilder, TableMode};

/// Elements deeper than this lose their meaning: their text is read as plain inline text.
const MAX_DEPTH: usize = 200;
/// Input is handed to the parser in pieces of this many bytes (at most).
const CHUNK: usize = 1 << 20;

/// Converts an HTML fragment or document (a feed item's content or summary) into a body.
/// `base_url`, when it is a web address, resolves relative links.
pub fn to_body(html: &str, base_url: Option<&str>) -> Body {
    let closed = self_closing::close_self_closed(html);
    let flat = flatten_deep_nesting(&closed);
    let html = flat.as_ref();
    let mut parser = parse_document(RcDom::default(), ParseOpts::default());
    let mut start = 0;
    while start < html.len() {
        let mut end = (start + CHUNK).min(html.len());
        while !html.is_char_boundary(end) {
            end += 1;
        }
        parser.process(StrTendril::from_slice(&html[start..end]));
        start = end;
    }
    let dom = parser.finish();
    let base = base_url.and_then(net::web_base);
    let mut builder = Builder {
        base: base.as_ref(),
        plain_text: !has_tags(html),
        ..Builder::default()
    };
    builder.walk(&dom.document);
    builder.finish()
}

/// What an element means to the builder; kept on the walk's stack until the element ends.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// No meaning of its own (span, font, ...): only its content counts.
    Transparent,
    /// A block container: ends the text before it and its own text at its end.
    Block,
    /// A block inside a table cell: ends a line of the cell's text, if it has one.
    Edge,
    /// A cell of a table inside a cell, where it only separates words.
    Space,
    Heading,
    Strong,
    Emphasis,
    Code,
    Link,
    List,
    Item,
    Quote,
    Pre,
    /// `<sup>` or `<sub>`.
    Script(Script),
    Table(TableMode),
    Row,
    Cell(CellSpan),
    TableCaption,
    TableHead,
    Definitions,
    /// `<dt>` (`true`) or `<dd>` of the definition list being read.
    Definition(bool),
    Figure,
    Caption,
}

enum Step {
    Enter(Handle, usize),
    Exit(Kind),
}

/// A container that is open around the current text.
#[derive(Debug)]
enum Container {
    Quote,
    /// A list and the number of its next item (`None` for bullets).
    List(Option<u64>),
    Item,
}

/// An open `<a>`: its address when it is a link, and whether text was read since its
/// number was last written.
struct LinkFrame {
    url: Option<String>,
    pending: bool,
}

#[derive(Default)]
struct Figure {
    alt: String,
    caption: String,
    picture: Option<Picture>,
    /// How many blocks there were when the figure started (a table in it takes its caption).
    blocks: usize,
}

#[derive(Default)]
struct Builder<'a> {
    /// The address relative links resolve against.
    base: Option<&'a Url>,
    /// The input has no tags: blank lines separate paragraphs.
    plain_text: bool,
    blocks: Vec<Block>,
    /// The lines of the current paragraph, heading, item or cell before its last line
    /// break, and the inline text after it; not yet normalised.
    lines: Vec<Vec<Span>>,
    spans: Vec<Span>,
    strong: usize,
    emphasis: usize,
    code: usize,
    headings: usize,
    links: Vec<LinkFrame>,
    urls: Vec<String>,
    numbers: HashMap<String, usize>,
    containers: Vec<Container>,
    list_depth: usize,
    /// Items of the top-level list being read, and the item whose text is being read.
    items: Vec<ListItem>,
    item: Option<ListItem>,
    quote: Vec<Vec<Span>>,
    pre: usize,
    pre_text: String,
    /// How each open table is read, innermost last.
    tables: Vec<TableMode>,
    /// The table of data being read.
    table: Option<TableBuilder>,
    /// Open cells (and table captions) whose text is a cell's.
    cells: usize,
    /// Open `<sup>` and `<sub>`, innermost last.
    scripts: Vec<Script>,
    defining: Option<Defining>,
    figures: Vec<Figure>,
    captions: usize,
}

impl Builder<'_> {
    /// Walks the tree with an explicit stack, so any depth of nesting is safe.
    fn walk(&mut self, root: &Handle) {
        let mut stack = vec![Step::Enter(Rc::clone(root), 0)];
        while let Some(step) = stack.pop() {
            let (node, depth) = match step {
                Step::Exit(kind) => {
                    self.exit(kind);
                    continue;
                }
                Step::Enter(node, depth) => (node, depth),
            };
            match &node.data {
                NodeData::Document => {}
                NodeData::Text { contents } => {
                    self.text(&contents.borrow());
                    continue;
                }
                NodeData::Element { name, attrs, .. } => {
                    let Some(kind) = self.enter(&node, &name.local, &attrs.borrow(), depth) else {
                        continue;
                    };
                    stack.push(Step::Exit(kind));
                }
                _ => continue,
            }
            let children = node.children.borrow();
            stack.extend(
                children
                    .iter()
                    .rev()
                    .map(|child| Step::Enter(Rc::clone(child), depth + 1)),
            );
        }
    }

    fn finish(mut self) -> Body {
        self.flush();
        self.flush_item();
        if !self.items.is_empty() {
            self.blocks
                .push(Block::List(std::mem::take(&mut self.items)));
        }
        // A rule ends nothing when nothing follows it.
        if self.blocks.last() == Some(&Block::Rule) {
            self.blocks.pop();
        }
        if !self.urls.is_empty() {
            self.blocks
                .push(Block::Links(std::mem::take(&mut self.urls)));
        }
        Body {
            blocks: self.blocks,
        }
    }

    /// Starts an element. `None`: the element is done (dropped, or empty like `<br>`).
    fn enter(
        &mut self,
        node: &Handle,
        name: &str,
        attrs: &[Attribute],
        depth: usize,
    ) -> Option<Kind> {
        if DROPPED.contains(&name) {
            return None;
        }
        if name == "br" {
            self.line_break();
            return None;
        }
        if depth > MAX_DEPTH || self.pre > 0 {
            return Some(Kind::Transparent);
        }
        let mut kind = match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Kind::Heading,
            "b" | "strong" => Kind::Strong,
            "i" | "em" | "cite" => Kind::Emphasis,
            "code" | "kbd" | "samp" | "tt" => Kind::Code,
            "a" => Kind::Link,
            "ul" | "ol" | "menu" => Kind::List,
            "li" if self.list_depth > 0 => Kind::Item,
            "blockquote" => Kind::Quote,
            "pre" | "listing" | "xmp" | "plaintext" => Kind::Pre,
            "sup" => Kind::Script(Script::Super),
            "sub" => Kind::Script(Script::Sub),
            "table" => Kind::Table(self.table_mode(node, attrs)),
            "tr" | "td" | "th" | "caption" | "thead" | "tbody" | "tfoot" => {
                self.table_part(name, attrs)
            }
            "dl" if self.may_define(node) => Kind::Definitions,
            "dt" | "dd" if self.defining.is_some() => Kind::Definition(name == "dt"),
            "figure" => Kind::Figure,
            "figcaption" if self.figures.is_empty() => Kind::Block,
            "figcaption" => Kind::Caption,
            "hr" => {
                self.rule();
                return None;
            }
            "img" => {
                let alt = clean_line(&attr(attrs, "alt").unwrap_or_default());
                let picture =
                    img::picture(|name| attr(attrs, name), |href| net::link(href, self.base));
                self.image(alt, picture);
                return None;
            }
            _ if BLOCKS.contains(&name) => Kind::Block,
            _ => Kind::Transparent,
        };
        if self.cells > 0 {
            kind = match kind {
                Kind::Pre => Kind::Code,
                Kind::Block
                | Kind::Heading
                | Kind::List
                | Kind::Item
                | Kind::Quote
                | Kind::Figure
                | Kind::Caption
                | Kind::Definitions
                | Kind::Definition(_) => Kind::Edge,
                other => other,
            };
        }
        match kind {
            Kind::Transparent => {}
            Kind::Edge => self.edge(),
            Kind::Space => self.spans.push(Span::plain(" ")),
            Kind::Block => self.flush(),
            Kind::Heading => {
                self.flush();
                self.headings += 1;
            }
            Kind::Strong => self.strong += 1,
            Kind::Emphasis => self.emphasis += 1,
            Kind::Code => self.code += 1,
            Kind::Link => {
                let url = attr(attrs, "href").and_then(|href| net::link(&href, self.base));
                self.links.push(LinkFrame {
                    url,
                    pending: false,
                });
            }
            Kind::List => {
                // A nested list ends the text of the item that holds it.
                self.flush_item();
                let number = (name == "ol").then(|| {
                    attr(attrs, "start")
                        .and_then(|s| s.trim().parse().ok())
                        .unwrap_or(1)
                });
                self.containers.push(Container::List(number));
                self.list_depth += 1;
            }
            Kind::Item => self.start_item(attr(attrs, "value")),
            Kind::Quote => {
                self.flush();
                self.containers.push(Container::Quote);
            }
            Kind::Pre => {
                self.flush();
                self.pre = 1;
                self.pre_text.clear();
            }
            Kind::Script(script) => self.scripts.push(script),
            Kind::Table(mode) => self.start_table(mode),
            Kind::Row => self.start_row(),
            Kind::Cell(CellSpan { header, .. }) => {
                self.flush();
                self.cells += 1;
                self.strong += usize::from(header);
            }
            Kind::TableCaption => {
                self.flush();
                self.cells += 1;
            }
            Kind::TableHead => self.set_head(true),
            Kind::Definitions => self.start_definitions(),
            Kind::Definition(term) => self.definition_part(Some(term)),
            Kind::Figure => {
                self.flush();
                self.figures.push(Figure {
                    blocks: self.blocks.len(),
                    ..Figure::default()
                });
            }
            Kind::Caption => {
                self.flush();
                self.captions += 1;
            }
        }
        Some(kind)
    }

    fn exit(&mut self, kind: Kind) {
        match kind {
            Kind::Transparent => {}
            Kind::Edge => self.edge(),
            Kind::Space => self.spans.push(Span::plain(" ")),
            Kind::Block => self.flush(),
            Kind::Heading => {
                self.flush();
                self.headings = self.headings.saturating_sub(1);
            }
            Kind::Strong => self.strong = self.strong.saturating_sub(1),
            Kind::Emphasis => self.emphasis = self.emphasis.saturating_sub(1),
            Kind::Code => self.code = self.code.saturating_sub(1),
            Kind::Link => {
                self.write_link_numbers();
                self.links.pop();
            }
            Kind::List => self.end_list(),
            Kind::Item => {
                self.flush_item();
                self.containers.pop();
            }
            Kind::Quote => {
                self.flush();
                self.containers.pop();
                if self.containers.is_empty() && !self.quote.is_empty() {
                    self.blocks
                        .push(Block::Quote(std::mem::take(&mut self.quote)));
                }
            }
            Kind::Pre => self.end_pre(),
            Kind::Script(_) => {
                self.scripts.pop();
            }
            Kind::Table(mode) => self.end_table(mode),
            Kind::Row => self.end_row(),
            Kind::Cell(span) => {
                self.cells = self.cells.saturating_sub(1);
                self.strong = self.strong.saturating_sub(usize::from(span.header));
                self.end_cell(span);
            }
            Kind::TableCaption => {
                self.cells = self.cells.saturating_sub(1);
                self.end_table_caption();
            }
            Kind::TableHead => self.set_head(false),
            Kind::Definitions => self.end_definitions(),
            Kind::Definition(_) => self.definition_part(None),
            Kind::Figure => self.end_figure(),
            Kind::Caption => {
                self.flush();
                self.captions = self.captions.saturating_sub(1);
            }
        }
    }
}

/// Elements dropped with all their content. Ruby readings (`rt`, and the brackets `rp` puts
/// around them) would stand in line after the characters they are set above, doubling them.
/// MathML is read as the text of its formula (`a+b`), but for the source a formula may carry
/// beside it (`annotation`, TeX or MathML again). What an `<object>` holds is what a browser
/// shows when it cannot play the object, as tidings never can; its `<param>`s are not.
const DROPPED: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "param",
    "embed",
    "svg",
    "head",
    "title",
    "form",
    "input",
    "button",
    "select",
    "textarea",
    "canvas",
    "audio",
    "video",
    "datalist",
    "rt",
    "rp",
    "annotation",
    "annotation-xml",
];

/// Block containers whose direct text forms paragraphs.
const BLOCKS: &[&str] = &[
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "address",
    "details", "summary", "dl", "dt", "dd", "hr", "center", "fieldset", "legend", "hgroup",
    "table", "caption", "thead", "tbody", "tfoot", "li", "body", "html",
];

fn attr(attrs: &[Attribute], name: &str) -> Option<String> {
    attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| a.value.to_string())
}

/// Whether the text has anything that looks like a tag, comment or doctype.
fn has_tags(text: &str) -> bool {
    text.as_bytes().windows(2).any(|pair| {
        pair[0] == b'<' && (pair[1].is_ascii_alphabetic() || matches!(pair[1], b'/' | b'!' | b'?'))
    })
}

#[cfg(test)]
mod tests;
