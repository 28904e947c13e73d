//! Markdown articles with optional YAML-like front matter, read with pulldown-cmark.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag as MdTag, TagEnd};

use super::common::{Field, Metadata, empty_article, prepare};
use super::{Origin, Parsed};
use crate::model::span::normalize_spans;
use crate::model::{Block, Body, ListItem, Span, SpanStyle};
use crate::sanitize::{clean_line, clean_text};

/// Parses a Markdown article. Never fails: any text gives an article.
pub fn parse(text: &str, origin: &Origin) -> Parsed {
    let text = prepare(text);
    if text.trim().is_empty() {
        return empty_article(origin);
    }
    let mut meta = Metadata::default();
    let mut warnings = Vec::new();
    let markdown = match split_front_matter(&text) {
        FrontMatter::Closed { fields, rest } => {
            read_front_matter(fields, &mut meta);
            rest
        }
        FrontMatter::Unclosed => {
            warnings.push("front matter is not closed".to_string());
            &text
        }
        FrontMatter::None => &text,
    };

    let mut builder = BodyBuilder::default();
    for event in Parser::new_ext(markdown, Options::empty()) {
        builder.event(event);
    }
    let mut blocks = builder.blocks;
    let found_title = match meta.title() {
        Some(title) => {
            if let Some(Block::Heading(first)) = blocks.first()
                && first.to_lowercase() == title.to_lowercase()
            {
                blocks.remove(0);
            }
            None
        }
        None => builder.first_h1.map(|(index, title)| {
            blocks.remove(index);
            title
        }),
    };
    meta.finish(found_title, Body { blocks }, origin, warnings)
}

enum FrontMatter<'a> {
    None,
    Unclosed,
    Closed { fields: &'a str, rest: &'a str },
}

/// Splits `---` front matter from the Markdown after it.
fn split_front_matter(text: &str) -> FrontMatter<'_> {
    let Some(first_line) = text.split_inclusive('\n').next() else {
        return FrontMatter::None;
    };
    if first_line.trim_end() != "---" {
        return FrontMatter::None;
    }
    let after_open = &text[first_line.len()..];
    let mut offset = 0;
    for line in after_open.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return FrontMatter::Closed {
                fields: &after_open[..offset],
                rest: &after_open[offset + line.len()..],
            };
        }
        offset += line.len();
    }
    FrontMatter::Unclosed
}

/// Reads `key: value` lines; `tags:` may be followed by `- item` lines.
fn read_front_matter(fields: &str, meta: &mut Metadata) {
    let mut in_tag_list = false;
    for line in fields.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if in_tag_list && let Some(item) = trimmed.strip_prefix('-') {
            meta.set(Field::Tags, unquote(item));
            continue;
        }
        in_tag_list = false;
        // Indented lines belong to a nested map this reader does not understand.
        if line.starts_with(char::is_whitespace) {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let field = match key.trim().to_lowercase().as_str() {
            "title" => Field::Title,
            "source" => Field::Source,
            "author" => Field::Author,
            "date" => Field::Date,
            "url" | "link" => Field::Url,
            "tags" | "categories" => Field::Tags,
            _ => continue,
        };
        if field == Field::Tags {
            let value = value.trim();
            in_tag_list = value.is_empty();
            let inner = value
                .strip_prefix('[')
                .and_then(|v| v.strip_suffix(']'))
                .unwrap_or(value);
            let items: Vec<&str> = inner.split(',').map(unquote).collect();
            meta.set(Field::Tags, &items.join(","));
        } else {
            meta.set(field, unquote(value));
        }
    }
}

/// Strips one pair of matching single or double quotes.
fn unquote(value: &str) -> &str {
    let value = value.trim();
    ['"', '\'']
        .iter()
        .find_map(|&quote| value.strip_prefix(quote)?.strip_suffix(quote))
        .unwrap_or(value)
}

/// A container that is open around the current text.
#[derive(Debug)]
enum Container {
    Quote,
    /// A list and the number of its next item (`None` for bullets).
    List(Option<u64>),
    Item,
}

/// Turns pulldown-cmark events into blocks. Top-level lists and quotes become one block each;
/// whatever is nested inside them is flattened into list items or quote paragraphs.
#[derive(Default)]
struct BodyBuilder {
    blocks: Vec<Block>,
    /// The first top-level level-1 heading: its index in `blocks` and its text.
    first_h1: Option<(usize, String)>,
    containers: Vec<Container>,
    /// Inline text of the current paragraph, heading or item.
    spans: Vec<Span>,
    /// Whether the open text block is a heading.
    in_heading: bool,
    emphasis: usize,
    strong: usize,
    /// Open images, whose text is their alt text.
    images: usize,
    alt: String,
    code: Option<String>,
    /// Set between an inline `<script>` or `<style>` tag and its end tag.
    skipping_until: Option<&'static str>,
    /// Items of the top-level list being read.
    items: Vec<ListItem>,
    /// The item whose text is being read.
    item: Option<ListItem>,
    quote: Vec<Vec<Span>>,
}

