//! HTML bodies (a feed item's content or summary) into the one `Body` model, via html5ever.

use std::collections::HashMap;
use std::rc::Rc;

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{Attribute, ParseOpts, parse_document};
use markup5ever_rcdom::{Handle, NodeData, RcDom};

use super::{entities, img};

use crate::model::article::normalize_spans;
use crate::model::{Block, Body, ListItem, Picture, Span, SpanStyle};
use crate::sanitize::{clean_line, clean_text};

/// Elements deeper than this lose their meaning: their text is read as plain inline text.
const MAX_DEPTH: usize = 200;
/// Tags nested deeper than this are left out before parsing (their text is kept): the HTML
/// tree builder looks through every open element for many tags, so a hostile feed's 10,000
/// levels would take time quadratic in the depth.
const MAX_PARSED_DEPTH: usize = 256;
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

/// Elements dropped with all their content.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "head",
    "title", "form", "input", "button", "select", "textarea", "canvas", "audio", "video",
    "datalist",
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
/// Elements that have no end tag, or whose end tag may be left out (so they do not nest when
/// it is): they are not counted as a level of nesting.
const NOT_NESTING: [&str; 28] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup",
    "thead", "tbody", "tfoot", "colgroup",
];
/// Elements whose content is text, not tags.
const RAW_TEXT: [&str; 7] = [
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed",
];

/// The HTML with start tags nested deeper than [`MAX_PARSED_DEPTH`] left out, with their end
/// tags; their text is kept. Borrowed unchanged when nothing is that deep. The scan is a rough
/// tokenizer (comments, quoted attributes and raw-text elements are skipped over), enough to
/// count levels.
pub(crate) fn flatten_deep_nesting(html: &str) -> std::borrow::Cow<'_, str> {
    let bytes = html.as_bytes();
    let find = |from: usize, needle: &[u8]| {
        bytes[from.min(bytes.len())..]
            .windows(needle.len())
            .position(|w| w.eq_ignore_ascii_case(needle))
            .map_or(bytes.len(), |at| from + at)
    };
    let (mut depth, mut skipped) = (0usize, 0usize);
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while let Some(at) = bytes[i..].iter().position(|&b| b == b'<') {
        let start = i + at;
        let rest = &bytes[start + 1..];
        if rest.starts_with(b"!--") {
            i = (find(start + 4, b"-->") + 3).min(bytes.len());
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = start + 1 + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            i = start + 1;
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        // The end of the tag: the first `>` outside quotes.
        let mut end = name_start + name_len;
        let mut quote = None;
        while end < bytes.len() {
            match (quote, bytes[end]) {
                (None, b'>') => break,
                (None, q @ (b'"' | b'\'')) => quote = Some(q),
                (Some(q), b) if b == q => quote = None,
                _ => {}
            }
            end += 1;
        }
        let end = (end + 1).min(bytes.len());
        let nests = !NOT_NESTING.contains(&name.as_str()) && !bytes[..end].ends_with(b"/>");
        let leave_out = if RAW_TEXT.contains(&name.as_str()) {
            false
        } else if closing && nests && skipped > 0 {
            skipped -= 1;
            true
        } else if closing && nests {
            depth = depth.saturating_sub(1);
            false
        } else if nests && depth >= MAX_PARSED_DEPTH {
            skipped += 1;
            true
        } else {
            depth += usize::from(nests && !closing);
            false
        };
        if leave_out {
            let flat = out.get_or_insert_with(|| String::with_capacity(html.len()));
            flat.push_str(&html[copied..start]);
            copied = end;
        }
        i = if RAW_TEXT.contains(&name.as_str()) && !closing {
            find(end, format!("</{name}").as_bytes())
        } else {
            end
        };
    }
    match out {
        Some(mut flat) => {
            flat.push_str(&html[copied..]);
            std::borrow::Cow::Owned(flat)
        }
        None => std::borrow::Cow::Borrowed(html),
    }
}

