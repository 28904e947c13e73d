//! Tests of what names an item across refreshes.

use super::legacy_date;

#[test]
fn dates_are_read_as_the_old_reader_read_them() {
    let read = |text: &str| legacy_date(text).map(|date| date.to_rfc3339());
    assert_eq!(
        read("2026-11-30T08:15:00Z").as_deref(),
        Some("2026-11-30T08:15:00+00:00")
    );
    assert_eq!(
        read("2026-11-30T08:15:00+0100").as_deref(),
        Some("2026-11-30T07:15:00+00:00")
    );
    assert_eq!(
        read("2026-11-30").as_deref(),
        Some("2026-11-30T00:00:00+00:00")
    );
    assert_eq!(
        read("Mon, 30 Nov 2026 08:15:00 GMT").as_deref(),
        Some("2026-11-30T08:15:00+00:00")
    );
    assert_eq!(
        read("Thurs, 3 December 2026 8:05:00 UTC").as_deref(),
        Some("2026-12-03T08:05:00+00:00")
    );
    assert_eq!(
        read("Wed, Nov 25 2026 24:00:00 -0000").as_deref(),
        Some("2026-11-25T00:00:00+00:00")
    );
    // Found by the `items` fuzz target: the rules looked for month names at every byte,
    // and sliced the text inside a character.
    assert_eq!(read("\u{FFFD}Jan 5 2026 \u{FFFD}Dec"), None);
    assert_eq!(read("é Jan 05 2026 10:00:00 +0000"), None);
    // What the old reader could not read stays unread, so that ids made of it hold.
    assert_eq!(read("2002-12-31T19:20-05:00"), None);
    assert_eq!(read("2003-07-01T01:55:61-0500"), None);
    assert_eq!(read("20021231T192030-0500"), None);
}
