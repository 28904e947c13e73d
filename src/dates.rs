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
mod tests {
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
}
