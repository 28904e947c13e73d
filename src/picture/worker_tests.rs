//! Tests of the picture workers.

use std::io::Cursor;

use image::{ImageFormat, Rgb, RgbImage};

use super::*;
use crate::picture::Colours;

#[test]
fn a_picture_whose_decoder_panics_is_a_lasting_note_and_the_next_is_drawn() {
    crate::isolate::panic_in_tests("picture:decoder-panics.png");
    let dir = tempfile::tempdir().unwrap();
    let mut png = Cursor::new(Vec::new());
    RgbImage::from_pixel(8, 8, Rgb([200, 40, 40]))
        .write_to(&mut png, ImageFormat::Png)
        .unwrap();
    let settings = Settings {
        fetch: FetchSettings::default(),
        cache: None,
        colours: Colours::True,
        keep: Box::new(HashSet::new),
    };
    let job = |name: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, png.get_ref()).unwrap();
        Job {
            url: format!("file://{}", path.display()),
            room: Room { cols: 8, rows: 4 },
        }
    };
    let Err(failure) = picture(&settings, None, &job("decoder-panics.png")) else {
        panic!("drawn");
    };
    assert_eq!(failure.note, "internal error in the picture decoder");
    assert!(!failure.passing, "asked again, it would panic again");
    let Ok(drawn) = picture(&settings, None, &job("fine.png")) else {
        panic!("not drawn");
    };
    assert_eq!((drawn.width, drawn.height), (8, 8));
}
