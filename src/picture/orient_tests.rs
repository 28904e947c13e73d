//! Tests of photographs turned the way their camera says.

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
