//! Tests of decoding within bounds: good pictures of every format, and hostile ones.

use std::io::Cursor;

use image::codecs::gif::GifEncoder;
use image::{Delay, Frame, ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};
use ratatui::style::Color;

use super::*;

const ROOM: Room = Room { cols: 40, rows: 20 };

/// A 4×4 picture: red, green, blue and white columns.
fn columns() -> RgbImage {
    RgbImage::from_fn(4, 4, |x, _| match x {
        0 => Rgb([255, 0, 0]),
        1 => Rgb([0, 255, 0]),
        2 => Rgb([0, 0, 255]),
        _ => Rgb([255, 255, 255]),
    })
}

fn encoded(image: &RgbImage, format: ImageFormat) -> Vec<u8> {
    let mut bytes = Cursor::new(Vec::new());
    image.write_to(&mut bytes, format).expect("encode");
    bytes.into_inner()
}

/// A PNG whose header says `width`×`height` RGB, with a few bytes of pixel data: a
/// decompression bomb's shape, a few hundred bytes long.
pub(crate) fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend_from_slice(&u32::try_from(data.len()).unwrap().to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&crc.sum().to_be_bytes());
    }
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::new();
    header.extend_from_slice(&width.to_be_bytes());
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &header);
    let mut zeros = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::Write::write_all(&mut zeros, &vec![0u8; 64 * 1024]).unwrap();
    chunk(&mut png, b"IDAT", &zeros.finish().unwrap());
    chunk(&mut png, b"IEND", &[]);
    png
}

#[test]
fn a_png_gives_its_cells_and_size() {
    let drawn = decode(&encoded(&columns(), ImageFormat::Png), ROOM, Colours::True).unwrap();
    assert_eq!((drawn.width, drawn.height), (4, 4));
    assert_eq!((drawn.cells.cols, drawn.cells.rows), (4, 2));
    let colours: Vec<Color> = drawn.cells.row(1).iter().map(|c| c.top).collect();
    assert_eq!(
        colours,
        [
            Color::Rgb(255, 0, 0),
            Color::Rgb(0, 255, 0),
            Color::Rgb(0, 0, 255),
            Color::Rgb(255, 255, 255)
        ]
    );
}

#[test]
fn jpeg_gif_and_webp_decode_too() {
    let big = RgbImage::from_fn(160, 90, |x, _| Rgb([u8::try_from(x).unwrap(), 100, 50]));
    for format in [ImageFormat::Jpeg, ImageFormat::Gif, ImageFormat::WebP] {
        let drawn = decode(&encoded(&big, format), ROOM, Colours::Palette256)
            .unwrap_or_else(|note| panic!("{format:?}: {note}"));
        assert_eq!((drawn.width, drawn.height), (160, 90), "{format:?}");
        // 160×90 into 40×20 cells (40×40 pixels): 40 wide, 22 pixels tall; a JPEG is
        // decoded at a quarter, 40×23 (its sides rounded up), and drawn as that.
        let rows = if format == ImageFormat::Jpeg { 12 } else { 11 };
        assert_eq!(
            (drawn.cells.cols, drawn.cells.rows),
            (40, rows),
            "{format:?}"
        );
        assert!(matches!(drawn.cells.row(0)[0].top, Color::Indexed(_)));
    }
}

#[test]
fn of_an_animation_of_thousands_of_frames_only_the_first_is_decoded() {
    let mut gif = Vec::new();
    {
        let mut encoder = GifEncoder::new(&mut gif);
        let frames = (0..3000u32).map(|n| {
            let colour = if n == 0 {
                [0, 0, 255, 255]
            } else {
                [255, 0, 0, 255]
            };
            Frame::from_parts(
                RgbaImage::from_pixel(8, 8, Rgba(colour)),
                0,
                0,
                Delay::from_numer_denom_ms(10, 1),
            )
        });
        encoder.encode_frames(frames).unwrap();
    }
    let drawn = decode(&gif, ROOM, Colours::True).unwrap();
    assert_eq!(drawn.cells.row(0)[0].top, Color::Rgb(0, 0, 255));
}

