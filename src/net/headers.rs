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
#[path = "headers_tests.rs"]
mod tests;
