//! Tables: told apart (data, or a page's layout) before they are read, and a table of data
//! read into rows of cells.
//!
//! A table holds data, and becomes a [`Table`] laid out as a grid, when it is not marked
//! `role="presentation"` (or `none`), has at least two columns (a row of two cells or more)
//! and at least two rows (or one row of short cells, [`MAX_ONE_ROW_WORDS`] words at most
//! each), and none of its cells holds more than [`MAX_CELL_WORDS`] words, a second
//! paragraph, a list, a heading, a quote or preformatted text. Any other table lays a page
//! out: its cells are read as blocks, one after another, like `<div>`s. A table inside a
//! cell of a table is read as text of that cell (its rows on lines of their own). A table of
//! data inside a list, quote, definition list or caption cannot be a grid there: each of its
//! rows becomes a paragraph of its cells separated by ` │ `.

use std::rc::Rc;

use html5ever::Attribute;
use markup5ever_rcdom::{Handle, NodeData};

use super::{Block, Builder, DROPPED, Kind, Span, attr};
use crate::model::words::word_count;
use crate::model::{Cell, Row, Table};

/// Words a cell of a table of data holds at most: more is a column of a page's text.
const MAX_CELL_WORDS: usize = 50;
/// Words each cell of a table of one row holds at most: more is a page's row of columns.
const MAX_ONE_ROW_WORDS: usize = 8;
/// What a cell of a table of data does not hold: the blocks of a page's text.
const PAGE_BLOCKS: &[&str] = &[
    "ul",
    "ol",
    "dl",
    "blockquote",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "article",
    "section",
];
/// Nodes of a table looked at, at most, to tell what it holds.
const MAX_LOOKED_AT: usize = 10_000;
/// Columns (`colspan`) and rows (`rowspan`) a cell takes at most.
const MAX_COLUMNS: u16 = 100;
const MAX_ROWS: u16 = 1000;
/// Empty cells put where cells above reach into a row: at most this many more than the
/// cells read, so that `rowspan`s cannot make a table much larger than its source.
const MAX_FILLERS: usize = 64;

/// How a table is read: see [`holds_data`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum TableMode {
    /// A table of data, laid out as a grid.
    Data,
    /// A table that lays a page out: its cells are read as blocks.
    Layout,
    /// A table inside a cell of a table: its text is read as the cell's.
    Text,
}

/// A table cell as the builder reads it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct CellSpan {
    pub(super) header: bool,
    /// The columns (`colspan`) and rows (`rowspan`) it takes.
    pub(super) columns: u16,
    pub(super) rows: u16,
}

/// Whether the `<table>` at `table` holds data (see the module's rule).
fn holds_data(table: &Handle, attrs: &[Attribute]) -> bool {
    let role = attr(attrs, "role").unwrap_or_default().to_ascii_lowercase();
    if matches!(role.trim(), "presentation" | "none") {
        return false;
    }
    let (mut rows, mut widest) = (0, 0);
    // Per cell of this table: its words and paragraphs.
    let mut cells: Vec<(usize, usize)> = Vec::new();
    // Nodes to look at: each with how many tables inside this one it is in, and the cell
    // of this table it is in.
    let mut stack: Vec<(Handle, usize, Option<usize>)> = children(table, 0, None).collect();
    let mut looked_at = 0;
    while let Some((node, mut nested, mut cell)) = stack.pop() {
        looked_at += 1;
        if looked_at > MAX_LOOKED_AT {
            break;
        }
        match &node.data {
            NodeData::Text { contents } => {
                if let Some(at) = cell {
                    cells[at].0 += word_count(&contents.borrow());
                    if cells[at].0 > MAX_CELL_WORDS {
                        return false;
                    }
                }
                continue;
            }
            NodeData::Element { name, .. } => match &*name.local {
                name if DROPPED.contains(&name) => continue,
                "table" => nested += 1,
                "tr" if nested == 0 => {
                    let count = node
                        .children
                        .borrow()
                        .iter()
                        .filter(|child| is_cell(child))
                        .count();
                    rows += usize::from(count > 0);
                    widest = widest.max(count);
                }
                "td" | "th" if nested == 0 => {
                    cell = Some(cells.len());
                    cells.push((0, 0));
                }
                "p" if cell.is_some() => {
                    let at = cell.unwrap_or_default();
                    cells[at].1 += 1;
                    if cells[at].1 > 1 {
                        return false;
                    }
                }
                name if cell.is_some() && PAGE_BLOCKS.contains(&name) => return false,
                _ => {}
            },
            _ => continue,
        }
        stack.extend(children(&node, nested, cell));
    }
    let short = cells.iter().all(|(words, _)| *words <= MAX_ONE_ROW_WORDS);
    widest >= 2 && (rows >= 2 || (rows == 1 && short))
}

