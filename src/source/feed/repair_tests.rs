//! Tests of text encoded twice.

use super::repair;

#[test]
fn text_encoded_twice_is_read_once() {
    assert_eq!(repair("Wait for itâ€¦"), "Wait for it…");
    assert_eq!(repair("CafÃ© crÃ¨me"), "Café crème");
    assert_eq!(repair("itâ€™s â€œquotedâ€\u{9d}"), "it’s “quoted”");
    assert_eq!(repair("æ—¥æœ¬èªž"), "日本語");
    assert_eq!(repair("\u{E2}\u{80}\u{A6}"), "…", "read as Latin-1");
}

#[test]
fn text_written_as_meant_is_left_alone() {
    for text in [
        "Café crème",
        "naïve — “fine”",
        "plain ASCII",
        "Ã alone",
        "日本語",
        "ÃÃÃ",
        "Â£5 and €",
    ] {
        assert_eq!(repair(text), text, "{text}");
    }
}

#[test]
fn a_field_half_repaired_would_be_ambiguous_and_is_left() {
    assert_eq!(repair("CafÃ© and 日本"), "CafÃ© and 日本");
}
