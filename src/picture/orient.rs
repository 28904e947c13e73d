//! A photograph turned the way its camera says: phones store a portrait photo as the sensor
//! saw it, on its side, with an EXIF orientation (1-8) saying how to turn it. Browsers
//! follow it, so a feed's pictures look right on the web; without it they lie on their side.

use image::metadata::Orientation;

use super::scale::Decoded;

/// The orientation in EXIF data (starting at its TIFF header), 1-8; `None` when it has none
/// or it cannot be read. The image crate reads it; the turning is done here, on the pixels
/// as they were decoded and scaled (`apply`), not on an `image` buffer.
pub fn orientation(exif: &[u8]) -> Option<u16> {
    Orientation::from_exif_chunk(exif).map(|orientation| u16::from(orientation.to_exif()))
}

/// `decoded` turned and mirrored as `orientation` says, its sizes with it.
pub fn apply(decoded: Decoded, orientation: u16) -> Decoded {
    if !(2..=8).contains(&orientation) {
        return decoded;
    }
    let (w, h) = (decoded.scaled.0 as usize, decoded.scaled.1 as usize);
    let bpp = decoded.layout.bytes_per_pixel();
    if decoded.data.len() < w * h * bpp {
        return decoded;
    }
    let sideways = orientation >= 5;
    let (out_w, out_h) = if sideways { (h, w) } else { (w, h) };
    let mut data = Vec::with_capacity(w * h * bpp);
    for y in 0..out_h {
        for x in 0..out_w {
            // Where the pixel shown at (x, y) is stored.
            let (sx, sy) = match orientation {
                2 => (w - 1 - x, y),
                3 => (w - 1 - x, h - 1 - y),
                4 => (x, h - 1 - y),
                5 => (y, x),
                6 => (y, h - 1 - x),
                7 => (w - 1 - y, h - 1 - x),
                _ => (w - 1 - y, x),
            };
            let at = (sy * w + sx) * bpp;
            data.extend_from_slice(&decoded.data[at..at + bpp]);
        }
    }
    let turn = |(a, b): (u32, u32)| if sideways { (b, a) } else { (a, b) };
    let (width, height) = turn((decoded.width, decoded.height));
    Decoded {
        width,
        height,
        scaled: turn(decoded.scaled),
        layout: decoded.layout,
        data,
    }
}

#[cfg(test)]
#[path = "orient_tests.rs"]
mod tests;
