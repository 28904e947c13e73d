//! A table laid out at a width. Each column is as wide as its widest cell, and columns are
//! separated by ` │ `. When that is wider than the text, the widest columns are narrowed
//! first, down to the width of the next widest, until the table fits; cells wrap inside
//! their column, and a word wider than its column is cut with `…`. Columns are never
//! narrowed below [`NARROWEST`]: a table with too many columns for that has its lines cut at
//! the width. A cell across columns (`colspan`) takes their widths and the separators
//! between them, and widens them when its longest word would not fit. Heading rows at the
//! top are ruled off from the rest; when a row takes more than one line, a line of the
//! column bars alone separates the rows.

use textwrap::WordSeparator;
use textwrap::core::display_width;

use super::text::{LongWords, cut, shown, wrap_text};
use super::{Line, Role, Run};
use crate::model::{Span, SpanStyle, Table};

/// Between two columns.
const SEPARATOR: &str = " │ ";
const SEPARATOR_WIDTH: usize = 3;
/// Columns are narrowed to this width at least (or their widest cell's, when narrower).
const NARROWEST: usize = 4;

/// A cell and where it is: its first column and how many it takes.
struct Placed<'a> {
    column: usize,
    columns: usize,
    spans: &'a [Span],
}

/// A row laid out: its cells, where they are and their lines.
struct Laid<'a> {
    header: bool,
    placed: &'a [Placed<'a>],
    cells: Vec<Vec<Line>>,
}

impl Laid<'_> {
    /// The lines the row takes.
    fn height(&self) -> usize {
        self.cells.iter().map(Vec::len).max().unwrap_or(0)
    }
}

/// Adds the lines of `table` laid out at `width` columns to `out`.
pub(super) fn lay_out(out: &mut Vec<Line>, table: &Table, width: usize) {
    let count = table.columns();
    if count == 0 {
        return;
    }
    let rows = place(table);
    let widths = widths(&rows, count, width);
    // Each cell's lines at its width: a row of them for each row with text.
    let laid: Vec<Laid> = rows
        .iter()
        .zip(&table.rows)
        .map(|(placed, row)| Laid {
            header: row.header,
            placed,
            cells: lay_cells(placed, row.header, &widths),
        })
        .filter(|row| row.cells.iter().any(|lines| !lines.is_empty()))
        .collect();
    let headers = laid.iter().take_while(|row| row.header).count();
    let tall = laid[headers..].iter().any(|row| row.height() > 1);
    let start = out.len();
    for (n, row) in laid.iter().enumerate() {
        if n == headers && n > 0 {
            out.push(rule(&widths));
        } else if tall && n > headers {
            out.push(bars(&widths));
        }
        // Cells empty to the end of the row are left out.
        let shown = row
            .cells
            .iter()
            .rposition(|lines| !lines.is_empty())
            .map_or(0, |at| at + 1);
        for at in 0..row.height() {
            out.push(row_line(&row.placed[..shown], &row.cells, at, &widths));
        }
    }
    for line in &mut out[start..] {
        cut(line, width);
    }
}

/// Each row's cells with the columns they take.
fn place(table: &Table) -> Vec<Vec<Placed<'_>>> {
    table
        .rows
        .iter()
        .map(|row| {
            let mut column = 0;
            row.cells
                .iter()
                .map(|cell| {
                    let placed = Placed {
                        column,
                        columns: usize::from(cell.columns),
                        spans: &cell.spans,
                    };
                    column += placed.columns;
                    placed
                })
                .collect()
        })
        .collect()
}

/// The lines of each cell of a row at its width; a heading row's are strong.
fn lay_cells(cells: &[Placed], header: bool, widths: &[usize]) -> Vec<Vec<Line>> {
    let base = SpanStyle {
        strong: header,
        ..SpanStyle::default()
    };
    cells
        .iter()
        .map(|cell| {
            let mut lines = Vec::new();
            let width = span_width(widths, cell);
            if width > 0 {
                let (style, prefixes) = ((Role::Text, base), ("", ""));
                wrap_text(
                    &mut lines,
                    cell.spans,
                    style,
                    width,
                    prefixes,
                    LongWords::Cut,
                );
            }
            lines
        })
        .collect()
}

