//! Markdown articles with optional YAML-like front matter, read with pulldown-cmark.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag as MdTag, TagEnd};

use super::common::{Field, Metadata, empty_article, prepare};
use super::{Origin, Parsed};
use crate::model::article::normalize_spans;
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
                link: false,
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
mod tests {
    use super::*;
    use crate::model::{ArticleId, Tag};
    use chrono::{DateTime, Utc};

    const ORIGIN: Origin = Origin {
        identity: "sample:03-harbour.md",
        file_stem: "03-harbour_notes",
        default_source: "Samples",
    };

    fn parse_md(text: &str) -> Parsed {
        parse(text, &ORIGIN)
    }

    fn blocks(text: &str) -> Vec<Block> {
        parse_md(text).article.body.blocks
    }

    fn tags(parsed: &Parsed) -> Vec<&str> {
        parsed.article.tags.iter().map(Tag::as_str).collect()
    }

    fn para(text: &str) -> Block {
        Block::Paragraph(vec![Span::plain(text)])
    }

    fn style(strong: bool, emphasis: bool, code: bool) -> SpanStyle {
        SpanStyle {
            strong,
            emphasis,
            code,
            link: false,
        }
    }

    fn item(depth: u8, number: Option<u64>, text: &str) -> ListItem {
        ListItem {
            depth,
            number,
            spans: vec![Span::plain(text)],
        }
    }

    #[test]
    fn front_matter_with_every_key() {
        let parsed = parse_md(
            "---\n\
             Title: \"The harbour: a history\"\n\
             source: 'Coast Weekly'\n\
             author: Ana Lima\n\
             date: 2026-09-30T08:15:00Z\n\
             link: https://example.com/harbour\n\
             tags: [Boats, \"Sea\"]\n\
             categories: boats, History\n\
             layout: post\n\
             ---\n\
             Text.\n",
        );
        let article = &parsed.article;
        assert_eq!(article.title, "The harbour: a history");
        assert_eq!(article.source, "Coast Weekly");
        assert_eq!(article.author.as_deref(), Some("Ana Lima"));
        assert_eq!(
            article.published,
            Some(
                DateTime::parse_from_rfc3339("2026-09-30T08:15:00Z")
                    .unwrap()
                    .with_timezone(&Utc)
            )
        );
        assert_eq!(article.url.as_deref(), Some("https://example.com/harbour"));
        assert_eq!(
            article.id,
            ArticleId::from_identity("url:https://example.com/harbour")
        );
        assert_eq!(tags(&parsed), ["Boats", "Sea", "History"]);
        assert_eq!(article.body.blocks, [para("Text.")]);
        assert!(parsed.warnings.is_empty());
    }

    #[test]
    fn front_matter_block_list_tags() {
        let parsed = parse_md(
            "---\ntags:\n  - Boats\n  - \"Sea life\"\n- 'boats'\nauthor: Jo\n  - not a tag\n---\n",
        );
        assert_eq!(tags(&parsed), ["Boats", "Sea life"]);
        assert_eq!(parsed.article.author.as_deref(), Some("Jo"));
        assert_eq!(parsed.article.title, "03 harbour notes");
        assert_eq!(parsed.article.source, "Samples");
        assert_eq!(parsed.article.id, ArticleId::from_identity(ORIGIN.identity));
    }

    #[test]
    fn bad_front_matter_date_warns() {
        let parsed = parse_md("---\ndate: soon\n---\nText.\n");
        assert_eq!(parsed.article.published, None);
        assert_eq!(parsed.warnings, ["unrecognised date \"soon\""]);
    }

    #[test]
    fn first_level_one_heading_is_the_title() {
        let parsed = parse_md("Intro.\n\n## Before\n\n# The *harbour*\n\n# Second\n");
        assert_eq!(parsed.article.title, "The harbour");
        assert_eq!(
            parsed.article.body.blocks,
            [
                para("Intro."),
                Block::Heading("Before".into()),
                Block::Heading("Second".into())
            ]
        );
    }

    #[test]
    fn heading_repeating_the_front_matter_title_is_dropped() {
        let parsed = parse_md("---\ntitle: The Harbour\n---\n\n# the harbour\n\nText.\n");
        assert_eq!(parsed.article.title, "The Harbour");
        assert_eq!(parsed.article.body.blocks, [para("Text.")]);
        let other = parse_md("---\ntitle: The Harbour\n---\n# Boats\n\nText.\n");
        assert_eq!(
            other.article.body.blocks,
            [Block::Heading("Boats".into()), para("Text.")]
        );
    }

    #[test]
    fn inline_styles_nest_and_merge() {
        let plain = SpanStyle::default();
        assert_eq!(
            blocks(
                "Plain *em **both*** **strong** `code` [link *text*](https://x.y)\nnext  line\\\nend"
            ),
            [Block::Paragraph(vec![
                Span::styled("Plain ", plain),
                Span::styled("em ", style(false, true, false)),
                Span::styled("both", style(true, true, false)),
                Span::styled(" ", plain),
                Span::styled("strong", style(true, false, false)),
                Span::styled(" ", plain),
                Span::styled("code", style(false, false, true)),
                Span::styled(" link ", plain),
                Span::styled("text", style(false, true, false)),
                Span::styled(" next line end", plain),
            ])]
        );
    }