fn children(
    node: &Handle,
    nested: usize,
    cell: Option<usize>,
) -> impl Iterator<Item = (Handle, usize, Option<usize>)> {
    let children: Vec<Handle> = node.children.borrow().iter().map(Rc::clone).collect();
    children.into_iter().map(move |child| (child, nested, cell))
}

fn is_cell(node: &Handle) -> bool {
    matches!(&node.data, NodeData::Element { name, .. } if matches!(&*name.local, "td" | "th"))
}

/// A table of data being read.
#[derive(Default)]
pub(super) struct TableBuilder {
    caption: Vec<Span>,
    rows: Vec<Row>,
    /// The row being read, and whether it has a cell that is not a heading cell.
    row: Option<Row>,
    row_has_data: bool,
    /// The number of the row being read (from 1), empty rows included.
    row_number: usize,
    /// Whether the rows read are in `<thead>`.
    head: bool,
    /// The column of the next cell of the row.
    column: usize,
    /// Cells that reach into rows below (`rowspan`).
    reaching: Vec<Reach>,
    cells: usize,
    fillers: usize,
}

/// A cell that reaches into rows below its own: its column, the columns it takes, and the
/// number of the last row it reaches.
struct Reach {
    column: usize,
    columns: u16,
    last_row: usize,
}

impl TableBuilder {
    fn start_row(&mut self) {
        self.end_row();
        self.row_number += 1;
        let number = self.row_number;
        self.reaching.retain(|reach| reach.last_row >= number);
        self.row = Some(Row {
            header: self.head,
            cells: Vec::new(),
        });
        self.row_has_data = false;
        self.column = 0;
    }

    fn end_row(&mut self) {
        let Some(mut row) = self.row.take() else {
            return;
        };
        if row.cells.iter().all(|cell| cell.spans.is_empty()) {
            return;
        }
        // A row of heading cells only, with none but heading rows above it.
        row.header |= !self.row_has_data && self.rows.iter().all(|row| row.header);
        self.rows.push(row);
    }

    fn add_cell(&mut self, spans: Vec<Span>, span: CellSpan) {
        if self.row.is_none() {
            self.start_row();
        }
        let Some(row) = &mut self.row else {
            return;
        };
        // Where a cell above reaches into this row, an empty cell keeps its columns.
        while self.fillers < self.cells + MAX_FILLERS
            && let Some(reach) = self.reaching.iter().find(|r| r.column == self.column)
        {
            row.cells.push(Cell::new(Vec::new(), reach.columns));
            self.column += usize::from(reach.columns);
            self.fillers += 1;
        }
        if span.rows > 1 {
            self.reaching.push(Reach {
                column: self.column,
                columns: span.columns,
                last_row: self.row_number + usize::from(span.rows) - 1,
            });
        }
        self.cells += 1;
        self.row_has_data |= !span.header;
        self.column += usize::from(span.columns);
        row.cells.push(Cell::new(spans, span.columns));
    }

    fn finish(mut self) -> Option<Table> {
        self.end_row();
        (!self.rows.is_empty()).then_some(Table {
            caption: self.caption,
            rows: self.rows,
        })
    }
}

