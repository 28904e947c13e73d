//! The window's cursor within its rows, and where it was when the window closes.

use super::*;

#[test]
fn the_cursor_stays_within_the_rows_and_closing_says_where_it_was() {
    let mut window = Window::default();
    assert_eq!(window.close(), None);
    window.show(Overlay::Links, 1);
    window.move_cursor(10, 4);
    assert_eq!(window.cursor(), 3);
    window.move_cursor(-10, 4);
    assert_eq!(window.cursor(), 0);
    window.move_cursor(2, 4);
    assert_eq!(window.close(), Some((Overlay::Links, 2)));
    assert!(!window.is_open());
    assert_eq!(window.cursor(), 0);
}
