//! A table of data in an article's body: rows of cells, laid out by `wrap` with its columns
//! aligned. Tables that only lay a page out never become one: their text is read as
//! paragraphs.

use serde::{Deserialize, Serialize};

use super::span::{Span, push_spans};

/// A table: its caption and its rows, in order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// What the table shows (`<caption>`), above it; empty when it has none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub caption: Vec<Span>,
    pub rows: Vec<Row>,
}

/// A row of cells, from the first column on. A cell that a cell above reaches into
/// (`rowspan`) is there as an empty cell, so that each cell stays in its column.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// A heading row (in `<thead>`, or a first row of `<th>` cells only): the last of the
    /// heading rows at the top of a table is ruled off from the rest.
    #[serde(default, skip_serializing_if = "is_false")]
    pub header: bool,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// Its text (`\n` breaks a line); a heading cell's is strong.
    #[serde(default)]
    pub spans: Vec<Span>,
    /// How many columns it takes (`colspan`), at least 1.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub columns: u16,
}

impl Cell {
    pub fn new(spans: Vec<Span>, columns: u16) -> Self {
        Self {
            spans,
            columns: columns.max(1),
        }
    }
}

impl Table {
    /// The number of columns: the most any row takes.
    pub fn columns(&self) -> usize {
        self.rows
            .iter()
            .map(|row| row.cells.iter().map(|cell| usize::from(cell.columns)).sum())
            .max()
            .unwrap_or(0)
    }

    /// Adds the caption and each row to `out`, a line each, the cells that have text
    /// separated by ` │ ` (for search, and what a row was before tables were laid out).
    pub fn push_plain_text(&self, out: &mut String) {
        let mut first = true;
        let mut line = |out: &mut String| {
            if !std::mem::take(&mut first) {
                out.push('\n');
            }
        };
        if !self.caption.is_empty() {
            line(out);
            push_spans(out, &self.caption);
        }
        for row in &self.rows {
            let mut cells = row.cells.iter().filter(|cell| !cell.spans.is_empty());
            let Some(cell) = cells.next() else {
                continue;
            };
            line(out);
            push_spans(out, &cell.spans);
            for cell in cells {
                out.push_str(" │ ");
                push_spans(out, &cell.spans);
            }
        }
    }
}

fn one() -> u16 {
    1
}

fn is_one(columns: &u16) -> bool {
    *columns == 1
}

fn is_false(header: &bool) -> bool {
    !*header
}
