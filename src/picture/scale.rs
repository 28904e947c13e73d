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
mod tests {
    use super::*;

    const R: [u8; 3] = [255, 0, 0];
    const G: [u8; 3] = [0, 255, 0];
    const B: [u8; 3] = [0, 0, 255];
    const W: [u8; 3] = [255, 255, 255];

    fn rgb(rows: &[&[[u8; 3]]]) -> Vec<u8> {
        rows.iter()
            .flat_map(|row| row.iter().flatten().copied())
            .collect()
    }

    fn cell(top: Color, bottom: Color) -> Cell {
        Cell { top, bottom }
    }

    #[test]
    fn a_4x4_picture_at_its_own_size_is_4_columns_by_2_rows() {
        let data = rgb(&[&[R, G, B, W], &[R, G, B, W], &[W, W, R, R], &[B, B, G, G]]);
        let pixels = Pixels {
            width: 4,
            height: 4,
            layout: Layout::Rgb8,
            data: &data,
        };
        let cells = to_cells(&pixels, Room { cols: 10, rows: 10 }, Colours::True).unwrap();
        assert_eq!((cells.cols, cells.rows), (4, 2));
        let c = |[r, g, b]: [u8; 3]| Color::Rgb(r, g, b);
        assert_eq!(
            cells.row(0),
            [
                cell(c(R), c(R)),
                cell(c(G), c(G)),
                cell(c(B), c(B)),
                cell(c(W), c(W))
            ]
        );
        assert_eq!(
            cells.row(1),
            [
                cell(c(W), c(B)),
                cell(c(W), c(B)),
                cell(c(R), c(G)),
                cell(c(R), c(G))
            ]
        );
        // The same in the 256-colour palette.
        let cells = to_cells(&pixels, Room { cols: 10, rows: 10 }, Colours::Palette256).unwrap();
        let i = Color::Indexed;
        assert_eq!(
            cells.row(1),
            [
                cell(i(231), i(21)),
                cell(i(231), i(21)),
                cell(i(196), i(46)),
                cell(i(196), i(46))
            ]
        );
    }

    #[test]
    fn a_4x4_picture_in_a_2x1_room_averages_each_quarter() {
        // Quarters: red, blue / white, black.
        let k = [0, 0, 0];
        let data = rgb(&[&[R, R, B, B], &[R, R, B, B], &[W, W, k, k], &[W, W, k, k]]);
        let pixels = Pixels {
            width: 4,
            height: 4,
            layout: Layout::Rgb8,
            data: &data,
        };
        let cells = to_cells(&pixels, Room { cols: 2, rows: 1 }, Colours::True).unwrap();
        assert_eq!((cells.cols, cells.rows), (2, 1));
        assert_eq!(
            cells.row(0),
            [
                cell(Color::Rgb(255, 0, 0), Color::Rgb(255, 255, 255)),
                cell(Color::Rgb(0, 0, 255), Color::Rgb(0, 0, 0)),
            ]
        );
        // Mixed colours are their mean: a 2×2 of red and blue in one pixel (the upper half of
        // a cell: the picture is as tall as it is wide) is purple.
        let data = rgb(&[&[R, B], &[B, R]]);
        let pixels = Pixels {
            width: 2,
            height: 2,
            layout: Layout::Rgb8,
            data: &data,
        };
        let cells = to_cells(&pixels, Room { cols: 1, rows: 1 }, Colours::True).unwrap();
        assert_eq!(cells.row(0), [cell(Color::Rgb(127, 0, 127), Color::Reset)]);
    }

    #[test]
    fn transparency_shows_the_background_and_odd_heights_leave_half_a_cell() {
        // 1×3: opaque red, transparent, half-transparent green over nothing.
        let data = [255, 0, 0, 255, 9, 9, 9, 0, 0, 255, 0, 200];
        let pixels = Pixels {
            width: 1,
            height: 3,
            layout: Layout::Rgba8,
            data: &data,
        };
        let cells = to_cells(&pixels, Room { cols: 4, rows: 4 }, Colours::True).unwrap();
        assert_eq!((cells.cols, cells.rows), (1, 2));
        assert_eq!(cells.row(0), [cell(Color::Rgb(255, 0, 0), Color::Reset)]);
        assert_eq!(cells.row(1), [cell(Color::Rgb(0, 255, 0), Color::Reset)]);
    }

    #[test]
    fn wide_and_tall_pictures_fit_their_room_keeping_their_shape() {
        let wide = vec![128u8; 400 * 100];
        let pixels = Pixels {
            width: 400,
            height: 100,
            layout: Layout::L8,
            data: &wide,
        };
        let cells = to_cells(&pixels, Room { cols: 80, rows: 20 }, Colours::True).unwrap();
        assert_eq!((cells.cols, cells.rows), (80, 10));
        let tall = vec![128u8; 100 * 400];
        let pixels = Pixels {
            width: 100,
            height: 400,
            ..pixels
        };
        let cells = to_cells(&pixels, Room { cols: 80, rows: 20 }, Colours::True).unwrap();
        assert_eq!((cells.cols, cells.rows), (10, 20));
        // Short data is refused, not read past its end.
        let pixels = Pixels {
            data: &tall[..10],
            ..pixels
        };
        assert_eq!(
            to_cells(&pixels, Room { cols: 8, rows: 8 }, Colours::True),
            None
        );
    }

    #[test]
    fn sixteen_bit_and_float_samples_read_as_bytes() {
        let data: Vec<u8> = [0xFFFFu16, 0x8000, 0x0000]
            .iter()
            .flat_map(|s| s.to_ne_bytes())
            .collect();
        let pixels = Pixels {
            width: 1,
            height: 1,
            layout: Layout::Rgb16,
            data: &data,
        };
        let cells = to_cells(&pixels, Room { cols: 1, rows: 1 }, Colours::True).unwrap();
        assert_eq!(cells.row(0)[0].top, Color::Rgb(255, 128, 0));
        let data: Vec<u8> = [1.0f32, 0.5, -3.0, f32::NAN]
            .iter()
            .flat_map(|s| s.to_ne_bytes())
            .collect();
        let pixels = Pixels {
            width: 1,
            height: 1,
            layout: Layout::Rgba32F,
            data: &data,
        };
        let cells = to_cells(&pixels, Room { cols: 1, rows: 1 }, Colours::True).unwrap();
        assert_eq!(
            cells.row(0)[0].top,
            Color::Reset,
            "a NaN alpha is transparent"
        );
    }
}
