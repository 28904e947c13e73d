//! Styled text wrapped to a width: a paragraph, list item, quoted paragraph or table cell
//! into lines, each line of the text (between its line breaks) wrapped on its own.

use textwrap::WordSeparator;
use textwrap::core::{Word, break_words, display_width};
use textwrap::wrap_algorithms::{Penalties, wrap_first_fit, wrap_optimal_fit};

use super::{Line, Role, Run, script};
use crate::model::{Script, Span, SpanStyle};

/// What becomes of a word wider than the width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LongWords {
    /// Broken over lines (the text of the reading pane, where nothing may be lost).
    Break,
    /// Cut short with `…` (a table's cell, which keeps its column).
    Cut,
}

/// Wraps styled `spans` to `width` columns into `out`, with `prefixes.0` before the first
/// line and `prefixes.1` before the others (list markers, quote bars), which the width
/// includes. A blank line of the text keeps only the second prefix.
pub(super) fn wrap_text(
    out: &mut Vec<Line>,
    spans: &[Span],
    (role, base): (Role, SpanStyle),
    width: usize,
    prefixes: (&str, &str),
    long_words: LongWords,
) {
    let (plain, styles) = shown(spans, base);
    let prefix_width = display_width(prefixes.0).max(display_width(prefixes.1));
    let available = width.saturating_sub(prefix_width).max(1);
    let widths = [available as f64];
    let base_ptr = plain.as_ptr() as usize;
    let mut first = true;
    let mut blank = false;
    for text in plain.split('\n') {
        let text = text.trim_start();
        if text.trim_end().is_empty() {
            blank = !first;
            continue;
        }
        if std::mem::take(&mut blank) {
            out.push(prefix_only(prefixes.1));
        }
        let words: Vec<Word> = WordSeparator::UnicodeBreakProperties
            .find_words(text)
            .collect();
        let words = match long_words {
            LongWords::Break => break_words(words, available),
            LongWords::Cut => words,
        };
        let lines = wrap_optimal_fit(&words, &widths, &Penalties::new())
            .unwrap_or_else(|_| wrap_first_fit(&words, &widths));
        for line_words in lines {
            let (Some(start), Some(end)) = (line_words.first(), line_words.last()) else {
                continue;
            };
            let start = start.word.as_ptr() as usize - base_ptr;
            let end = end.word.as_ptr() as usize - base_ptr + end.word.len();
            let prefix = if std::mem::take(&mut first) {
                prefixes.0
            } else {
                prefixes.1
            };
            let mut line = styled_line(prefix, &plain, start..end, &styles, role);
            if long_words == LongWords::Cut {
                cut(&mut line, width);
            }
            out.push(line);
        }
    }
}

/// The text of `spans` as it is shown (superscripts and subscripts written on the line),
/// and where each style of it ends, `base` added to every style.
pub(super) fn shown(spans: &[Span], base: SpanStyle) -> (String, Vec<(usize, SpanStyle)>) {
    let mut plain = String::new();
    let mut styles: Vec<(usize, SpanStyle)> = Vec::with_capacity(spans.len());
    let mut push = |text: &str, style: SpanStyle| {
        if text.is_empty() {
            return;
        }
        plain.push_str(text);
        let style = SpanStyle {
            strong: style.strong || base.strong,
            emphasis: style.emphasis || base.emphasis,
            code: style.code || base.code,
            link: style.link || base.link,
            script: style.script,
        };
        styles.push((plain.len(), style));
    };
    let mut rest = spans;
    while let Some(first) = rest.first() {
        // A run of spans set alike above or below the line is written as one.
        let script = first.style.script;
        if script == Script::Normal {
            push(&first.text, first.style);
            rest = &rest[1..];
            continue;
        }
        let run = rest
            .iter()
            .take_while(|span| span.style.script == script)
            .count();
        script::write(&rest[..run], script, &mut push);
        rest = &rest[run..];
    }
    (plain, styles)
}

/// A line of a prefix alone, without its trailing space (a quote's bar between paragraphs).
pub(super) fn prefix_only(prefix: &str) -> Line {
    let text = prefix.trim_end();
    let runs = if text.is_empty() {
        Vec::new()
    } else {
        vec![Run {
            end: text.len(),
            role: Role::Marker,
            style: SpanStyle::default(),
        }]
    };
    Line {
        text: text.to_string(),
        runs,
    }
}

/// One output line: a marker prefix, then `plain[range]` cut into runs at style boundaries.
fn styled_line(
    prefix: &str,
    plain: &str,
    range: std::ops::Range<usize>,
    styles: &[(usize, SpanStyle)],
    role: Role,
) -> Line {
    let mut line = Line {
        text: prefix.to_string(),
        runs: Vec::new(),
    };
    if !prefix.is_empty() {
        line.runs.push(Run {
            end: prefix.len(),
            role: Role::Marker,
            style: SpanStyle::default(),
        });
    }
    let mut span_start = 0;
    for &(span_end, style) in styles {
        let start = span_start.max(range.start);
        let end = span_end.min(range.end);
        span_start = span_end;
        if start >= end {
            continue;
        }
        line.text.push_str(&plain[start..end]);
        line.runs.push(Run {
            end: line.text.len(),
            role,
            style,
        });
    }
    line
}

/// Cuts a line wider than `width` columns to `width`, its last column a `…` in the style of
/// the text it ends.
pub(super) fn cut(line: &mut Line, width: usize) {
    if display_width(&line.text) <= width {
        return;
    }
    let keep = width.saturating_sub(1);
    let (mut used, mut end) = (0, 0);
    for (at, c) in line.text.char_indices() {
        used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used > keep {
            break;
        }
        end = at + c.len_utf8();
    }
    // The run the cut falls in goes on to the `…`; those after it go.
    let (role, style) = match line.runs.iter().position(|run| run.end > end) {
        Some(at) => {
            let run = line.runs[at];
            line.runs.truncate(at);
            (run.role, run.style)
        }
        None => (Role::Marker, SpanStyle::default()),
    };
    line.text.truncate(end);
    line.text.push('…');
    line.runs.push(Run {
        end: line.text.len(),
        role,
        style,
    });
}

/// Cuts a line into pieces of at most `width` columns, at character boundaries.
pub(super) fn hard_break(text: &str, width: usize) -> Vec<&str> {
    if text.is_empty() {
        return vec![""];
    }
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut used = 0;
    for (i, c) in text.char_indices() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width && i > start {
            pieces.push(&text[start..i]);
            start = i;
            used = 0;
        }
        used += w;
    }
    pieces.push(&text[start..]);
    pieces
}
