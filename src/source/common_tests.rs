//! Tests of what the text and Markdown parsers share.

use super::*;

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

#[test]
fn dates_in_every_accepted_form() {
    assert_eq!(
        parse_date("2026-09-30T08:15:00+02:00"),
        Some(utc("2026-09-30T06:15:00Z"))
    );
    assert_eq!(parse_date("2026-09-30"), Some(utc("2026-09-30T00:00:00Z")));
    assert_eq!(
        parse_date("Tue, 1 Jul 2003 10:52:37 +0200"),
        Some(utc("2003-07-01T08:52:37Z"))
    );
    assert_eq!(
        parse_date("2026-09-30 08:15:00 +0100"),
        Some(utc("2026-09-30T07:15:00Z"))
    );
    assert_eq!(
        parse_date("2026-09-30 08:15:00"),
        Some(utc("2026-09-30T08:15:00Z"))
    );
    assert_eq!(parse_date("next Tuesday"), None);
    assert_eq!(parse_date("2026-13-40"), None);
}

#[test]
fn stem_titles_lose_dashes_and_underscores() {
    assert_eq!(title_from_stem("my-notes_2026"), "my notes 2026");
    assert_eq!(title_from_stem("--"), "Untitled");
}

#[test]
fn tags_merge_without_case() {
    let mut meta = Metadata::default();
    meta.set(Field::Tags, "Rust, CLI");
    meta.set(Field::Tags, "rust, TUI");
    let tags: Vec<&str> = meta.tags.iter().map(Tag::as_str).collect();
    assert_eq!(tags, ["Rust", "CLI", "TUI"]);
}
