//! The plain-text article parser: no panic on any text, and every string of the article and
//! every warning is terminal-safe.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tidings::source::text::parse;
use tidings_fuzz::{ORIGIN, assert_article, assert_line};

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let parsed = parse(&input, &ORIGIN);
    assert_article(&parsed.article);
    for warning in &parsed.warnings {
        assert_line("warning", warning);
    }
});
