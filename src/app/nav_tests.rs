//! The navigation pane's rows (headings, items, a gap) and its cursor kept in view.

use super::*;

fn nav(sources: usize, tags: usize) -> Nav {
    Nav {
        queries: 0,
        sources: (0..sources).collect(),
        tags: (0..tags).collect(),
        cursor: 0,
        offset: 0,
    }
}

#[test]
fn rows_are_headings_items_and_a_gap() {
    let nav = nav(2, 2);
    let rows: Vec<NavRow> = (0..nav.row_count()).filter_map(|r| nav.row(r)).collect();
    assert_eq!(
        rows,
        [
            NavRow::SourcesHeading,
            NavRow::Item(0, NavItem::Source(0)),
            NavRow::Item(1, NavItem::Source(1)),
            NavRow::Gap,
            NavRow::TagsHeading,
            NavRow::Item(2, NavItem::Tag(0)),
            NavRow::Item(3, NavItem::Tag(1)),
        ]
    );
    assert_eq!(nav.row(7), None);
    let empty = tests::nav(0, 0);
    let rows: Vec<NavRow> = (0..empty.row_count())
        .filter_map(|r| empty.row(r))
        .collect();
    assert_eq!(
        rows,
        [
            NavRow::SourcesHeading,
            NavRow::Nothing,
            NavRow::Gap,
            NavRow::TagsHeading,
            NavRow::Nothing
        ]
    );
    assert_eq!(empty.item(0), None);
}

#[test]
fn the_cursor_stays_in_view_with_its_heading() {
    let mut nav = nav(10, 10);
    nav.cursor = 15;
    nav.keep_in_view(5);
    // Tag 5 is at row 3 + 10 + 5 = 18.
    assert_eq!(nav.offset, 14);
    nav.cursor = 10;
    nav.keep_in_view(5);
    assert_eq!(nav.offset, 12, "the tags heading shows above the first tag");
    nav.cursor = 0;
    nav.keep_in_view(5);
    assert_eq!(nav.offset, 0);
    nav.cursor = 99;
    nav.keep_in_view(5);
    assert_eq!((nav.cursor, nav.offset), (19, 18));
}
