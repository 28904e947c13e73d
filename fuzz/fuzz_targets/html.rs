//! The HTML-to-body converter: no panic on any input, and every string of the body is
//! terminal-safe. Input up to the first NUL byte, when there is one, is the base URL;
//! otherwise a fixed base is used, so that relative links are resolved.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tidings::source::html::to_body;
use tidings_fuzz::assert_body;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let (base, html) = match input.split_once('\0') {
        Some((base, html)) => (Some(base), html),
        None => (Some("https://example.com/dir/page.html?q=1#top"), &*input),
    };
    assert_body(&to_body(html, base));
    assert_body(&to_body(html, None));
});