#[test]
fn a_huge_picture_of_a_few_kilobytes_is_refused_from_its_header() {
    let bomb = png_claiming(30_000, 30_000);
    assert!(bomb.len() < 4096, "the bomb is {} bytes", bomb.len());
    assert_eq!(
        decode(&bomb, ROOM, Colours::True),
        Err("it is 30000×30000 pixels, more than the 48 megapixels tidings decodes".to_string())
    );
    // Past the longest side, however thin.
    assert_eq!(
        decode(&png_claiming(100_000, 1), ROOM, Colours::True),
        Err(
            "it is 100000×1 pixels, longer than the 16384 pixels a side tidings decodes"
                .to_string()
        )
    );
    // Within the pixel limit but with too little data: cut short, not a crash; whole or
    // read row by row.
    for (width, height) in [(1400, 1400), (8000, 6000)] {
        let note = decode(&png_claiming(width, height), ROOM, Colours::True).unwrap_err();
        assert!(
            note.contains("cut short") || note.contains("damaged"),
            "{width}×{height}: {note}"
        );
    }
    // Past the pixel limit of a GIF or WebP, decoded whole.
    let gif = encoded(&RgbImage::new(2000, 1200), ImageFormat::Gif);
    assert_eq!(
        decode(&gif, ROOM, Colours::True),
        Err("it is 2000×1200 pixels, more than the 2 megapixels tidings decodes".to_string())
    );
}

#[test]
fn a_large_png_is_read_row_by_row_and_shrunk() {
    // 3.6 megapixels, more than a PNG decoded whole may have: red, then blue, then
    // transparent, in thirds across.
    let screenshot = RgbaImage::from_fn(3000, 1200, |x, _| match x {
        0..1000 => Rgba([250, 10, 10, 255]),
        1000..2000 => Rgba([10, 10, 250, 255]),
        _ => Rgba([0, 0, 0, 0]),
    });
    let mut png = Cursor::new(Vec::new());
    screenshot.write_to(&mut png, ImageFormat::Png).unwrap();
    let drawn = decode(png.get_ref(), ROOM, Colours::True).unwrap();
    assert_eq!((drawn.width, drawn.height), (3000, 1200));
    // 40 columns, 16 pixels tall: 8 rows.
    assert_eq!((drawn.cells.cols, drawn.cells.rows), (40, 8));
    for row in 0..8 {
        let cells = drawn.cells.row(row);
        for (col, cell) in cells.iter().enumerate() {
            let rgb = match cell.top {
                Color::Rgb(r, _, b) => Some((r > 200, b > 200)),
                _ => None,
            };
            // Columns 13 and 26 mix two thirds.
            match col {
                0..=12 => assert_eq!(rgb, Some((true, false)), "{col}: red"),
                14..=25 => assert_eq!(rgb, Some((false, true)), "{col}: blue"),
                27.. => assert_eq!(cell.top, Color::Reset, "{col}: transparent"),
                _ => {}
            }
        }
    }
}

#[test]
fn truncated_and_corrupt_files_are_notes() {
    let png = encoded(&columns(), ImageFormat::Png);
    for cut in [8, 20, 40, png.len() - 13] {
        let note = decode(&png[..cut], ROOM, Colours::True).unwrap_err();
        assert!(
            note.contains("cut short") || note.contains("damaged"),
            "{cut}: {note}"
        );
    }
    let mut corrupt = png.clone();
    let middle = corrupt.len() / 2;
    for byte in &mut corrupt[middle..middle + 8] {
        *byte ^= 0x5a;
    }
    assert!(decode(&corrupt, ROOM, Colours::True).is_err());
    let jpeg = encoded(&columns(), ImageFormat::Jpeg);
    assert!(decode(&jpeg[..6], ROOM, Colours::True).is_err());
}

#[test]
fn other_kinds_of_file_are_named() {
    let note = |bytes: &[u8]| decode(bytes, ROOM, Colours::True).unwrap_err();
    assert_eq!(
        note(b"<?xml version='1.0'?>\n<svg xmlns='http://www.w3.org/2000/svg'/>"),
        "SVG pictures are not shown"
    );
    assert_eq!(
        note(b"\0\0\0\x1cftypavif\0\0"),
        "AVIF pictures are not shown"
    );
    assert_eq!(
        note(b"<!DOCTYPE html><title>Not found</title>"),
        "the address gave a web page, not a picture"
    );
    assert_eq!(note(b""), "the picture is empty");
    assert_eq!(
        note(b"just some text"),
        "it is not a picture tidings can read"
    );
    assert_eq!(note(b"BM\x36\0\0\0"), "BMP pictures are not shown");
}

