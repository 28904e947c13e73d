//! Tests of the headers that say how long a feed stays fresh.

use super::*;

#[test]
fn reads_max_age() {
    assert_eq!(
        max_age("public, max-age=600"),
        Some(Duration::from_secs(600))
    );
    assert_eq!(max_age("MAX-AGE=\"60\""), Some(Duration::from_secs(60)));
    assert_eq!(max_age("max-age=600, no-cache"), None);
    assert_eq!(max_age("no-store"), None);
    assert_eq!(max_age("max-age=soon"), None);
}

#[test]
fn reads_retry_after() {
    let now = Utc::now();
    assert_eq!(retry_after("120", now), Some(now + TimeDelta::seconds(120)));
    let expected = DateTime::parse_from_rfc3339("1994-11-06T08:49:37Z").ok();
    for date in [
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
    ] {
        assert_eq!(
            retry_after(date, now),
            expected.map(|d| d.to_utc()),
            "{date}"
        );
    }
    assert_eq!(retry_after("later", now), None);
}
