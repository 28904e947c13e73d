//! Bytes to cells, bounded before decoding starts: the format is told from the first bytes
//! (never from what a server says it sent), the size is read from the header and refused past
//! a limit, the decoder may allocate at most [`MAX_ALLOC`], one picture is decoded at a time
//! in the whole process, and of an animation only the first frame is decoded. JPEG is
//! decoded already scaled down (`jpeg.rs`), and a large PNG shrunk row by row as it is read
//! (`png_rows.rs`); GIF, WebP and smaller PNGs whole, so their limit is lower.
//! Whatever cannot be shown becomes a one-line note for the reader.
//!
//! The limits keep the reader within its memory budget (100 MB with 100,000 articles, of
//! which the article index takes most): a picture costs at most about 8 MB while decoded.

use std::io::Cursor;
use std::sync::{Mutex, PoisonError};

use image::{ColorType, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits};

use super::scale::{self, Decoded, Layout};
use super::{Colours, Drawn, jpeg, png_rows};
use crate::model::room::Room;

/// The most pixels of a GIF, WebP or PNG decoded whole: 2 megapixels (1600×1200 and a
/// little more), more than any reading pane shows, and at most 8 MB as 8-bit RGBA.
pub const MAX_PIXELS: u64 = 2 * 1024 * 1024;
/// The most memory those decoders may ask for, the decoded pixels included.
pub const MAX_ALLOC: u64 = 8 * 1024 * 1024;
/// The longest side accepted, whatever the other.
pub const MAX_SIDE: u32 = 16_384;

/// One decode at a time: two at once would double the memory a large picture takes.
static DECODING: Mutex<()> = Mutex::new(());

/// The picture in `bytes` scaled to fit `room`, or a note saying why it cannot be shown.
pub fn decode(bytes: &[u8], room: Room, colours: Colours) -> Result<Drawn, String> {
    let format = sniff(bytes)?;
    let _one_at_a_time = DECODING.lock().unwrap_or_else(PoisonError::into_inner);
    let target = (room.cols, room.rows.saturating_mul(2));
    let decoded = match format {
        ImageFormat::Jpeg => jpeg::decode(bytes, target)?,
        _ => decode_with_image(bytes, format, target)?,
    };
    let cells = scale::to_cells(&decoded.pixels(), room, colours)
        .ok_or_else(|| "the picture is damaged".to_string())?;
    Ok(Drawn {
        cells,
        width: decoded.width,
        height: decoded.height,
    })
}

/// A PNG, GIF or WebP decoded whole; a PNG too large for that, row by row and shrunk.
fn decode_with_image(
    bytes: &[u8],
    format: ImageFormat,
    target: (u16, u16),
) -> Result<Decoded, String> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    // The sides are checked below, to name them; the header is all that is read before.
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let decoder = reader.into_decoder().map_err(|e| describe(&e))?;
    let (width, height) = decoder.dimensions();
    let pixels = u64::from(width) * u64::from(height);
    let most_pixels = if format == ImageFormat::Png {
        png_rows::MAX_PIXELS
    } else {
        MAX_PIXELS
    };
    if pixels > most_pixels || width > MAX_SIDE || height > MAX_SIDE {
        return Err(too_large_note(width, height, most_pixels));
    }
    if pixels > MAX_PIXELS {
        drop(decoder);
        return png_rows::decode(bytes, target);
    }
    let layout = layout(decoder.color_type())
        .ok_or_else(|| "its colours are in a form tidings cannot read".to_string())?;
    let total = decoder.total_bytes();
    let too_deep =
        || format!("it is {width}×{height} pixels of more colour depth than tidings decodes");
    if total > MAX_ALLOC {
        return Err(too_deep());
    }
    let mut data = vec![0; usize::try_from(total).map_err(|_| too_deep())?];
    decoder.read_image(&mut data).map_err(|e| describe(&e))?;
    Ok(Decoded {
        width,
        height,
        scaled: (width, height),
        layout,
        data,
    })
}

/// Whether `bytes` start as a picture of a format tidings decodes.
pub fn is_picture(bytes: &[u8]) -> bool {
    sniff(bytes).is_ok()
}

fn too_large_note(width: u32, height: u32, most_pixels: u64) -> String {
    if u64::from(width) * u64::from(height) <= most_pixels {
        return format!(
            "it is {width}×{height} pixels, longer than the {MAX_SIDE} pixels a side tidings decodes"
        );
    }
    format!(
        "it is {width}×{height} pixels, more than the {} megapixels tidings decodes",
        most_pixels / (1024 * 1024)
    )
}

/// The format of a picture from its first bytes; for anything else, what it is, in words.
fn sniff(bytes: &[u8]) -> Result<ImageFormat, String> {
    let start = |magic: &[u8]| bytes.starts_with(magic);
    if start(b"\x89PNG\r\n\x1a\n") {
        return Ok(ImageFormat::Png);
    }
    if start(b"\xff\xd8\xff") {
        return Ok(ImageFormat::Jpeg);
    }
    if start(b"GIF87a") || start(b"GIF89a") {
        return Ok(ImageFormat::Gif);
    }
    if start(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        return Ok(ImageFormat::WebP);
    }
    let unsupported = |name: &str| Err(format!("{name} pictures are not shown"));
    if bytes.is_empty() {
        return Err("the picture is empty".to_string());
    }
    if let Some(brand) = bytes.get(4..12).filter(|b| b.starts_with(b"ftyp")) {
        return match &brand[4..] {
            b"avif" | b"avis" => unsupported("AVIF"),
            _ => unsupported("HEIF"),
        };
    }
    if start(b"BM") {
        return unsupported("BMP");
    }
    if start(b"II*\0") || start(b"MM\0*") {
        return unsupported("TIFF");
    }
    if start(b"\0\0\x01\0") {
        return unsupported("ICO");
    }
    if start(b"\xff\x0a") || start(b"\0\0\0\x0cJXL ") {
        return unsupported("JPEG XL");
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let text = head.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if text.contains("<svg") {
        return unsupported("SVG");
    }
    if text.starts_with("<!doctype html") || text.starts_with("<html") || text.starts_with('<') {
        return Err("the address gave a web page, not a picture".to_string());
    }
    Err("it is not a picture tidings can read".to_string())
}

fn layout(colour: ColorType) -> Option<Layout> {
    Some(match colour {
        ColorType::L8 => Layout::L8,
        ColorType::La8 => Layout::La8,
        ColorType::Rgb8 => Layout::Rgb8,
        ColorType::Rgba8 => Layout::Rgba8,
        ColorType::L16 => Layout::L16,
        ColorType::La16 => Layout::La16,
        ColorType::Rgb16 => Layout::Rgb16,
        ColorType::Rgba16 => Layout::Rgba16,
        ColorType::Rgb32F => Layout::Rgb32F,
        ColorType::Rgba32F => Layout::Rgba32F,
        _ => return None,
    })
}

fn describe(error: &ImageError) -> String {
    match error {
        ImageError::Limits(_) => "it is larger than tidings decodes".to_string(),
        ImageError::Unsupported(_) => {
            "it is in a form of its format tidings cannot read".to_string()
        }
        ImageError::IoError(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            "the picture is cut short".to_string()
        }
        _ => "the picture is damaged".to_string(),
    }
}

#[cfg(test)]
#[path = "decode_tests.rs"]
mod tests;
