//! Tests of where each pane goes.

use super::*;

fn at(width: u16, height: u16, focus: Focus) -> Panes {
    panes(
        Rect::new(0, 0, width, height),
        focus,
        &config::Layout::default(),
    )
}

#[test]
fn wide_shows_three_panes() {
    let p = at(120, 40, Focus::List);
    assert_eq!(p.fit, Fit::Wide);
    assert_eq!(p.nav.unwrap().width, 26);
    assert!(p.list.is_some() && p.reader.is_some());
    assert_eq!(p.status, Rect::new(0, 39, 120, 1));
}

#[test]
fn medium_shows_the_navigation_on_demand() {
    let p = at(100, 30, Focus::List);
    assert_eq!((p.nav, p.fit), (None, Fit::Medium));
    let p = at(100, 30, Focus::Nav);
    assert!(p.nav.is_some() && p.list.is_some() && p.reader.is_none());
}

#[test]
fn narrow_shows_the_focused_pane() {
    let p = at(50, 16, Focus::Reader);
    assert_eq!(p.reader, Some(Rect::new(0, 0, 50, 15)));
    assert!(p.list.is_none() && p.nav.is_none());
}

#[test]
fn tiny_is_too_small() {
    assert_eq!(at(29, 40, Focus::List).fit, Fit::TooSmall);
    assert_eq!(at(1, 1, Focus::List).fit, Fit::TooSmall);
    assert_eq!(at(0, 0, Focus::List).fit, Fit::TooSmall);
}