impl Builder<'_> {
    /// How the `<table>` at `node` is read.
    pub(super) fn table_mode(&self, node: &Handle, attrs: &[Attribute]) -> TableMode {
        if self.cells > 0 || self.table.is_some() {
            TableMode::Text
        } else if holds_data(node, attrs) {
            TableMode::Data
        } else {
            TableMode::Layout
        }
    }

    /// What a row, cell, caption or row group is, in the innermost table.
    pub(super) fn table_part(&self, name: &str, attrs: &[Attribute]) -> Kind {
        let span = |name: &str, most: u16| {
            attr(attrs, name)
                .and_then(|value| value.trim().parse::<u32>().ok())
                .map_or(1, |value| value.clamp(1, u32::from(most)))
                .try_into()
                .unwrap_or(most)
        };
        match (self.tables.last(), name) {
            (Some(TableMode::Data), "tr") => Kind::Row,
            (Some(TableMode::Data), "td" | "th") => Kind::Cell(CellSpan {
                header: name == "th",
                columns: span("colspan", MAX_COLUMNS),
                rows: span("rowspan", MAX_ROWS),
            }),
            (Some(TableMode::Data), "caption") => Kind::TableCaption,
            (Some(TableMode::Data), "thead") => Kind::TableHead,
            (Some(TableMode::Text), "td" | "th") => Kind::Space,
            (Some(TableMode::Text), "tr" | "caption") => Kind::Edge,
            (Some(TableMode::Data | TableMode::Text), _) => Kind::Transparent,
            (Some(TableMode::Layout) | None, _) => Kind::Block,
        }
    }

    pub(super) fn start_row(&mut self) {
        if let Some(table) = &mut self.table {
            table.start_row();
        }
    }

    pub(super) fn end_row(&mut self) {
        if let Some(table) = &mut self.table {
            table.end_row();
        }
    }

    pub(super) fn end_cell(&mut self, span: CellSpan) {
        let spans = self.take_text();
        if let Some(table) = &mut self.table {
            table.add_cell(spans, span);
        }
    }

    pub(super) fn end_table_caption(&mut self) {
        let spans = self.take_text();
        if let Some(table) = &mut self.table
            && !spans.is_empty()
        {
            if !table.caption.is_empty() {
                table.caption.push(Span::plain(" "));
            }
            table.caption.extend(spans);
        }
    }

    pub(super) fn set_head(&mut self, head: bool) {
        if let Some(table) = &mut self.table {
            table.head = head;
        }
    }

    pub(super) fn start_table(&mut self, mode: TableMode) {
        self.tables.push(mode);
        match mode {
            TableMode::Data => {
                self.flush();
                self.table = Some(TableBuilder::default());
            }
            TableMode::Layout => self.flush(),
            TableMode::Text => self.edge(),
        }
    }

    pub(super) fn end_table(&mut self, mode: TableMode) {
        self.tables.pop();
        match mode {
            TableMode::Data => self.end_data(),
            TableMode::Layout => self.flush(),
            TableMode::Text => self.edge(),
        }
    }

    /// The end of a table of data: a block at the top level, else a paragraph for each row.
    fn end_data(&mut self) {
        self.flush();
        let Some(table) = self.table.take().and_then(TableBuilder::finish) else {
            return;
        };
        let top_level = self.containers.is_empty()
            && self.defining.is_none()
            && self.headings == 0
            && self.captions == 0;
        if top_level {
            self.blocks.push(Block::Table(table));
            return;
        }
        self.add_text(table.caption);
        for row in table.rows {
            let mut spans = Vec::new();
            for cell in row.cells.into_iter().filter(|cell| !cell.spans.is_empty()) {
                if !spans.is_empty() {
                    spans.push(Span::plain(" │ "));
                }
                spans.extend(cell.spans);
            }
            self.add_text(spans);
        }
    }
}
