//! How dates are written: relative in the list, with the configured format in the reader.

use chrono::{DateTime, Datelike, FixedOffset, Utc};

/// "now", "5m ago", "3h ago", "2d ago", then "14 Oct", then "14 Oct 2024".
pub fn relative(date: DateTime<Utc>, now: DateTime<Utc>, offset: FixedOffset) -> String {
    let age = now.signed_duration_since(date);
    if age.num_seconds() < 0 {
        return date.with_timezone(&offset).format("%-d %b %Y").to_string();
    }
    match age.num_minutes() {
        0 => "now".to_string(),
        m @ 1..60 => format!("{m}m ago"),
        m if m < 24 * 60 => format!("{}h ago", m / 60),
        m if m < 7 * 24 * 60 => format!("{}d ago", m / (24 * 60)),
        _ => {
            let local = date.with_timezone(&offset);
            if local.year() == now.with_timezone(&offset).year() {
                local.format("%-d %b").to_string()
            } else {
                local.format("%-d %b %Y").to_string()
            }
        }
    }
}

/// The date in the reader's format, in the reader's time zone. The format was checked when
/// the config was read.
pub fn absolute(date: DateTime<Utc>, format: &str, offset: FixedOffset) -> String {
    date.with_timezone(&offset).format(format).to_string()
}

#[cfg(test)]
#[path = "dates_tests.rs"]
mod tests;