/// The width of each column at `width`.
fn widths(rows: &[Vec<Placed>], count: usize, width: usize) -> Vec<usize> {
    let mut widths = vec![0; count];
    // The longest word of each column: narrower, its words are cut.
    let mut words = vec![0; count];
    let mut spanning = Vec::new();
    for cell in rows.iter().flatten() {
        if cell.columns == 1 {
            widths[cell.column] = widths[cell.column].max(natural(cell.spans));
            words[cell.column] = words[cell.column].max(longest_word(cell.spans));
        } else if !cell.spans.is_empty() {
            spanning.push(cell);
        }
    }
    // A cell across columns needs room for its longest word.
    for cell in &spanning {
        let need = longest_word(cell.spans);
        let have = span_width(&widths, cell);
        if need > have {
            let spanned = &mut widths[cell.column..cell.column + cell.columns];
            share(spanned, need - have, |_| true);
        }
    }
    if total(&widths) > width {
        narrow(&mut widths, &words, width);
    } else {
        // Room to spare lets a cell across columns have its text on one line.
        for cell in &spanning {
            let more = natural(cell.spans).saturating_sub(span_width(&widths, cell));
            let more = more.min(width - total(&widths));
            let spanned = &mut widths[cell.column..cell.column + cell.columns];
            share(spanned, more, |width| width > 0);
        }
    }
    widths
}

/// Adds `more` columns to the `widths` that `takes`, evenly, the first ones one more.
fn share(widths: &mut [usize], more: usize, takes: impl Fn(usize) -> bool) {
    let takers = widths.iter().filter(|&&width| takes(width)).count();
    if takers == 0 || more == 0 {
        return;
    }
    let mut left = more;
    for (n, width) in widths.iter_mut().filter(|width| takes(**width)).enumerate() {
        let part = more / takers + usize::from(n < more % takers);
        *width += part;
        left -= part;
    }
    debug_assert_eq!(left, 0);
}

/// Narrows the widest columns first until the table fits `width`: no column below its
/// longest word, so that cells wrap; when that is not enough, each column as wide as its
/// longest word and the widest of those narrowed, down to [`NARROWEST`] (or a column's own
/// width when narrower), so that words are cut.
fn narrow(widths: &mut [usize], words: &[usize], width: usize) {
    let shown = widths.iter().filter(|&&width| width > 0).count();
    let room = width.saturating_sub(SEPARATOR_WIDTH * shown.saturating_sub(1));
    let natural = widths.to_vec();
    let wrapping = |cap: usize| -> Vec<usize> {
        natural
            .iter()
            .zip(words)
            .map(|(&width, &word)| width.min(cap).max(word.min(width)))
            .collect()
    };
    let cutting = |cap: usize| -> Vec<usize> {
        let cap = cap.max(NARROWEST);
        natural
            .iter()
            .zip(words)
            .map(|(&width, &word)| word.min(width).min(cap))
            .collect()
    };
    let fits = |widths: Vec<usize>| widths.iter().sum::<usize>() <= room;
    let narrowed: &dyn Fn(usize) -> Vec<usize> = if fits(wrapping(0)) {
        &wrapping
    } else {
        &cutting
    };
    // The widest cap that fits (the widths grow with the cap), or the narrowest there is.
    let (mut low, mut high) = (0, natural.iter().copied().max().unwrap_or(0));
    while low < high {
        let middle = (low + high).div_ceil(2);
        if fits(narrowed(middle)) {
            low = middle;
        } else {
            high = middle - 1;
        }
    }
    widths.copy_from_slice(&narrowed(low));
    // What is left goes to the columns a wider cap would widen, the widest first.
    let wider = narrowed(low + 1);
    let mut left = room.saturating_sub(widths.iter().sum());
    let mut order: Vec<usize> = (0..widths.len()).collect();
    order.sort_by_key(|&column| std::cmp::Reverse(natural[column]));
    for column in order {
        if left == 0 {
            break;
        }
        if wider[column] > widths[column] {
            widths[column] += 1;
            left -= 1;
        }
    }
}

