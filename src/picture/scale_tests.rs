//! Tests of pictures scaled down to cells.

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
