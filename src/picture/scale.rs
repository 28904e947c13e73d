//! Decoded pixels scaled down to fit the room kept for a picture, then turned into cells of
//! two pixels each. Each cell's colour is the mean of the pixels it covers (a box filter,
//! with transparency weighed in), so a reduced picture keeps its tones.

use ratatui::style::Color;

use super::{Cell, Cells, Colours};
use crate::model::room::Room;

/// How the bytes of decoded pixels are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    L8,
    La8,
    Rgb8,
    Rgba8,
    L16,
    La16,
    Rgb16,
    Rgba16,
    Rgb32F,
    Rgba32F,
}

impl Layout {
    pub fn bytes_per_pixel(self) -> usize {
        match self {
            Self::L8 => 1,
            Self::La8 | Self::L16 => 2,
            Self::Rgb8 => 3,
            Self::Rgba8 | Self::La16 => 4,
            Self::Rgb16 => 6,
            Self::Rgba16 => 8,
            Self::Rgb32F => 12,
            Self::Rgba32F => 16,
        }
    }
}

/// Decoded pixels, row by row.
#[derive(Debug, Clone, Copy)]
pub struct Pixels<'a> {
    pub width: u32,
    pub height: u32,
    pub layout: Layout,
    pub data: &'a [u8],
}

/// Pixels as a decoder made them, maybe already scaled down, with the picture's own size.
pub struct Decoded {
    pub width: u32,
    pub height: u32,
    /// The size of `data`, in pixels.
    pub scaled: (u32, u32),
    pub layout: Layout,
    pub data: Vec<u8>,
}

impl Decoded {
    pub fn pixels(&self) -> Pixels<'_> {
        Pixels {
            width: self.scaled.0,
            height: self.scaled.1,
            layout: self.layout,
            data: &self.data,
        }
    }
}

/// The picture scaled to fit `room` (never enlarged), as cells: as many columns as it is
/// pixels wide, half as many rows as it is tall. `None` when the data is shorter than the
/// size says.
pub fn to_cells(pixels: &Pixels, room: Room, colours: Colours) -> Option<Cells> {
    let (w, h) = (u64::from(pixels.width), u64::from(pixels.height));
    let needed = w * h * pixels.layout.bytes_per_pixel() as u64;
    if w == 0 || h == 0 || (pixels.data.len() as u64) < needed {
        return None;
    }
    let (cols, px_rows) = (u64::from(room.cols.max(1)), u64::from(room.rows.max(1)) * 2);
    // The largest scale at most 1 that fits both ways: width w·s <= cols, height h·s <= rows.
    let (tw, th) = if w <= cols && h <= px_rows {
        (w, h)
    } else if w * px_rows >= h * cols {
        (cols, (h * cols / w).max(1))
    } else {
        ((w * px_rows / h).max(1), px_rows)
    };
    let pixels_out = match pixels.layout {
        Layout::L8 => shrink(pixels, tw, th, |p| [p[0], p[0], p[0], 255]),
        Layout::La8 => shrink(pixels, tw, th, |p| [p[0], p[0], p[0], p[1]]),
        Layout::Rgb8 => shrink(pixels, tw, th, |p| [p[0], p[1], p[2], 255]),
        Layout::Rgba8 => shrink(pixels, tw, th, |p| [p[0], p[1], p[2], p[3]]),
        Layout::L16 => shrink(pixels, tw, th, |p| {
            let l = high(p, 0);
            [l, l, l, 255]
        }),
        Layout::La16 => shrink(pixels, tw, th, |p| {
            let l = high(p, 0);
            [l, l, l, high(p, 2)]
        }),
        Layout::Rgb16 => shrink(pixels, tw, th, |p| {
            [high(p, 0), high(p, 2), high(p, 4), 255]
        }),
        Layout::Rgba16 => shrink(pixels, tw, th, |p| {
            [high(p, 0), high(p, 2), high(p, 4), high(p, 6)]
        }),
        Layout::Rgb32F => shrink(pixels, tw, th, |p| {
            [float(p, 0), float(p, 4), float(p, 8), 255]
        }),
        Layout::Rgba32F => shrink(pixels, tw, th, |p| {
            [float(p, 0), float(p, 4), float(p, 8), float(p, 12)]
        }),
    };
    let (tw, th) = (usize::try_from(tw).ok()?, usize::try_from(th).ok()?);
    let rows = th.div_ceil(2);
    let colour = |pixel: Option<&Option<[u8; 3]>>| match pixel {
        Some(Some(rgb)) => colours.colour(*rgb),
        _ => Color::Reset,
    };
    let mut cells = Vec::with_capacity(tw * rows);
    for row in 0..rows {
        for col in 0..tw {
            cells.push(Cell {
                top: colour(pixels_out.get(2 * row * tw + col)),
                bottom: colour(pixels_out.get((2 * row + 1) * tw + col)),
            });
        }
    }
    Cells::new(u16::try_from(tw).ok()?, u16::try_from(rows).ok()?, cells)
}

/// The high byte of the 16-bit sample at `at` (decoders give native byte order).
fn high(p: &[u8], at: usize) -> u8 {
    let sample = u16::from_ne_bytes([p[at], p[at + 1]]);
    u8::try_from(sample >> 8).unwrap_or(u8::MAX)
}

/// A 32-bit float sample at `at`, 0.0–1.0, as a byte.
fn float(p: &[u8], at: usize) -> u8 {
    let sample = f32::from_ne_bytes([p[at], p[at + 1], p[at + 2], p[at + 3]]);
    // `as` saturates, and makes a NaN 0.
    (sample.clamp(0.0, 1.0) * 255.0).round() as u8
}

/// The picture reduced to `tw × th` pixels, each the mean of the source pixels it covers,
/// weighed by their opacity; `None` for a pixel that is mostly transparent.
fn shrink(
    pixels: &Pixels,
    tw: u64,
    th: u64,
    read: impl Fn(&[u8]) -> [u8; 4],
) -> Vec<Option<[u8; 3]>> {
    let (w, h) = (u64::from(pixels.width), u64::from(pixels.height));
    let bpp = pixels.layout.bytes_per_pixel();
    let index = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
    let mut out = Vec::with_capacity(index(tw * th));
    for ty in 0..th {
        let (y0, y1) = (ty * h / th, ((ty + 1) * h / th).max(ty * h / th + 1));
        for tx in 0..tw {
            let (x0, x1) = (tx * w / tw, ((tx + 1) * w / tw).max(tx * w / tw + 1));
            let mut sum = [0u64; 4];
            for y in y0..y1.min(h) {
                let row = index(y * w);
                for x in x0..x1.min(w) {
                    let at = (row + index(x)) * bpp;
                    let [r, g, b, a] = read(&pixels.data[at..at + bpp]);
                    let a = u64::from(a);
                    sum[0] += u64::from(r) * a;
                    sum[1] += u64::from(g) * a;
                    sum[2] += u64::from(b) * a;
                    sum[3] += a;
                }
            }
            let count = (y1.min(h) - y0) * (x1.min(w) - x0);
            let mean_alpha = sum[3] / count.max(1);
            out.push((mean_alpha >= 128).then(|| {
                let channel = |total: u64| u8::try_from(total / sum[3]).unwrap_or(u8::MAX);
                [channel(sum[0]), channel(sum[1]), channel(sum[2])]
            }));
        }
    }
    out
}

#[cfg(test)]
#[path = "scale_tests.rs"]
mod tests;