/// The width of the table with these column widths.
fn total(widths: &[usize]) -> usize {
    let shown = widths.iter().filter(|&&width| width > 0).count();
    widths.iter().sum::<usize>() + SEPARATOR_WIDTH * shown.saturating_sub(1)
}

/// The width a cell has: its columns' and the separators between them.
fn span_width(widths: &[usize], cell: &Placed) -> usize {
    total(&widths[cell.column..cell.column + cell.columns])
}

/// The width of a cell's widest line.
fn natural(spans: &[Span]) -> usize {
    text(spans)
        .split('\n')
        .map(display_width)
        .max()
        .unwrap_or(0)
}

/// The width of a cell's widest word, as lines are broken (after a hyphen or a slash too).
fn longest_word(spans: &[Span]) -> usize {
    WordSeparator::UnicodeBreakProperties
        .find_words(&text(spans))
        .map(|word| display_width(word.word))
        .max()
        .unwrap_or(0)
}

/// A cell's text as it is shown.
fn text(spans: &[Span]) -> String {
    shown(spans, SpanStyle::default()).0
}

/// Line `at` of a row: each cell's line of that number, padded to its width, between
/// separators.
fn row_line(placed: &[Placed], cells: &[Vec<Line>], at: usize, widths: &[usize]) -> Line {
    let mut line = Line::default();
    let mut shown = false;
    for (cell, lines) in placed.iter().zip(cells) {
        let width = span_width(widths, cell);
        if width == 0 {
            continue;
        }
        if std::mem::replace(&mut shown, true) {
            push(&mut line, SEPARATOR, Role::Marker);
        }
        let start = display_width(&line.text);
        if let Some(piece) = lines.get(at) {
            let offset = line.text.len();
            line.text.push_str(&piece.text);
            line.runs.extend(piece.runs.iter().map(|run| Run {
                end: run.end + offset,
                ..*run
            }));
        }
        let padding = (start + width).saturating_sub(display_width(&line.text));
        push(&mut line, &" ".repeat(padding), Role::Text);
    }
    trim_end(&mut line);
    line
}

/// The rule under the heading rows.
fn rule(widths: &[usize]) -> Line {
    let mut line = Line::default();
    for (n, width) in widths.iter().filter(|&&width| width > 0).enumerate() {
        if n > 0 {
            push(&mut line, "─┼─", Role::Marker);
        }
        push(&mut line, &"─".repeat(*width), Role::Marker);
    }
    line
}

/// The column bars alone, between rows of more than one line.
fn bars(widths: &[usize]) -> Line {
    let mut line = Line::default();
    for (n, width) in widths.iter().filter(|&&width| width > 0).enumerate() {
        if n > 0 {
            push(&mut line, SEPARATOR, Role::Marker);
        }
        push(&mut line, &" ".repeat(*width), Role::Text);
    }
    trim_end(&mut line);
    line
}

/// Removes the spaces a line ends with.
fn trim_end(line: &mut Line) {
    let end = line.text.trim_end().len();
    line.text.truncate(end);
    let mut start = 0;
    line.runs.retain_mut(|run| {
        run.end = run.end.min(end);
        let kept = run.end > start;
        start = run.end;
        kept
    });
}

/// Adds `text` to `line` as a run of `role`.
fn push(line: &mut Line, text: &str, role: Role) {
    if text.is_empty() {
        return;
    }
    line.text.push_str(text);
    line.runs.push(Run {
        end: line.text.len(),
        role,
        style: SpanStyle::default(),
    });
}
