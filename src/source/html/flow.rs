//! The text read and where it goes: the lines of a paragraph (and its line breaks), and the
//! paragraph into the block, list item, quote, definition or caption that holds it.

use super::{Block, Builder, Container, ListItem, Picture, Span, SpanStyle};
use crate::model::span::{join_lines, normalize_spans};
use crate::sanitize::{clean_line, clean_text};
use crate::source::entities;

impl Builder<'_> {
    /// `<br>`: the end of a line of the text being read (a newline in `<pre>`).
    pub(super) fn line_break(&mut self) {
        if self.pre > 0 {
            self.pre_text.push('\n');
            return;
        }
        self.lines.push(std::mem::take(&mut self.spans));
    }

    /// The edge of a block inside a table cell: the end of a line of the cell's text when it
    /// has one since the last line break (so blocks in a row make no blank lines).
    pub(super) fn edge(&mut self) {
        if self.spans.iter().any(|span| !span.text.trim().is_empty()) {
            self.lines.push(std::mem::take(&mut self.spans));
        }
    }

    /// `<hr>`: a rule between blocks at the top level (not first, nor twice in a row), else
    /// the end of a paragraph.
    pub(super) fn rule(&mut self) {
        if self.cells > 0 {
            self.edge();
            return;
        }
        self.flush();
        let top_level = self.containers.is_empty()
            && self.defining.is_none()
            && self.headings == 0
            && self.captions == 0;
        if top_level && !matches!(self.blocks.last(), None | Some(Block::Rule)) {
            self.blocks.push(Block::Rule);
        }
    }

    /// The text read since the last paragraph ended, with its link numbers, its white space
    /// folded and its lines joined.
    pub(super) fn take_text(&mut self) -> Vec<Span> {
        self.write_link_numbers();
        if self.lines.is_empty() {
            return normalize_spans(std::mem::take(&mut self.spans));
        }
        let mut lines = std::mem::take(&mut self.lines);
        lines.push(std::mem::take(&mut self.spans));
        join_lines(lines)
    }

    /// Ends the text read so far: a heading or paragraph at the top level, else more text for
    /// what holds it.
    pub(super) fn flush(&mut self) {
        let spans = self.take_text();
        self.add_text(spans);
    }

    /// Adds a paragraph's text to the open figure caption, item, quote or definition list,
    /// else as a heading or paragraph.
    pub(super) fn add_text(&mut self, spans: Vec<Span>) {
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
            figure.caption.push_str(&clean_line(&text));
        } else if !self.containers.is_empty() {
            self.add_nested(spans);
        } else if self.headings > 0 {
            let text: String = spans.iter().map(|span| span.text.as_str()).collect();
            self.blocks.push(Block::Heading(clean_line(&text)));
        } else if let Err(spans) = self.add_definition_text(spans) {
            self.blocks.push(Block::Paragraph(spans));
        }
    }

    /// Writes ` [n]` after link text read since the last number.
    pub(super) fn write_link_numbers(&mut self) {
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
    pub(super) fn image(&mut self, caption: String, picture: Option<Picture>) {
        if let Some(figure) = self.figures.last_mut()
            && figure.alt.is_empty()
            && figure.picture.is_none()
            && self.cells == 0
        {
            figure.alt = caption;
            figure.picture = picture;
            return;
        }
        let top_level = self.containers.is_empty()
            && self.defining.is_none()
            && self.headings == 0
            && self.cells == 0;
        if top_level {
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

    /// The end of a `<figure>`: its picture with its caption, or, for a figure of a table,
    /// the table's caption.
    pub(super) fn end_figure(&mut self) {
        self.flush();
        let figure = self.figures.pop().unwrap_or_default();
        if figure.picture.is_none()
            && figure.alt.is_empty()
            && self.blocks.len() > figure.blocks
            && let Some(Block::Table(table)) = self.blocks.last_mut()
            && table.caption.is_empty()
        {
            if !figure.caption.is_empty() {
                table.caption = vec![Span::plain(figure.caption)];
            }
            return;
        }
        let caption = if figure.caption.is_empty() {
            figure.alt
        } else {
            figure.caption
        };
        self.image(caption, figure.picture);
    }

    pub(super) fn end_pre(&mut self) {
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

    /// Adds text inside a list to the open item (or a new one), inside a quote to its
    /// paragraphs.
    fn add_nested(&mut self, spans: Vec<Span>) {
        if self.list_depth == 0 {
            self.quote.push(spans);
            return;
        }
        ListItem::continue_open(&mut self.item, self.list_depth.saturating_sub(1), spans);
    }

    pub(super) fn start_item(&mut self, value: Option<String>) {
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
    pub(super) fn flush_item(&mut self) {
        self.flush();
        if let Some(item) = self.item.take()
            && !item.spans.is_empty()
        {
            self.items.push(item);
        }
    }

    /// The end of a list: at the top level a block, in a quote its paragraphs.
    pub(super) fn end_list(&mut self) {
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

    pub(super) fn style(&self) -> SpanStyle {
        SpanStyle {
            strong: self.strong > 0,
            emphasis: self.emphasis > 0,
            code: self.code > 0,
            link: self.links.last().is_some_and(|frame| frame.url.is_some()),
            script: self.scripts.last().copied().unwrap_or_default(),
        }
    }

    pub(super) fn text(&mut self, raw: &str) {
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
        if !text.trim().is_empty()
            && let Some(frame) = self.links.last_mut()
        {
            frame.pending = frame.url.is_some();
        }
        self.spans.push(Span::styled(text, self.style()));
    }
}
