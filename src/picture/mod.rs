//! Pictures for the reading pane: fetched (politely, through `net`), kept in a disk
//! cache, decoded within fixed bounds and scaled to character cells on worker threads. What
//! comes out is [`Cells`]: two colours a cell, ready for the reader to paint with half blocks,
//! so drawing never decodes, reads or waits.
//!
//! Half blocks need no terminal protocol: they are text with colours, work in tmux and over
//! ssh, and pass through ratatui's buffer like any other text. A sharper terminal protocol
//! (kitty, sixel) would be another `images` setting, whose worker output is an encoded picture
//! in place of `Cells` and whose sequences the event loop writes after a frame; none is here.

pub mod cache;
pub mod decode;
mod jpeg;
mod orient;
pub mod palette;
mod png_rows;
pub mod scale;
pub mod worker;

use ratatui::style::Color;

pub use palette::Colours;

/// One character cell of a picture: the colour of its upper and of its lower pixel;
/// `Color::Reset` where the picture is transparent (the terminal's background shows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub top: Color,
    pub bottom: Color,
}

/// A picture scaled to character cells, row by row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cells {
    pub cols: u16,
    pub rows: u16,
    cells: Vec<Cell>,
}

impl Cells {
    /// `cells` row by row; `None` unless there are exactly `cols * rows` of them.
    pub fn new(cols: u16, rows: u16, cells: Vec<Cell>) -> Option<Self> {
        (cells.len() == usize::from(cols) * usize::from(rows)).then_some(Self { cols, rows, cells })
    }

    /// The cells of row `row` (empty past the last row).
    pub fn row(&self, row: u16) -> &[Cell] {
        let cols = usize::from(self.cols);
        let start = usize::from(row) * cols;
        self.cells.get(start..start + cols).unwrap_or_default()
    }

    /// How many cells it holds, for bounding the memory kept.
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }
}

/// What a worker made of a picture: the cells, and the picture's own size in pixels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drawn {
    pub cells: Cells,
    pub width: u32,
    pub height: u32,
}
