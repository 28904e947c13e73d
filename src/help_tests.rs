//! Tests of the help.

use super::*;

#[test]
fn two_columns_where_they_fit_and_the_scroll_ends_at_the_last_line() {
    let keymap = Keymap::default();
    let wide = HelpLayout::new(&keymap, Size::new(120, 40));
    assert!(wide.two_columns);
    assert_eq!(wide.last_scroll(), 0, "all of it shows at 120x40");
    let narrow = HelpLayout::new(&keymap, Size::new(80, 24));
    assert!(!narrow.two_columns);
    assert_eq!(narrow.lines, Action::ALL.len() + 1 + NOTES.len());
    assert_eq!(narrow.last_scroll(), narrow.lines - 19);
}
