//! Tests of the terminal-safe text filter.

use super::*;

fn assert_safe(s: &str) {
    for c in s.chars() {
        assert!(
            c == '\n' || c == '\t' || !c.is_control(),
            "control character {:?} left in {s:?}",
            c
        );
    }
}

#[test]
fn escape_sequences_lose_their_escape() {
    let hostile = "a\x1b[2J\x1b]0;pwned\x07b\x1bP1$r\x1b\\c\u{9b}31md\x7fe\x08f";
    let cleaned = clean_text(hostile);
    assert_safe(&cleaned);
    assert!(!cleaned.contains('\x1b'));
    assert_eq!(cleaned, "a[2J]0;pwnedbP1$r\\c31mdef");
}

#[test]
fn carriage_returns_become_newlines() {
    assert_eq!(clean_text("one\r\ntwo\rthree"), "one\ntwo\nthree");
    assert_eq!(clean_line("over\rwrite"), "over write");
}

#[test]
fn bidi_overrides_and_invisible_characters_that_disguise_are_removed() {
    let hostile = "safe\u{202E}txt.exe\u{2066}x\u{2069}\u{200B}y\u{FEFF}\u{E0041}\u{2060}z\u{206A}";
    assert_eq!(clean_text(hostile), "safetxt.exexyz");
}

#[test]
fn characters_that_carry_meaning_stay() {
    for kept in [
        "👨\u{200D}👩\u{200D}👧",
        "می\u{200C}خواهم",
        "क्\u{200D}ष",
        "\u{200F}שלום\u{200E} ok",
        "\u{061C}١٢",
        "Donau\u{00AD}dampf\u{00AD}schiff",
        "❤\u{FE0F} ✌\u{1F3FD}",
        "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F} Scotland",
        "Монгол \u{180E}",
    ] {
        assert_eq!(clean_text(kept), kept);
    }
    assert_eq!(clean_line("a\u{200D}\u{A0}b"), "a\u{200D} b");
}

#[test]
fn tag_characters_are_kept_only_in_a_flag() {
    assert_eq!(clean_text("x\u{E0067}\u{E007F}y"), "xy");
    assert_eq!(
        clean_text("🏴\u{E0067}\u{E007F}\u{E0067}"),
        "🏴\u{E0067}\u{E007F}"
    );
}

#[test]
fn a_text_of_marks_alone_shows_nothing() {
    assert!(!has_visible("\u{200D}\u{200E}\u{00AD}\u{FE0F} "));
    assert!(has_visible("\u{200D}a"));
}

#[test]
fn cjk_emoji_and_accents_pass_through() {
    let text = "東京の朝 🌍 café naïve 👍🏽";
    assert_eq!(clean_text(text), text);
}

#[test]
fn one_line_fields_fold_white_space() {
    assert_eq!(
        clean_line("  A\n\ttitle \x1b[31m here "),
        "A title [31m here"
    );
}

#[test]
fn every_char_that_is_kept_is_safe() {
    let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
    assert_safe(&clean_text(&all));
    assert_safe(&clean_line(&all));
}
