//! How values are kept in columns: times as RFC 3339 text that sorts as time does, and an
//! article's tags joined in one column.

use chrono::{DateTime, SecondsFormat, Utc};

/// A time as stored: RFC 3339 in UTC with a fixed nine fractional digits, so that text order
/// is time order and the value reads back exactly.
pub(super) fn stored_time(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Nanos, true)
}

/// A stored time read back; `None` if it cannot be read.
pub(super) fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    let time = DateTime::parse_from_rfc3339(text).ok()?;
    Some(time.with_timezone(&Utc))
}

/// Joins tags for the list column: tags are sanitized, so they never hold this control character.
pub(super) const TAG_SEPARATOR: char = '\u{1f}';