fn has_tags(text: &str) -> bool {
    text.as_bytes().windows(2).any(|pair| {
        pair[0] == b'<' && (pair[1].is_ascii_alphabetic() || matches!(pair[1], b'/' | b'!' | b'?'))
    })
}

/// A link's address as it can be opened, or `None` when it is not a link worth listing:
/// empty, a `#fragment` of the page, a script or data, or relative with no base to join.
pub(super) fn resolve(href: &str, base: Option<&str>) -> Option<String> {
    // Browsers ignore tabs and newlines anywhere in an address.
    let href = clean_text(href).replace(['\t', '\n'], "");
    let href = href.trim().replace(' ', "%20");
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    if let Some((scheme, _)) = href.split_once(':')
        && !scheme.is_empty()
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        let scheme = scheme.to_ascii_lowercase();
        return matches!(scheme.as_str(), "http" | "https" | "ftp" | "mailto").then_some(href);
    }
    if let Some(rest) = href.strip_prefix("//") {
        return Some(format!("https://{rest}"));
    }
    let base = base?;
    let lower = base.get(..8).unwrap_or(base).to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return None;
    }
    let base = base.split(['#', '?']).next().unwrap_or(base);
    let host_start = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[host_start..]
        .find('/')
        .map_or(base.len(), |i| host_start + i);
    let (origin, base_path) = base.split_at(path_start);
    if href.starts_with('?') {
        let path = if base_path.is_empty() { "/" } else { base_path };
        return Some(format!("{origin}{path}{href}"));
    }
    let joined = if href.starts_with('/') {
        href
    } else {
        let dir = base_path.rfind('/').map_or("/", |i| &base_path[..=i]);
        format!("{dir}{href}")
    };
    Some(format!("{origin}{}", remove_dot_segments(&joined)))
}

