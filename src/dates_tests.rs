//! Tests of how dates are written.

use super::*;
use chrono::TimeZone;

#[test]
fn relative_dates() {
    let utc = FixedOffset::east_opt(0).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap();
    let ago = |minutes: i64| relative(now - chrono::Duration::minutes(minutes), now, utc);
    assert_eq!(ago(0), "now");
    assert_eq!(ago(5), "5m ago");
    assert_eq!(ago(3 * 60 + 10), "3h ago");
    assert_eq!(ago(2 * 24 * 60), "2d ago");
    assert_eq!(ago(40 * 24 * 60), "15 Oct");
    assert_eq!(ago(400 * 24 * 60), "20 Oct 2025");
    assert_eq!(ago(-60), "24 Nov 2026");
}

#[test]
fn absolute_dates_use_the_offset() {
    let tokyo = FixedOffset::east_opt(9 * 3600).unwrap();
    let date = Utc.with_ymd_and_hms(2026, 11, 23, 20, 0, 0).unwrap();
    assert_eq!(
        absolute(date, "%-d %B %Y %H:%M", tokyo),
        "24 November 2026 05:00"
    );
}
