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
mod tests {
    use super::*;
    use crate::picture::scale::Layout;

    /// The EXIF tag of the orientation.
    const ORIENTATION: u16 = 0x0112;

    /// EXIF data of one IFD0 entry: the orientation, in either byte order.
    fn exif(orientation: u16, big_endian: bool) -> Vec<u8> {
        let u16b = |n: u16| {
            if big_endian {
                n.to_be_bytes()
            } else {
                n.to_le_bytes()
            }
        };
        let u32b = |n: u32| {
            if big_endian {
                n.to_be_bytes()
            } else {
                n.to_le_bytes()
            }
        };
        let mut data = if big_endian {
            b"MM\0*\0\0\0\x08".to_vec()
        } else {
            b"II*\0\x08\0\0\0".to_vec()
        };
        data.extend_from_slice(&u16b(2));
        // A tag before it (ImageWidth, a LONG), then the orientation.
        data.extend_from_slice(&u16b(0x0100));
        data.extend_from_slice(&u16b(4));
        data.extend_from_slice(&u32b(1));
        data.extend_from_slice(&u32b(9));
        data.extend_from_slice(&u16b(ORIENTATION));
        data.extend_from_slice(&u16b(3));
        // One value, its count in the data's byte order too.
        data.extend_from_slice(&u32b(1));
        data.extend_from_slice(&u16b(orientation));
        data.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
        data
    }

    #[test]
    fn the_orientation_is_read_in_either_byte_order() {
        assert_eq!(orientation(&exif(6, true)), Some(6));
        assert_eq!(orientation(&exif(8, false)), Some(8));
        assert_eq!(orientation(&exif(9, false)), None, "not an orientation");
        assert_eq!(orientation(&exif(6, true)[..20]), None, "cut short");
        assert_eq!(orientation(b"MM\0*\xff\xff\xff\xff"), None);
        assert_eq!(orientation(b""), None);
    }

    /// A 3×2 picture of one byte a pixel: 1 2 3 / 4 5 6.
    fn three_by_two() -> Decoded {
        Decoded {
            width: 300,
            height: 200,
            scaled: (3, 2),
            layout: Layout::L8,
            data: vec![1, 2, 3, 4, 5, 6],
        }
    }

    #[test]
    fn each_orientation_turns_or_mirrors_the_pixels() {
        let turned = |o| {
            let d = apply(three_by_two(), o);
            (d.scaled, d.data)
        };
        assert_eq!(turned(1), ((3, 2), vec![1, 2, 3, 4, 5, 6]));
        assert_eq!(turned(2), ((3, 2), vec![3, 2, 1, 6, 5, 4]));
        assert_eq!(turned(3), ((3, 2), vec![6, 5, 4, 3, 2, 1]));
        assert_eq!(turned(4), ((3, 2), vec![4, 5, 6, 1, 2, 3]));
        assert_eq!(turned(5), ((2, 3), vec![1, 4, 2, 5, 3, 6]));
        // Turned a quarter clockwise: the left column, read from the bottom, is the top row.
        assert_eq!(turned(6), ((2, 3), vec![4, 1, 5, 2, 6, 3]));
        assert_eq!(turned(7), ((2, 3), vec![6, 3, 5, 2, 4, 1]));
        assert_eq!(turned(8), ((2, 3), vec![3, 6, 2, 5, 1, 4]));
        // The picture's own size turns with it.
        let d = apply(three_by_two(), 6);
        assert_eq!((d.width, d.height), (200, 300));
    }
}
