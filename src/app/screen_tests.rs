//! The focus going round the panes, and the size of a pane not shown.

use super::*;

#[test]
fn focus_cycles_both_ways_and_t_goes_to_the_pane_and_back() {
    let mut screen = Screen::new(Size::new(120, 40), DateTime::UNIX_EPOCH);
    let mut seen = Vec::new();
    for _ in 0..3 {
        screen.cycle_focus(true);
        seen.push(screen.focus());
    }
    assert_eq!(seen, [Focus::Reader, Focus::Nav, Focus::List]);
    screen.cycle_focus(false);
    assert_eq!(screen.focus(), Focus::Nav);
    screen.toggle_nav();
    assert_eq!(screen.focus(), Focus::List);
    screen.toggle_nav();
    assert_eq!(screen.focus(), Focus::Nav);
}

#[test]
fn a_pane_not_shown_still_has_its_size() {
    let layout = config::Layout::default();
    let screen = Screen::new(Size::new(50, 16), DateTime::UNIX_EPOCH);
    // Narrow: only the list is shown, yet the reader's text area is known.
    assert!(screen.panes(&layout).reader.is_none());
    assert!(screen.reader_text(&layout).height > 0);
    assert_eq!(screen.list_rows(&layout), 6);
}
