//! The plain-text article parser: no panic on any text, and every string of the article and
//! every warning is terminal-safe.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tidings::source::text::parse;
use tidings_fuzz::{ORIGIN, assert_parsed};

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    assert_parsed(&parse(&input, &ORIGIN));
});
