//! Tests of the colours a picture is drawn in.

use super::*;

#[test]
fn true_colour_is_told_by_colorterm() {
    assert_eq!(Colours::detect(Some("truecolor")), Colours::True);
    assert_eq!(Colours::detect(Some("24BIT")), Colours::True);
    assert_eq!(Colours::detect(Some("yes")), Colours::Palette256);
    assert_eq!(Colours::detect(None), Colours::Palette256);
}

#[test]
fn the_nearest_palette_colour() {
    assert_eq!(nearest_256([0, 0, 0]), 16);
    assert_eq!(nearest_256([255, 255, 255]), 231);
    assert_eq!(nearest_256([255, 0, 0]), 196);
    assert_eq!(nearest_256([0, 255, 0]), 46);
    assert_eq!(nearest_256([0, 0, 255]), 21);
    assert_eq!(nearest_256([95, 135, 175]), 67, "exactly a cube colour");
    // Greys between the cube's steps go to the grey ramp.
    assert_eq!(nearest_256([128, 128, 128]), 244);
    assert_eq!(nearest_256([8, 8, 8]), 232);
    assert_eq!(nearest_256([238, 238, 238]), 255);
    // Near a cube colour but not grey: the cube.
    assert_eq!(nearest_256([250, 130, 10]), 208);
    assert_eq!(Colours::Palette256.colour([255, 0, 0]), Color::Indexed(196));
    assert_eq!(Colours::True.colour([1, 2, 3]), Color::Rgb(1, 2, 3));
}
