//! The response headers that say how long a feed stays fresh (`Cache-Control`) and when a
//! busy server may be asked again (`Retry-After`).

use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};

/// `max-age=N` of a `Cache-Control` value, unless it also says `no-cache` or `no-store`.
pub(super) fn max_age(cache_control: &str) -> Option<Duration> {
    let mut max_age = None;
    for directive in cache_control.split(',') {
        let directive = directive.trim().to_ascii_lowercase();
        if directive == "no-cache" || directive == "no-store" {
            return None;
        }
        if let Some(seconds) = directive.strip_prefix("max-age=") {
            max_age = seconds
                .trim_matches('"')
                .parse()
                .ok()
                .map(Duration::from_secs);
        }
    }
    max_age
}

/// The moment a `Retry-After` value (delay in seconds, or an HTTP date) points at.
pub(super) fn retry_after(value: &str, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<i64>() {
        return now.checked_add_signed(TimeDelta::try_seconds(seconds.max(0))?);
    }
    http_date(value)
}

/// An HTTP date in any of the three forms RFC 9110 accepts.
fn http_date(value: &str) -> Option<DateTime<Utc>> {
    if let Ok(date) = DateTime::parse_from_rfc2822(value) {
        return Some(date.with_timezone(&Utc));
    }
    ["%A, %d-%b-%y %H:%M:%S GMT", "%a %b %e %H:%M:%S %Y"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(value, format).ok())
        .map(|naive| naive.and_utc())
}

#[cfg(test)]
mod tests {
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
}
