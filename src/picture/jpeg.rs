//! JPEG, decoded at the size it is drawn at: the decoder scales by 1/2, 1/4 or 1/8 as it
//! goes (skipping the fine detail a reading pane could not show), so a baseline photograph
//! of any size costs about what the smaller picture does. A progressive one is held whole as
//! coefficients until its last scan, so its size is bounded apart. A photograph is turned
//! as its EXIF orientation says (`orient.rs`).

use std::io::Cursor;

use jpeg_decoder::{CodingProcess, Decoder, PixelFormat};

use super::orient;
use super::scale::{Decoded, Layout};

/// The most pixels of a baseline JPEG, whose memory follows the scaled size.
pub const MAX_PIXELS: u64 = 48 * 1024 * 1024;
/// The most bytes of coefficients a progressive JPEG may need (two bytes a sample): 2
/// megapixels with the usual half-size colour (4:2:0), 1 with full-size colour.
pub const MAX_COEFFICIENTS: u64 = 6 * 1024 * 1024;
/// The most bytes of scaled pixels.
const MAX_OUTPUT: usize = 8 * 1024 * 1024;

/// Decodes `bytes` at the smallest scale at least `target` (width, height) in one direction.
pub fn decode(bytes: &[u8], target: (u16, u16)) -> Result<Decoded, String> {
    let mut decoder = Decoder::new(Cursor::new(bytes));
    decoder.read_info().map_err(|e| describe(&e))?;
    let info = decoder.info().ok_or_else(damaged)?;
    let (width, height) = (u32::from(info.width), u32::from(info.height));
    let pixels = u64::from(width) * u64::from(height);
    let layout = match info.pixel_format {
        PixelFormat::L8 => Layout::L8,
        PixelFormat::L16 => Layout::L16,
        PixelFormat::RGB24 => Layout::Rgb8,
        PixelFormat::CMYK32 => return Err("CMYK pictures are not shown".to_string()),
    };
    match info.coding_process {
        CodingProcess::DctProgressive
            if coefficient_bytes(bytes).is_none_or(|b| b > MAX_COEFFICIENTS) =>
        {
            return Err(format!(
                "it is a progressive JPEG of {width}×{height} pixels, more than tidings decodes"
            ));
        }
        _ if pixels > MAX_PIXELS => {
            return Err(format!(
                "it is {width}×{height} pixels, more than the {} megapixels tidings decodes",
                MAX_PIXELS / (1024 * 1024)
            ));
        }
        _ => {}
    }
    decoder.set_max_decoding_buffer_size(MAX_OUTPUT);
    // The EXIF data comes before the frame, so it is read with the header.
    let orientation = decoder.exif_data().and_then(orient::orientation);
    let target = match orientation {
        Some(5..) => (target.1, target.0),
        _ => target,
    };
    let scaled = decoder
        .scale(target.0.max(1), target.1.max(1))
        .map_err(|e| describe(&e))?;
    let data = decoder.decode().map_err(|e| describe(&e))?;
    let decoded = Decoded {
        width,
        height,
        scaled: (u32::from(scaled.0), u32::from(scaled.1)),
        layout,
        data,
    };
    Ok(match orientation {
        Some(orientation) => orient::apply(decoded, orientation),
        None => decoded,
    })
}

/// The bytes of coefficients a progressive JPEG is held in while it is decoded: two a
/// sample, each component in 8×8 blocks at its own sampling; `None` when its frame header
/// cannot be read.
fn coefficient_bytes(bytes: &[u8]) -> Option<u64> {
    let mut at = 2;
    loop {
        while bytes.get(at) == Some(&0xFF) && bytes.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        let (&0xFF, &marker) = (bytes.get(at)?, bytes.get(at + 1)?) else {
            return None;
        };
        let length = usize::from(u16::from_be_bytes([
            *bytes.get(at + 2)?,
            *bytes.get(at + 3)?,
        ]));
        if marker != 0xC2 {
            at += 2 + length;
            continue;
        }
        let frame = bytes.get(at + 4..at + 2 + length)?;
        let height = u64::from(u16::from_be_bytes([*frame.get(1)?, *frame.get(2)?]));
        let width = u64::from(u16::from_be_bytes([*frame.get(3)?, *frame.get(4)?]));
        let components = frame
            .get(6..)?
            .chunks_exact(3)
            .take(usize::from(*frame.get(5)?));
        let sampling: Vec<(u64, u64)> = components
            .map(|c| (u64::from(c[1] >> 4).max(1), u64::from(c[1] & 0x0F).max(1)))
            .collect();
        let h_max = sampling.iter().map(|s| s.0).max()?;
        let v_max = sampling.iter().map(|s| s.1).max()?;
        let samples: u64 = sampling
            .iter()
            .map(|(h, v)| {
                let blocks = |size: u64, factor: u64, max: u64| (size * factor).div_ceil(max * 8);
                blocks(width, *h, h_max) * blocks(height, *v, v_max) * 64
            })
            .sum();
        return Some(samples * 2);
    }
}

fn damaged() -> String {
    "the picture is damaged".to_string()
}

fn describe(error: &jpeg_decoder::Error) -> String {
    match error {
        jpeg_decoder::Error::Io(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            "the picture is cut short".to_string()
        }
        jpeg_decoder::Error::Unsupported(_) => {
            "it is in a form of JPEG tidings cannot read".to_string()
        }
        _ => damaged(),
    }
}