/// Resolves `.` and `..` segments in a path (its query and fragment left as they are).
fn remove_dot_segments(path: &str) -> String {
    let end = path.find(['?', '#']).unwrap_or(path.len());
    let (path, rest) = path.split_at(end);
    let mut segments: Vec<&str> = Vec::new();
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    for (i, segment) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        match *segment {
            "." | ".." => {
                if *segment == ".." {
                    segments.pop();
                }
                if last {
                    segments.push("");
                }
            }
            other => segments.push(other),
        }
    }
    format!("/{}{rest}", segments.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(html: &str) -> Vec<Block> {
        to_body(html, None).blocks
    }

    fn para(text: &str) -> Block {
        Block::Paragraph(vec![Span::plain(text)])
    }

    fn style(strong: bool, emphasis: bool, code: bool, link: bool) -> SpanStyle {
        SpanStyle {
            strong,
            emphasis,
            code,
            link,
        }
    }

    fn item(depth: u8, number: Option<u64>, text: &str) -> ListItem {
        ListItem {
            depth,
            number,
            spans: vec![Span::plain(text)],
        }
    }

    fn link(text: &str) -> Span {
        Span::styled(text, style(false, false, false, true))
    }

    /// Runs `f` on a thread with the default 2 MB stack of test threads, no bigger.
    fn on_small_stack(f: impl FnOnce() + Send + 'static) {
        let thread = std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn(f)
            .expect("spawn");
        thread.join().expect("no stack overflow or panic");
    }

    #[test]
    fn headings_and_paragraphs() {
        let html = "<h1>Title</h1><p>First  para.</p><div>Loose text<p>inner</p>tail</div>\
                    <section><h3> Sub <em>head</em> </h3></section>";
        assert_eq!(
            blocks(html),
            [
                Block::Heading("Title".into()),
                para("First para."),
                para("Loose text"),
                para("inner"),
                para("tail"),
                Block::Heading("Sub head".into()),
            ]
        );
    }

    #[test]
    fn inline_styles_nest_and_combine() {
        let html = "<p>a <b>bold <i>both <code>all</code></i></b> <kbd>k</kbd> <cite>c</cite></p>";
        assert_eq!(
            blocks(html),
            [Block::Paragraph(vec![
                Span::plain("a "),
                Span::styled("bold ", style(true, false, false, false)),
                Span::styled("both ", style(true, true, false, false)),
                Span::styled("all", style(true, true, true, false)),
                Span::plain(" "),
                Span::styled("k", style(false, false, true, false)),
                Span::plain(" "),
                Span::styled("c", style(false, true, false, false)),
            ])]
        );
    }

    #[test]
    fn links_are_numbered_with_a_closing_list() {
        let html = "<p>See <a href='https://a.example/x'>this</a>, \
                    <a href=\"https://b.example/\">that <b>one</b></a> and \
                    <a href='https://a.example/x'>again</a>.</p>";
        assert_eq!(
            blocks(html),
            [
                Block::Paragraph(vec![
                    Span::plain("See "),
                    link("this"),
                    Span::plain(" [1], "),
                    link("that "),
                    Span::styled("one", style(true, false, false, true)),
                    Span::plain(" [2] and "),
                    link("again"),
                    Span::plain(" [1]."),
                ]),
                Block::Links(vec![
                    "https://a.example/x".into(),
                    "https://b.example/".into()
                ]),
            ]
        );
    }

    #[test]
    fn relative_links_resolve_against_the_base() {
        let html = "<a href='/root'>a</a> <a href='sub/page'>b</a> <a href='//cdn.example/c'>c</a> \
                    <a href='../up?q=1#f'>d</a> <a href='?page=2'>e</a>";
        let body = to_body(html, Some("https://news.example/dir/post.html?x=1"));
        assert_eq!(
            body.blocks.last(),
            Some(&Block::Links(vec![
                "https://news.example/root".into(),
                "https://news.example/dir/sub/page".into(),
                "https://cdn.example/c".into(),
                "https://news.example/up?q=1#f".into(),
                "https://news.example/dir/post.html?page=2".into(),
            ]))
        );
        // Without a base a relative link cannot be opened: its text stays, unnumbered.
        assert_eq!(blocks("<a href='/root'>a</a>"), [para("a")]);
    }

    #[test]
    fn a_base_with_control_characters_is_cleaned() {
        // Found by the `html` fuzz target: the base went into resolved addresses as it was.
        let body = to_body(
            "<a href='c?q'>c</a> <a href='/d'>d</a>",
            Some("https://example.org/a/\u{1b}[2Jb\r/\u{202E}x"),
        );
        assert_eq!(
            body.blocks.last(),
            Some(&Block::Links(vec![
                "https://example.org/a/[2Jb/c?q".into(),
                "https://example.org/d".into(),
            ]))
        );
    }

    #[test]
    fn script_data_and_fragment_links_are_text_only() {
        let html = "<p><a href='javascript:alert(1)'>x</a> <a href=' JavaScript:alert(1)'>y</a> \
                    <a href='data:text/html,hi'>z</a> <a href='#top'>t</a> <a href=''>e</a> \
                    <a href='java\tscript:alert(1)'>w</a> <a>n</a></p>";
        assert_eq!(blocks(html), [para("x y z t e w n")]);
    }

    #[test]
    fn nested_lists_with_numbers_and_start() {
        let html = "<ul><li>one <b>bold</b></li><li>two<ol start='5'><li>five</li>\
                    <li>six<ul><li>deep</li></ul></li></ol>after</li></ul><ol><li>first</li></ol>";
        assert_eq!(
            blocks(html),
            [
                Block::List(vec![
                    ListItem {
                        depth: 0,
                        number: None,
                        spans: vec![
                            Span::plain("one "),
                            Span::styled("bold", style(true, false, false, false)),
                        ],
                    },
                    item(0, None, "two"),
                    item(1, Some(5), "five"),
                    item(1, Some(6), "six"),
                    item(2, None, "deep"),
                    item(0, None, "after"),
                ]),
                Block::List(vec![item(0, Some(1), "first")]),
            ]
        );
    }

    #[test]
    fn blockquotes_hold_paragraphs() {
        let html = "<p>before</p><blockquote><p>one</p><p>two <em>it</em></p></blockquote>";
        assert_eq!(
            blocks(html),
            [
                para("before"),
                Block::Quote(vec![
                    vec![Span::plain("one")],
                    vec![
                        Span::plain("two "),
                        Span::styled("it", style(false, true, false, false)),
                    ],
                ]),
            ]
        );
    }

    #[test]
    fn pre_keeps_newlines_and_tabs() {
        let html = "<pre>\nfn main() {\n\tgo(&amp;x);\n\n  <b>y</b>\n}\n</pre><p>after</p>";
        assert_eq!(
            blocks(html),
            [
                Block::Code("fn main() {\n\tgo(&x);\n\n  y\n}".into()),
                para("after"),
            ]
        );
    }

    #[test]
    fn tables_read_as_rows() {
        let html = "<table><thead><tr><th>Name</th><th>Age</th></tr></thead>\
                    <tbody><tr><td>Ana <i>L.</i></td><td>41</td></tr><tr><td></td><td>x</td></tr></tbody></table>";
        let strong = style(true, false, false, false);
        assert_eq!(
            blocks(html),
            [
                Block::Paragraph(vec![
                    Span::styled("Name", strong),
                    Span::plain(" │ "),
                    Span::styled("Age", strong),
                ]),
                Block::Paragraph(vec![
                    Span::plain("Ana "),
                    Span::styled("L.", style(false, true, false, false)),
                    Span::plain(" │ 41"),
                ]),
                para("x"),
            ]
        );
    }

    #[test]
    fn images_and_figures() {
        let html = "<p>text <img src='a.png' alt=' A  cat '> more</p><img src='b.png'>\
                    <figure><img src='c.png' alt='alt'><figcaption>The <b>caption</b>. Photo: X</figcaption></figure>\
                    <figure><figcaption>Only a caption</figcaption></figure>\
                    <figure><img src='d.png' alt='just alt'></figure>";
        let image = |caption: &str| Block::Image {
            label: "image".into(),
            caption: caption.into(),
            picture: None,
        };
        assert_eq!(
            blocks(html),
            [
                para("text"),
                image("A cat"),
                para("more"),
                image("The caption. Photo: X"),
                image("Only a caption"),
                image("just alt"),
            ]
        );
    }

    #[test]
    fn pictures_keep_their_address_beside_alt_and_caption() {
        let html = "<p>text <img src='/a.png' alt='A cat' width='600' height='400'></p>\
                    <img data-src='lazy.jpg' src='data:image/gif;base64,R0lGOD' srcset='s.jpg 300w'>\
                    <figure><img src='c.png' alt='alt'><figcaption>The caption</figcaption></figure>\
                    <img src='pixel.gif' width='1' height='1'><img src='javascript:x'>\
                    <ul><li>in a list <img src='d.png' alt='listed'></li></ul>";
        let body = to_body(html, Some("https://news.example/2026/story.html"));
        let picture = |src: &str, sizes: &[(&str, u32)], dimensions| {
            Some(Picture {
                src: src.into(),
                sizes: sizes.iter().map(|(u, w)| ((*u).to_string(), *w)).collect(),
                dimensions,
            })
        };
        let image = |caption: &str, picture| Block::Image {
            label: "image".into(),
            caption: caption.into(),
            picture,
        };
        assert_eq!(
            body.blocks,
            [
                para("text"),
                image(
                    "A cat",
                    picture("https://news.example/a.png", &[], Some((600, 400)))
                ),
                image(
                    "",
                    picture(
                        "https://news.example/2026/lazy.jpg",
                        &[("https://news.example/2026/s.jpg", 300)],
                        None
                    )
                ),
                image(
                    "The caption",
                    picture("https://news.example/2026/c.png", &[], None)
                ),
                Block::List(vec![item(0, None, "in a list [image: listed]")]),
            ]
        );
    }

    #[test]
    fn scripts_styles_and_comments_are_dropped_with_content() {
        let html = "<head><title>T</title><style>p{}</style></head><p>a<script>evil()</script>\
                    <!-- hidden -->b<noscript>ns</noscript><svg><text>s</text></svg>\
                    <iframe>f</iframe><form><input value=v><button>go</button></form></p>";
        assert_eq!(blocks(html), [para("ab")]);
    }

    #[test]
    fn entities_decode_and_controls_are_removed() {
        let html =
            "<p>a &amp; b &lt;c&gt; &#x1b;[31mred &#27;]0;t&#7; &#155;x \u{1b}[2J\u{202e}</p>";
        let body = to_body(html, None);
        for c in body.plain_text().chars() {
            assert!(c == '\n' || !c.is_control(), "{c:?} left in {body:?}");
        }
        assert_eq!(body.blocks, [para("a & b <c> [31mred ]0;t ›x [2J")]);
    }

    #[test]
    fn white_space_is_normalised() {
        let html =
            "<p>\n  one\t two  <b>a</b> <i>b</i>\n</p><p> </p><p>&nbsp;</p><p>x<br>y<br><br>z</p>";
        assert_eq!(
            blocks(html),
            [
                Block::Paragraph(vec![
                    Span::plain("one two "),
                    Span::styled("a", style(true, false, false, false)),
                    Span::plain(" "),
                    Span::styled("b", style(false, true, false, false)),
                ]),
                para("x y"),
                para("z"),
            ]
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        on_small_stack(|| {
            let html = format!(
                "{}deep text{}",
                "<div>".repeat(10_000),
                "</div>".repeat(10_000)
            );
            assert_eq!(to_body(&html, None).blocks, [para("deep text")]);
            let html = format!("{}bold", "<b>".repeat(10_000));
            assert_eq!(
                to_body(&html, None).blocks,
                [Block::Paragraph(vec![Span::styled(
                    "bold",
                    style(true, false, false, false)
                )])]
            );
            let html = format!("{}x", "<ul><li>".repeat(10_000));
            assert!(matches!(&to_body(&html, None).blocks[..], [Block::List(_)]));
            let html = "<blockquote><table><tr><td>".repeat(3_000);
            to_body(&html, None);
        });
    }

    #[test]
    fn only_nesting_past_the_limit_is_flattened_before_parsing() {
        let shallow = "<div><p>a <b>b</b><br><img src=x><!-- <div> --><script>'<div>'</script>\
                       <p>unclosed<p>more<ul><li>one<li>two</ul></div>";
        assert!(matches!(
            flatten_deep_nesting(shallow),
            std::borrow::Cow::Borrowed(_)
        ));
        let deep = format!(
            "{}<a href='x>y'>text</a>{}",
            "<div>".repeat(300),
            "</div>".repeat(300)
        );
        let flat = flatten_deep_nesting(&deep);
        assert_eq!(flat.matches("<div>").count(), MAX_PARSED_DEPTH);
        assert_eq!(flat.matches("</div>").count(), MAX_PARSED_DEPTH);
        assert!(flat.contains("text"));
        // A thousand unclosed paragraphs and items do not count as nesting.
        let many = format!("<ul>{}</ul>", "<li><p>item".repeat(1_000));
        assert!(matches!(
            flatten_deep_nesting(&many),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn broken_html_still_gives_text() {
        assert_eq!(
            blocks("<p>one <b>two <i>three</p><p>four</b> five <a href='https://x.example'>six"),
            [
                Block::Paragraph(vec![
                    Span::plain("one "),
                    Span::styled("two ", style(true, false, false, false)),
                    Span::styled("three", style(true, true, false, false)),
                ]),
                Block::Paragraph(vec![
                    Span::styled("four", style(true, true, false, false)),
                    Span::styled(" five ", style(false, true, false, false)),
                    Span::styled("six", style(false, true, false, true)),
                    Span::plain(" [1]"),
                ]),
                Block::Links(vec!["https://x.example".into()]),
            ]
        );
        assert_eq!(blocks("<<p>>x</div></span><"), [para("<"), para(">x<")]);
        assert_eq!(blocks(""), []);
    }

    #[test]
    fn plain_text_becomes_paragraphs() {
        let text = "First line\nstill first.\n\n  \nSecond &amp; last.\n";
        assert_eq!(
            blocks(text),
            [para("First line still first."), para("Second & last.")]
        );
    }
}
