//! Lays an article out as lines of a given width: title, byline, then the body blocks, each
//! line with styled runs, and room for the pictures. Done once per article and width and
//! cached by the app; the reading pane only turns the visible lines into terminal text and
//! paints the pictures it has into their room.

use textwrap::core::display_width;

use super::room::{Known, Room, room};
use super::{Article, Block, Definition, Picture, Span, SpanStyle};

mod script;
mod table;
mod text;

use text::{LongWords, hard_break, prefix_only, wrap_text};

/// What a run of text is, so the theme can style it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Title,
    Byline,
    Tags,
    Heading,
    Text,
    Quote,
    Caption,
    ImageLabel,
    Marker,
    Code,
}

/// A run of one style within a line: it ends at byte `end` of the line's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    pub end: usize,
    pub role: Role,
    pub style: SpanStyle,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    pub runs: Vec<Run>,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    /// The runs with their byte ranges.
    pub fn segments(&self) -> impl Iterator<Item = (std::ops::Range<usize>, Role, SpanStyle)> + '_ {
        let mut start = 0;
        self.runs.iter().map(move |run| {
            let range = start..run.end;
            start = run.end;
            (range, run.role, run.style)
        })
    }
}

/// An article laid out at one width.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Wrapped {
    pub width: usize,
    pub lines: Vec<Line>,
    /// The room kept for each picture, in order: its lines are blank.
    pub pictures: Vec<Slot>,
}

/// Where a picture goes in a laid-out article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// The address of the size of the picture that fits this width.
    pub url: String,
    /// The first of the lines it takes; it takes `room.rows` lines.
    pub line: usize,
    pub room: Room,
}

impl Slot {
    pub fn lines(&self) -> std::ops::Range<usize> {
        self.line..self.line + usize::from(self.room.rows)
    }
}

/// How pictures are laid out when they are shown.
pub struct PictureLayout<'a> {
    /// The most rows a picture takes.
    pub max_rows: u16,
    /// What is known of a picture, by the address fetched for it.
    pub known: &'a dyn Fn(&str) -> Known,
}

/// Lays out `article` at `width` columns, under a one-line `byline` (source, author, date),
/// with pictures as their label and caption.
pub fn wrap_article(article: &Article, byline: &str, width: usize) -> Wrapped {
    wrap_article_with(article, byline, None, width, None)
}

/// Lays out `article` as [`wrap_article`] does, with a `note` under the byline (where the
/// text shown comes from) and room for its pictures when `pictures` is given.
pub fn wrap_article_with(
    article: &Article,
    byline: &str,
    note: Option<&str>,
    width: usize,
    pictures: Option<&PictureLayout>,
) -> Wrapped {
    let mut out = Builder {
        width: width.max(1),
        lines: Vec::new(),
        pictures,
        slots: Vec::new(),
    };
    out.paragraph(
        &[Span::plain(&article.title)],
        Role::Title,
        strong(),
        ("", ""),
    );
    out.paragraph(
        &[Span::plain(byline)],
        Role::Byline,
        SpanStyle::default(),
        ("", ""),
    );
    if let Some(note) = note {
        out.paragraph(
            &[Span::plain(note)],
            Role::Byline,
            SpanStyle::default(),
            ("", ""),
        );
    }
    if !article.tags.is_empty() {
        let tags: Vec<&str> = article.tags.iter().map(|t| t.as_str()).collect();
        let tags = format!("Tags: {}", tags.join(", "));
        out.paragraph(
            &[Span::plain(tags)],
            Role::Tags,
            SpanStyle::default(),
            ("", ""),
        );
    }
    for block in &article.body.blocks {
        out.blank();
        out.block(block);
    }
    Wrapped {
        width: out.width,
        lines: out.lines,
        pictures: out.slots,
    }
}

/// The address and room of each picture of `article` laid out at `width`, in order, as
/// [`wrap_article_with`] would lay them out (without wrapping the text).
pub fn picture_slots(
    article: &Article,
    width: usize,
    layout: &PictureLayout,
) -> Vec<(String, Room)> {
    article
        .body
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Image {
                picture: Some(picture),
                ..
            } => Some(place(picture, width.max(1), layout)),
            _ => None,
        })
        .collect()
}

/// The address of the size of `picture` that fits `width` columns, and its room there.
fn place(picture: &Picture, width: usize, layout: &PictureLayout) -> (String, Room) {
    let width = u16::try_from(width).unwrap_or(u16::MAX);
    // A column shows one pixel across.
    let url = picture.address_for(u32::from(width)).to_string();
    let known = match (layout.known)(&url) {
        Known::Unknown => picture
            .dimensions
            .map_or(Known::Unknown, |(w, h)| Known::Size(w, h)),
        known => known,
    };
    let room = room(known, width, layout.max_rows);
    (url, room)
}

/// How far a definition's descriptions are indented under its term.
const DEFINITION_INDENT: usize = 4;

fn strong() -> SpanStyle {
    SpanStyle {
        strong: true,
        ..SpanStyle::default()
    }
}

struct Builder<'a> {
    width: usize,
    lines: Vec<Line>,
    pictures: Option<&'a PictureLayout<'a>>,
    slots: Vec<Slot>,
}

