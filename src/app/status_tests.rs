//! The status line's message, made safe and cleared by a key.

use super::*;

#[test]
fn a_message_is_made_safe_and_a_key_clears_it() {
    let mut line = StatusLine::default();
    line.error("cannot read \u{1b}[31mred.txt");
    let message = line.message().unwrap();
    assert!(message.is_error);
    assert!(!message.text.contains('\u{1b}'), "{message:?}");
    line.info("done");
    assert!(!line.message().unwrap().is_error);
    line.clear();
    assert_eq!(line.message(), None);
}
