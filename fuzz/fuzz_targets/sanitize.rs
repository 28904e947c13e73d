//! The sanitizer: no panic; what it returns holds no control, escape, C1, bidi override or
//! invisible character that disguises text; every character that carries meaning (joiners,
//! directional marks, soft hyphens) is kept; one-line output is folded and trimmed; and
//! cleaning twice changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tidings::sanitize::{clean_line, clean_text};
use tidings_fuzz::{assert_line, assert_text, carries_meaning};

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);

    let text = clean_text(&input);
    assert_text("clean_text", &text);
    assert!(!text.contains('\r'), "carriage return in {text:?}");
    let meaningful = |s: &str| s.chars().filter(|&c| carries_meaning(c)).count();
    assert_eq!(meaningful(&text), meaningful(&input), "a meaningful character lost");
    assert_eq!(clean_text(&text), text, "clean_text is not idempotent");

    let line = clean_line(&input);
    assert_line("clean_line", &line);
    assert_eq!(line.trim(), line, "clean_line is not trimmed");
    assert!(
        !line.chars().any(|c| c.is_whitespace() && c != ' '),
        "white space other than a space in {line:?}"
    );
    assert!(!line.contains("  "), "a run of spaces in {line:?}");
    assert_eq!(clean_line(&line), line, "clean_line is not idempotent");
});