impl Builder<'_> {
    fn blank(&mut self) {
        let after_picture = self
            .slots
            .last()
            .is_some_and(|slot| slot.lines().end == self.lines.len());
        if after_picture || self.lines.last().is_some_and(|line| !line.is_blank()) {
            self.lines.push(Line::default());
        }
    }

    /// Keeps blank lines as room for a picture, sized for what is known of it.
    fn picture_room(&mut self, picture: &Picture, layout: &PictureLayout) {
        let (url, room) = place(picture, self.width, layout);
        self.slots.push(Slot {
            url,
            line: self.lines.len(),
            room,
        });
        self.lines
            .extend(std::iter::repeat_n(Line::default(), usize::from(room.rows)));
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Heading(text) => {
                self.paragraph(&[Span::plain(text)], Role::Heading, strong(), ("", ""));
            }
            Block::Paragraph(spans) => {
                self.paragraph(spans, Role::Text, SpanStyle::default(), ("", ""));
            }
            Block::List(items) => {
                for item in items {
                    // Deep nesting indents at most half the width, so the text keeps room.
                    let depth = usize::from(item.depth).min(self.width / 4);
                    let indent = "  ".repeat(depth);
                    let marker = match item.number {
                        Some(n) => format!("{indent}{n}. "),
                        None => format!("{indent}• "),
                    };
                    let hanging = " ".repeat(display_width(&marker));
                    self.paragraph(
                        &item.spans,
                        Role::Text,
                        SpanStyle::default(),
                        (&marker, &hanging),
                    );
                }
            }
            Block::Quote(paragraphs) => {
                for (i, spans) in paragraphs.iter().enumerate() {
                    if i > 0 {
                        self.lines.push(prefix_only("│ "));
                    }
                    self.paragraph(spans, Role::Quote, SpanStyle::default(), ("│ ", "│ "));
                }
            }
            Block::Code(code) => self.code(code),
            Block::Rule => self.lines.push(Line {
                text: "─".repeat(self.width),
                runs: vec![Run {
                    end: "─".len() * self.width,
                    role: Role::Marker,
                    style: SpanStyle::default(),
                }],
            }),
            Block::Table(table) => {
                if !table.caption.is_empty() {
                    self.paragraph(
                        &table.caption,
                        Role::Caption,
                        SpanStyle::default(),
                        ("", ""),
                    );
                }
                table::lay_out(&mut self.lines, table, self.width);
            }
            Block::Definitions(definitions) => self.definitions(definitions),
            Block::Links(urls) => {
                self.paragraph(&[Span::plain("Links")], Role::Heading, strong(), ("", ""));
                for (n, url) in urls.iter().enumerate() {
                    let marker = format!("[{}] ", n + 1);
                    let hanging = " ".repeat(display_width(&marker));
                    let url = [Span::plain(url)];
                    self.paragraph(
                        &url,
                        Role::Byline,
                        SpanStyle::default(),
                        (&marker, &hanging),
                    );
                }
            }
            Block::Image {
                caption,
                picture: Some(picture),
                ..
            } if self.pictures.is_some() => {
                if let Some(layout) = self.pictures {
                    self.picture_room(picture, layout);
                }
                self.paragraph(
                    &[Span::plain(caption)],
                    Role::Caption,
                    SpanStyle::default(),
                    ("", ""),
                );
            }
            Block::Image { label, caption, .. } => {
                let label = if label.is_empty() { "image" } else { label };
                let label = format!("[{label}]");
                self.paragraph(
                    &[Span::plain(label)],
                    Role::ImageLabel,
                    SpanStyle::default(),
                    ("", ""),
                );
                self.paragraph(
                    &[Span::plain(caption)],
                    Role::Caption,
                    SpanStyle::default(),
                    ("", ""),
                );
            }
        }
    }

    /// Wraps styled spans to the width, with `prefixes.0` before the first line and
    /// `prefixes.1` before the others (list markers, quote bars).
    fn paragraph(&mut self, spans: &[Span], role: Role, base: SpanStyle, prefixes: (&str, &str)) {
        wrap_text(
            &mut self.lines,
            spans,
            (role, base),
            self.width,
            prefixes,
            LongWords::Break,
        );
    }

    /// Each term on a line, strong, and its descriptions indented under it; a blank line
    /// before a term that follows descriptions.
    fn definitions(&mut self, definitions: &[Definition]) {
        let indent = " ".repeat(DEFINITION_INDENT.min(self.width / 4));
        let mut described = false;
        for definition in definitions {
            if described && !definition.term.is_empty() {
                self.blank();
            }
            self.paragraph(&definition.term, Role::Text, strong(), ("", ""));
            for detail in &definition.details {
                self.paragraph(detail, Role::Text, SpanStyle::default(), (&indent, &indent));
            }
            described = !definition.details.is_empty();
        }
    }

    fn code(&mut self, code: &str) {
        let available = self.width.saturating_sub(2).max(1);
        for source_line in code.lines() {
            let expanded = source_line.replace('\t', "    ");
            for piece in hard_break(&expanded, available) {
                let text = format!("  {piece}");
                self.lines.push(Line {
                    runs: vec![Run {
                        end: text.len(),
                        role: Role::Code,
                        style: SpanStyle {
                            code: true,
                            ..SpanStyle::default()
                        },
                    }],
                    text,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests;
