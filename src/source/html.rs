//! HTML bodies (a feed item's content or summary) into the one `Body` model, via html5ever.

use std::collections::HashMap;
use std::rc::Rc;

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{Attribute, ParseOpts, parse_document};
use markup5ever_rcdom::{Handle, NodeData, RcDom};

use super::{entities, img};

mod address;
mod inline;
mod nesting;

pub(super) use address::resolve;
pub use inline::inline_text;
pub(crate) use nesting::flatten_deep_nesting;

use crate::model::article::normalize_spans;
use crate::model::{Block, Body, ListItem, Picture, Span, SpanStyle};
use crate::sanitize::{clean_line, clean_text};

/// Elements deeper than this lose their meaning: their text is read as plain inline text.
const MAX_DEPTH: usize = 200;
/// Input is handed to the parser in pieces of this many bytes (at most).
const CHUNK: usize = 1 << 20;

/// Converts an HTML fragment or document (a feed item's content or summary) into a body.
/// `base_url` resolves relative links when given.
pub fn to_body(html: &str, base_url: Option<&str>) -> Body {
    let flat = flatten_deep_nesting(html);
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
    // The base ends up in every resolved address, so it is cleaned the way `href`s are.
    let base = base_url.map(|base| clean_text(base).replace(['\t', '\n'], ""));
    let mut builder = Builder {
        base: base.as_deref(),
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
    /// A block inside a table cell, where it only separates words.
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
    Row,
    Cell {
        header: bool,
    },
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
}

#[derive(Default)]
struct Builder<'a> {
    base: Option<&'a str>,
    /// The input has no tags: blank lines separate paragraphs.
    plain_text: bool,
    blocks: Vec<Block>,
    /// Inline text of the current paragraph, heading, item or row, not yet normalised.
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
    cells: usize,
    /// Whether the current table row has text yet (a cell separator goes before the next).
    row_text: bool,
    figures: Vec<Figure>,
    captions: usize,
    /// `<br>`s since the last text.
    breaks: usize,
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
                    let Some(kind) = self.enter(&name.local, &attrs.borrow(), depth) else {
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
        if !self.urls.is_empty() {
            self.blocks
                .push(Block::Links(std::mem::take(&mut self.urls)));
        }
        Body {
            blocks: self.blocks,
        }
    }

    /// Starts an element. `None`: the element is done (dropped, or empty like `<br>`).
    fn enter(&mut self, name: &str, attrs: &[Attribute], depth: usize) -> Option<Kind> {
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
            "tr" => Kind::Row,
            "td" | "th" => Kind::Cell {
                header: name == "th",
            },
            "figure" => Kind::Figure,
            "figcaption" if self.figures.is_empty() => Kind::Block,
            "figcaption" => Kind::Caption,
            "img" => {
                let alt = clean_line(&attr(attrs, "alt").unwrap_or_default());
                let picture =
                    img::picture(|name| attr(attrs, name), |href| resolve(href, self.base));
                self.image(alt, picture);
                return None;
            }
            _ if BLOCKS.contains(&name) => Kind::Block,
            _ => Kind::Transparent,
        };
        if self.cells > 0 {
            kind = match kind {
                Kind::Pre => Kind::Code,
                Kind::Row => Kind::Cell { header: false },
                Kind::Block
                | Kind::Heading
                | Kind::List
                | Kind::Item
                | Kind::Quote
                | Kind::Figure
                | Kind::Caption => Kind::Space,
                other => other,
            };
        }
        match kind {
            Kind::Transparent => {}
            Kind::Space => self.spans.push(Span::plain(" ")),
            Kind::Block | Kind::Row => {
                self.flush();
                self.row_text = false;
            }
            Kind::Heading => {
                self.flush();
                self.headings += 1;
            }
            Kind::Strong => self.strong += 1,
            Kind::Emphasis => self.emphasis += 1,
            Kind::Code => self.code += 1,
            Kind::Link => {
                let url = attr(attrs, "href").and_then(|href| resolve(&href, self.base));
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
            Kind::Cell { header } => {
                if self.row_text {
                    self.spans.push(Span::plain(" │ "));
                    self.row_text = false;
                }
                self.cells += 1;
                self.strong += usize::from(header);
            }
            Kind::Figure => {
                self.flush();
                self.figures.push(Figure::default());
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
            Kind::Space => self.spans.push(Span::plain(" ")),
            Kind::Block | Kind::Row => self.flush(),
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
            Kind::List => {
                self.flush_item();
                self.containers.pop();
                self.list_depth = self.list_depth.saturating_sub(1);
                if self.list_depth == 0 {
                    let items = std::mem::take(&mut self.items);
                    if self.containers.is_empty() {
                        if !items.is_empty() {
                            self.blocks.push(Block::List(items));
                        }
                    } else {
                        self.quote.extend(items.into_iter().map(|item| item.spans));
                    }
                }
            }
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
            Kind::Cell { header } => {
                self.cells = self.cells.saturating_sub(1);
                self.strong = self.strong.saturating_sub(usize::from(header));
            }
            Kind::Figure => {
                self.flush();
                let figure = self.figures.pop().unwrap_or_default();
                let caption = if figure.caption.is_empty() {
                    figure.alt
                } else {
                    figure.caption
                };
                self.image(caption, figure.picture);
            }
            Kind::Caption => {
                self.flush();
                self.captions = self.captions.saturating_sub(1);
            }
        }
    }

    fn style(&self) -> SpanStyle {
        SpanStyle {
            strong: self.strong > 0,
            emphasis: self.emphasis > 0,
            code: self.code > 0,
            link: self.links.last().is_some_and(|frame| frame.url.is_some()),
        }
    }

    fn text(&mut self, raw: &str) {
        if self.pre > 0 {
            self.pre_text.push_str(raw);
            return;
        }
        if !self.plain_text {
            self.inline_text(raw);
            return;
        }
        // Text without tags: blank lines separate paragraphs.
        let mut blank_before = false;
        for line in raw.split_inclusive('\n') {
            if line.trim().is_empty() {
                blank_before = true;
                continue;
            }
            if blank_before {
                self.flush();
                blank_before = false;
            }
            self.inline_text(line);
        }
    }

    fn inline_text(&mut self, raw: &str) {
        // A reference the feed escaped twice (`&amp;#233;`) is still one after parsing; in
        // code it is more likely shown on purpose.
        let raw = if self.code == 0 {
            entities::decode(raw)
        } else {
            std::borrow::Cow::Borrowed(raw)
        };
        let text = clean_text(&raw);
        if !text.trim().is_empty() {
            self.breaks = 0;
            self.row_text = true;
            if let Some(frame) = self.links.last_mut() {
                frame.pending = frame.url.is_some();
            }
        }
        self.spans.push(Span::styled(text, self.style()));
    }

    /// `<br>`: a space, or the end of a paragraph when two come in a row.
    fn line_break(&mut self) {
        if self.pre > 0 {
            self.pre_text.push('\n');
            return;
        }
        self.breaks += 1;
        if self.breaks >= 2 && self.cells == 0 {
            self.flush();
        } else {
            self.spans.push(Span::plain(" "));
        }
    }

    /// Writes ` [n]` after link text read since the last number.
    fn write_link_numbers(&mut self) {
        for i in 0..self.links.len() {
            let frame = &mut self.links[i];
            let (Some(url), true) = (&frame.url, frame.pending) else {
                continue;
            };
            frame.pending = false;
            let next = self.urls.len() + 1;
            let number = *self.numbers.entry(url.clone()).or_insert(next);
            if number == next {
                self.urls.push(url.clone());
            }
            self.spans.push(Span::plain(format!(" [{number}]")));
        }
    }

    /// An image with its caption and picture: a block of its own at the top level, else its
    /// caption as text in place.
    fn image(&mut self, caption: String, picture: Option<Picture>) {
        if let Some(figure) = self.figures.last_mut()
            && figure.alt.is_empty()
            && figure.picture.is_none()
        {
            figure.alt = caption;
            figure.picture = picture;
            return;
        }
        if self.containers.is_empty() && self.headings == 0 && self.cells == 0 {
            if caption.is_empty() && picture.is_none() {
                return;
            }
            self.flush();
            self.blocks.push(Block::Image {
                label: "image".into(),
                caption,
                picture,
            });
        } else if !caption.is_empty() {
            self.spans
                .push(Span::plain(format!(" [image: {caption}] ")));
        }
    }

    fn end_pre(&mut self) {
        self.pre = 0;
        let code = clean_text(&std::mem::take(&mut self.pre_text));
        let code = code.strip_prefix('\n').unwrap_or(&code).trim_end();
        if code.trim().is_empty() {
            return;
        }
        if self.containers.is_empty() && self.captions == 0 {
            self.blocks.push(Block::Code(code.to_string()));
        } else {
            let style = SpanStyle {
                code: true,
                ..SpanStyle::default()
            };
            self.spans.push(Span::styled(code, style));
            self.flush();
        }
    }

    /// Ends the text read so far: a heading or paragraph at the top level, else more text for
    /// the open figure caption, item or quote.
    fn flush(&mut self) {
        self.write_link_numbers();
        self.breaks = 0;
        let spans = normalize_spans(std::mem::take(&mut self.spans));
        if spans.is_empty() {
            return;
        }
        if self.captions > 0
            && let Some(figure) = self.figures.last_mut()
        {
            let text: String = spans.iter().map(|span| span.text.as_str()).collect();
            if !figure.caption.is_empty() {
                figure.caption.push(' ');
            }
            figure.caption.push_str(&text);
        } else if !self.containers.is_empty() {
            self.add_nested(spans);
        } else if self.headings > 0 {
            let text: String = spans.iter().map(|span| span.text.as_str()).collect();
            self.blocks.push(Block::Heading(clean_line(&text)));
        } else {
            self.blocks.push(Block::Paragraph(spans));
        }
    }

    /// Adds text inside a list to the open item (or a new one), inside a quote to its
    /// paragraphs.
    fn add_nested(&mut self, spans: Vec<Span>) {
        if self.list_depth == 0 {
            self.quote.push(spans);
            return;
        }
        ListItem::continue_open(&mut self.item, self.list_depth.saturating_sub(1), spans);
    }

    fn start_item(&mut self, value: Option<String>) {
        self.flush_item();
        let depth = u8::try_from(self.list_depth.saturating_sub(1)).unwrap_or(u8::MAX);
        let value: Option<u64> = value.and_then(|v| v.trim().parse().ok());
        let number = self.containers.iter_mut().rev().find_map(|c| match c {
            Container::List(Some(next)) => {
                let number = value.unwrap_or(*next);
                *next = number.saturating_add(1);
                Some(Some(number))
            }
            Container::List(None) => Some(None),
            _ => None,
        });
        self.containers.push(Container::Item);
        self.item = Some(ListItem {
            depth,
            number: number.flatten(),
            spans: Vec::new(),
        });
    }

    /// Moves the text read so far into the open item, and the item, if it has text, into
    /// the list.
    fn flush_item(&mut self) {
        self.flush();
        if let Some(item) = self.item.take()
            && !item.spans.is_empty()
        {
            self.items.push(item);
        }
    }
}

/// Elements dropped with all their content. Ruby readings (`rt`, and the brackets `rp` puts
/// around them) would stand in line after the characters they are set above, doubling them.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "head",
    "title", "form", "input", "button", "select", "textarea", "canvas", "audio", "video",
    "datalist", "rt", "rp",
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