/// The start of a progressive JPEG (`SOF2`) of `width`×`height` in three components, the
/// first sampled `luma` (0x22: colour at half size, 0x11: all at full size), with no data.
fn progressive_claiming(width: u16, height: u16, luma: u8) -> Vec<u8> {
    let mut jpeg = vec![
        0xFF, 0xD8, 0xFF, 0xFE, 0, 4, b'h', b'i', 0xFF, 0xC2, 0, 17, 8,
    ];
    jpeg.extend_from_slice(&height.to_be_bytes());
    jpeg.extend_from_slice(&width.to_be_bytes());
    jpeg.extend_from_slice(&[3, 1, luma, 0, 2, 0x11, 0, 3, 0x11, 0]);
    jpeg.extend_from_slice(&[0xFF, 0xD9]);
    jpeg
}

#[test]
fn a_large_jpeg_is_decoded_already_scaled_down() {
    // 2.4 megapixels: more than a GIF or WebP may have, fine for a JPEG.
    let photo = RgbImage::from_fn(2400, 1000, |x, _| {
        if x < 1200 {
            Rgb([250, 10, 10])
        } else {
            Rgb([10, 10, 250])
        }
    });
    let drawn = decode(&encoded(&photo, ImageFormat::Jpeg), ROOM, Colours::True).unwrap();
    assert_eq!((drawn.width, drawn.height), (2400, 1000));
    assert_eq!((drawn.cells.cols, drawn.cells.rows), (40, 8));
    let Color::Rgb(r, _, b) = drawn.cells.row(3)[0].top else {
        panic!("true colour");
    };
    assert!(r > 200 && b < 60, "the left is red: {r}, {b}");
}

#[test]
fn a_large_progressive_jpeg_is_refused_from_its_header() {
    let refused = |width, height| {
        Err(format!(
            "it is a progressive JPEG of {width}×{height} pixels, more than tidings decodes"
        ))
    };
    assert_eq!(
        decode(&progressive_claiming(4000, 3000, 0x22), ROOM, Colours::True),
        refused(4000, 3000)
    );
    // 1600×1200 is 2.75 MB of coefficients a component at full size: with half-size colour
    // (4:2:0) 5.5 MB, within the limit; with full-size colour 8.2 MB, past it.
    assert_eq!(
        decode(&progressive_claiming(1600, 1200, 0x11), ROOM, Colours::True),
        refused(1600, 1200)
    );
    let note = decode(&progressive_claiming(1600, 1200, 0x22), ROOM, Colours::True).unwrap_err();
    assert!(
        note.contains("damaged") || note.contains("cut short"),
        "{note}"
    );
}

#[test]
fn a_phone_photo_is_turned_as_its_exif_orientation_says() {
    // Stored on its side, 160×80: red on the left, blue on the right; orientation 6 says to
    // turn it a quarter clockwise, so it shows 80×160 with red at the top.
    let stored = RgbImage::from_fn(160, 80, |x, _| {
        if x < 80 {
            Rgb([250, 10, 10])
        } else {
            Rgb([10, 10, 250])
        }
    });
    let jpeg = encoded(&stored, ImageFormat::Jpeg);
    let exif = b"Exif\0\0MM\0*\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0";
    let mut turned = jpeg[..2].to_vec();
    turned.extend_from_slice(&[0xFF, 0xE1, 0, u8::try_from(exif.len() + 2).unwrap()]);
    turned.extend_from_slice(exif);
    turned.extend_from_slice(&jpeg[2..]);
    let drawn = decode(&turned, ROOM, Colours::True).unwrap();
    assert_eq!((drawn.width, drawn.height), (80, 160));
    // 80×160 in 40×20 cells (40×40 pixels): 20 wide, 40 tall.
    assert_eq!((drawn.cells.cols, drawn.cells.rows), (20, 20));
    let red =
        |cell: &crate::picture::Cell| matches!(cell.top, Color::Rgb(r, _, b) if r > 200 && b < 60);
    assert!(red(&drawn.cells.row(2)[10]), "the top is red");
    assert!(!red(&drawn.cells.row(17)[10]), "the bottom is blue");
    // The same photo without the orientation shows as stored.
    let drawn = decode(&jpeg, ROOM, Colours::True).unwrap();
    assert_eq!((drawn.width, drawn.height), (160, 80));
}
