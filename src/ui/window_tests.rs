//! Tests of the windows over the panes.

use super::*;

#[test]
fn pieces_fill_lines_and_stay_whole() {
    let pieces: Vec<String> = ["j k move", "r refresh", "other keys close"]
        .map(String::from)
        .to_vec();
    assert_eq!(
        pieces_in_lines(&pieces, 40),
        ["j k move · r refresh · other keys close"]
    );
    assert_eq!(
        pieces_in_lines(&pieces, 24),
        ["j k move · r refresh", "other keys close"]
    );
}

#[test]
fn a_window_keeps_clear_of_the_panes_borders() {
    for (width, height) in [(120, 40), (80, 24), (50, 16)] {
        let window = area_for(Rect::new(0, 0, width, height));
        assert_eq!(window.y, 1, "below the panes' top border");
        assert_eq!(
            window.bottom(),
            height - 2,
            "its bottom border above the panes' at {width}x{height}"
        );
    }
}
