//! Runs of styled text (`Span`), the text of paragraphs, list items, quotes, definitions
//! and table cells, and how white space and lines in them are folded.

use serde::{Deserialize, Serialize};

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Span {
    pub text: String,
    #[serde(default, skip_serializing_if = "SpanStyle::is_plain")]
    pub style: SpanStyle,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SpanStyle {
    #[serde(default)]
    pub strong: bool,
    #[serde(default)]
    pub emphasis: bool,
    #[serde(default)]
    pub code: bool,
    /// The text of a link (its address is in the article's `Block::Links`).
    #[serde(default)]
    pub link: bool,
    /// Set above or below the line (`<sup>`, `<sub>`): the layout writes it on the line.
    #[serde(default, skip_serializing_if = "Script::is_normal")]
    pub script: Script,
}

impl SpanStyle {
    pub fn is_plain(&self) -> bool {
        *self == Self::default()
    }
}

/// Where text is set: on the line, or above it (a superscript) or below it (a subscript).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Script {
    #[default]
    Normal,
    Super,
    Sub,
}

impl Script {
    pub fn is_normal(&self) -> bool {
        *self == Self::Normal
    }
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            style: SpanStyle::default(),
        }
    }

    pub fn styled(text: impl Into<String>, style: SpanStyle) -> Self {
        Self {
            text: text.into(),
            style,
        }
    }
}

/// Folds white space runs to one space across spans (in the style its first white space
/// character shares with the text on both sides), trims the ends, and merges neighbours of equal style.
pub fn normalize_spans(spans: Vec<Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    let mut pending_space: Option<SpanStyle> = None;
    for span in spans {
        let mut rest = span.text.as_str();
        loop {
            let word = rest.trim_start();
            if word.len() < rest.len() && !out.is_empty() && pending_space.is_none() {
                pending_space = Some(span.style);
            }
            if word.is_empty() {
                break;
            }
            let end = word.find(char::is_whitespace).unwrap_or(word.len());
            if let Some(space) = pending_space.take() {
                let before = out.last().map(|s| s.style).unwrap_or_default();
                let after = span.style;
                let style = SpanStyle {
                    strong: space.strong && before.strong && after.strong,
                    emphasis: space.emphasis && before.emphasis && after.emphasis,
                    code: space.code && before.code && after.code,
                    link: space.link && before.link && after.link,
                    script: if space.script == before.script && before.script == after.script {
                        space.script
                    } else {
                        Script::Normal
                    },
                };
                push_text(&mut out, " ", style);
            }
            push_text(&mut out, &word[..end], span.style);
            rest = &word[end..];
        }
    }
    out
}

/// The text of a block read as lines (the runs between line breaks): each line's white
/// space folded as [`normalize_spans`] folds it, then the lines joined by `\n`. Blank lines
/// at either end are left out, and blank lines between lines of text make one (`\n\n`).
pub fn join_lines(lines: Vec<Vec<Span>>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut blank = false;
    for line in lines {
        let line = normalize_spans(line);
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            let text = if blank { "\n\n" } else { "\n" };
            push_text(&mut out, text, SpanStyle::default());
        }
        blank = false;
        for span in line {
            push_text(&mut out, &span.text, span.style);
        }
    }
    out
}

pub(super) fn push_text(spans: &mut Vec<Span>, text: &str, style: SpanStyle) {
    match spans.last_mut() {
        Some(last) if last.style == style => last.text.push_str(text),
        _ => spans.push(Span::styled(text.to_string(), style)),
    }
}

pub(super) fn push_spans(out: &mut String, spans: &[Span]) {
    for span in spans {
        out.push_str(&span.text);
    }
}