    #[test]
    fn nested_bullets_and_numbered_list() {
        assert_eq!(
            blocks("- one\n  - one a\n  - one b\n- two\n\n3. three\n4. four\n   1. four a\n"),
            [
                Block::List(vec![
                    item(0, None, "one"),
                    item(1, None, "one a"),
                    item(1, None, "one b"),
                    item(0, None, "two"),
                ]),
                Block::List(vec![
                    item(0, Some(3), "three"),
                    item(0, Some(4), "four"),
                    item(1, Some(1), "four a"),
                ]),
            ]
        );
    }

    #[test]
    fn loose_list_item_paragraphs_are_joined() {
        assert_eq!(
            blocks("- first\n\n  more\n\n- second\n"),
            [Block::List(vec![
                item(0, None, "first more"),
                item(0, None, "second")
            ])]
        );
    }

    #[test]
    fn quotes_flatten() {
        assert_eq!(
            blocks("> One\n> line.\n>\n> > Inner.\n>\n> - point\n\nAfter.\n"),
            [
                Block::Quote(vec![
                    vec![Span::plain("One line.")],
                    vec![Span::plain("Inner.")],
                    vec![Span::plain("point")],
                ]),
                para("After."),
            ]
        );
    }

    #[test]
    fn fenced_and_indented_code_keep_newlines() {
        assert_eq!(
            blocks("```rust\nfn main() {\n    run();\n}\n```\n\n    indented\n      more\n"),
            [
                Block::Code("fn main() {\n    run();\n}".into()),
                Block::Code("indented\n  more".into()),
            ]
        );
    }

    #[test]
    fn image_splits_its_paragraph() {
        assert_eq!(
            blocks("Before ![The *harbour* at dawn](harbour.jpg) after.\n\n![](empty.png)\n"),
            [
                para("Before"),
                Block::Image {
                    label: String::new(),
                    caption: "The harbour at dawn".into(),
                    picture: None,
                },
                para("after."),
            ]
        );
    }

    #[test]
    fn images_in_headings_and_lists_stay_text() {
        let parsed = parse_md("# Tides ![badge](b.svg)\n\n- see ![map](m.png)\n");
        assert_eq!(parsed.article.title, "Tides badge");
        assert_eq!(
            parsed.article.body.blocks,
            [Block::List(vec![item(0, None, "see map")])]
        );
    }

    #[test]
    fn raw_html_is_dropped() {
        assert_eq!(
            blocks(
                "<script>alert(1)</script>\n\nText <b>bold</b> and <script>alert(2)</script> end.\n\n<div>\nblock\n</div>\n"
            ),
            [para("Text bold and end.")]
        );
    }

    #[test]
    fn rules_are_dropped() {
        assert_eq!(
            blocks("One.\n\n***\n\nTwo.\n"),
            [para("One."), para("Two.")]
        );
    }

    #[test]
    fn unclosed_front_matter_is_text_with_a_warning() {
        let parsed = parse_md("---\ntitle: Open\n\nBody text.\n");
        assert_eq!(parsed.warnings, ["front matter is not closed"]);
        assert_eq!(parsed.article.title, "03 harbour notes");
        assert_eq!(
            parsed.article.body.blocks,
            [para("title: Open"), para("Body text.")]
        );
    }

    #[test]
    fn empty_file() {
        let parsed = parse_md("\u{feff} \r\n\n");
        assert_eq!(parsed.article.title, "03 harbour notes");
        assert!(parsed.article.body.blocks.is_empty());
        assert_eq!(parsed.warnings, ["the file is empty"]);
    }

    #[test]
    fn crlf_input() {
        let parsed = parse_md("---\r\ntitle: T\r\n---\r\nOne\r\ntwo.\r\n");
        assert_eq!(parsed.article.title, "T");
        assert_eq!(parsed.article.body.blocks, [para("One two.")]);
    }

    #[test]
    fn escape_sequences_are_removed_everywhere() {
        let parsed = parse_md(
            "---\nauthor: \x1b[31mEve\ntags: a\x07, b\n---\n\
             # \x1b]0;evil\x07Title\n\n\
             Body &#x1b;[2J *x&#27;y* \u{202e}z\n\n\
             ```\ncode\x1b[1m &#x1b;\n```\n\n\
             ![alt&#x1b;]()\n",
        );
        let article = &parsed.article;
        assert_eq!(article.title, "]0;evilTitle");
        let mut all = vec![
            article.title.clone(),
            article.author.clone().unwrap(),
            article.body.plain_text(),
        ];
        all.extend(article.tags.iter().map(|t| t.to_string()));
        for field in all {
            assert!(!field.contains(['\x1b', '\x07', '\u{202e}']), "{field:?}");
        }
        assert_eq!(
            article.body.blocks[0],
            Block::Paragraph(vec![
                Span::plain("Body [2J "),
                Span::styled("xy", style(false, true, false)),
                Span::plain(" z"),
            ])
        );
    }
}