impl BodyBuilder {
    fn event(&mut self, event: Event) {
        if let Some(end_tag) = self.skipping_until {
            // Only text is skipped, so that styles opened around the script still close.
            match &event {
                Event::Text(_) | Event::Code(_) | Event::SoftBreak | Event::HardBreak => return,
                Event::InlineHtml(html) => {
                    if html.to_lowercase().starts_with(end_tag) {
                        self.skipping_until = None;
                    }
                    return;
                }
                // Inline HTML cannot reach past its paragraph.
                Event::End(TagEnd::Paragraph | TagEnd::Heading(_)) => self.skipping_until = None,
                _ => {}
            }
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text, false),
            Event::Code(text) => self.text(&text, true),
            Event::SoftBreak | Event::HardBreak => self.text(" ", false),
            Event::InlineHtml(html) => {
                let html = html.to_lowercase();
                self.skipping_until = [("<script", "</script"), ("<style", "</style")]
                    .into_iter()
                    .find(|(open, _)| html.starts_with(open) && !html.ends_with("/>"))
                    .map(|(_, close)| close);
            }
            // Raw HTML, rules, and what the options leave off (math, footnotes, task lists).
            _ => {}
        }
    }

    fn start(&mut self, tag: MdTag) {
        match tag {
            MdTag::BlockQuote(_) => self.containers.push(Container::Quote),
            MdTag::List(start) => {
                // A nested list ends the text of the item that holds it.
                self.flush_item();
                self.containers.push(Container::List(start));
            }
            MdTag::Item => {
                self.flush_item();
                let depth = self.list_depth().saturating_sub(1);
                let number = match self.containers.last_mut() {
                    Some(Container::List(Some(next))) => {
                        let number = *next;
                        *next = next.saturating_add(1);
                        Some(number)
                    }
                    _ => None,
                };
                self.containers.push(Container::Item);
                self.item = Some(ListItem {
                    depth: u8::try_from(depth).unwrap_or(u8::MAX),
                    number,
                    spans: Vec::new(),
                });
            }
            MdTag::Heading { .. } => self.in_heading = true,
            MdTag::CodeBlock(_) => self.code = Some(String::new()),
            MdTag::Emphasis => self.emphasis += 1,
            MdTag::Strong => self.strong += 1,
            MdTag::Image { .. } => self.images += 1,
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => self.end_text(None),
            TagEnd::Heading(level) => {
                self.in_heading = false;
                self.end_text(Some(level));
            }
            TagEnd::Emphasis => self.emphasis = self.emphasis.saturating_sub(1),
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            TagEnd::Image => self.end_image(),
            TagEnd::CodeBlock => self.end_code(),
            TagEnd::Item => {
                self.flush_item();
                self.containers.pop();
            }
            TagEnd::List(_) => {
                self.containers.pop();
                if self.list_depth() == 0 {
                    let items = std::mem::take(&mut self.items);
                    if self.containers.is_empty() {
                        self.blocks.push(Block::List(items));
                    } else {
                        let texts = items.into_iter().map(|item| item.spans);
                        self.quote.extend(texts.filter(|spans| !spans.is_empty()));
                    }
                }
            }
            TagEnd::BlockQuote(_) => {
                self.containers.pop();
                if self.containers.is_empty() && !self.quote.is_empty() {
                    self.blocks
                        .push(Block::Quote(std::mem::take(&mut self.quote)));
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str, code: bool) {
        if let Some(code) = &mut self.code {
            code.push_str(text);
        } else if self.images > 0 {
            self.alt.push_str(text);
        } else {
            let style = SpanStyle {
                strong: self.strong > 0,
                emphasis: self.emphasis > 0,
                code,
                ..SpanStyle::default()
            };
            self.spans.push(Span::styled(clean_text(text), style));
        }
    }

    /// Ends a paragraph or heading: a block at the top level, else more text for the open
    /// item or quote.
    fn end_text(&mut self, heading: Option<HeadingLevel>) {
        let spans = normalize_spans(std::mem::take(&mut self.spans));
        if spans.is_empty() {
            return;
        }
        if !self.containers.is_empty() {
            self.add_nested(spans);
            return;
        }
        match heading {
            Some(level) => {
                let text: String = spans.iter().map(|span| span.text.as_str()).collect();
                let text = clean_line(&text);
                if level == HeadingLevel::H1 && self.first_h1.is_none() {
                    self.first_h1 = Some((self.blocks.len(), text.clone()));
                }
                self.blocks.push(Block::Heading(text));
            }
            None => self.blocks.push(Block::Paragraph(spans)),
        }
    }

    /// Adds text inside a list or quote to the open item, or as a paragraph of the quote.
    fn add_nested(&mut self, spans: Vec<Span>) {
        if !self.containers.iter().any(|c| matches!(c, Container::Item)) {
            self.quote.push(spans);
            return;
        }
        // Text after a nested list continues its item as an item of its own.
        let depth = self.list_depth().saturating_sub(1);
        ListItem::continue_open(&mut self.item, depth, spans);
    }

    /// An image in a top-level paragraph is a block of its own, splitting the paragraph
    /// around it; elsewhere its alt text stays in the text.
    fn end_image(&mut self) {
        self.images = self.images.saturating_sub(1);
        if self.images > 0 {
            return;
        }
        let alt = clean_line(&std::mem::take(&mut self.alt));
        if self.in_heading || !self.containers.is_empty() {
            self.spans.push(Span::plain(alt));
            return;
        }
        self.end_text(None);
        if !alt.is_empty() {
            self.blocks.push(Block::Image {
                label: String::new(),
                caption: alt,
                picture: None,
            });
        }
    }

    fn end_code(&mut self) {
        let code = clean_text(&self.code.take().unwrap_or_default());
        let code = code.trim_end_matches('\n');
        if self.containers.is_empty() {
            self.blocks.push(Block::Code(code.to_string()));
        } else {
            let style = SpanStyle {
                code: true,
                ..SpanStyle::default()
            };
            self.add_nested(normalize_spans(vec![Span::styled(code, style)]));
        }
    }

    /// Moves the text read so far into the open item, and the item into the list.
    fn flush_item(&mut self) {
        if !self.spans.is_empty() {
            self.end_text(None);
        }
        if let Some(item) = self.item.take() {
            self.items.push(item);
        }
    }

    fn list_depth(&self) -> usize {
        self.containers
            .iter()
            .filter(|c| matches!(c, Container::List(_)))
            .count()
    }
}

#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;
