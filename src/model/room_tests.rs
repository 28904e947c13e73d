//! Tests of the room a picture takes.

use super::*;

#[test]
fn a_known_picture_takes_its_shape_at_the_pane_width() {
    // 1200×800 at 88 columns: 88 px wide, 58 px tall, 29 rows: more than 20, so
    // narrower: 20 rows are 40 px, 60 px wide.
    assert_eq!(
        room(Known::Size(1200, 800), 88, 20),
        Room { cols: 60, rows: 20 }
    );
    assert_eq!(
        room(Known::Size(1200, 800), 88, 40),
        Room { cols: 88, rows: 29 }
    );
    // A wide banner is short; a small picture is not enlarged.
    assert_eq!(
        room(Known::Size(1000, 100), 80, 20),
        Room { cols: 80, rows: 4 }
    );
    assert_eq!(
        room(Known::Size(32, 32), 80, 20),
        Room { cols: 32, rows: 16 }
    );
    // A tall, thin one at most rows is at least one column.
    assert_eq!(
        room(Known::Size(1, 10_000), 80, 20),
        Room { cols: 1, rows: 20 }
    );
}

#[test]
fn an_unknown_picture_gets_a_photographs_shape_and_a_failed_one_a_line() {
    assert_eq!(room(Known::Unknown, 30, 20), Room { cols: 30, rows: 10 });
    assert_eq!(room(Known::Unknown, 88, 20), Room { cols: 60, rows: 20 });
    assert_eq!(room(Known::Size(0, 5), 30, 20), Room { cols: 30, rows: 10 });
    assert_eq!(room(Known::Failed, 88, 20), Room { cols: 88, rows: 1 });
    assert_eq!(room(Known::Unknown, 0, 0), Room { cols: 1, rows: 1 });
}
