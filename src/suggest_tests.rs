//! Tests of "did you mean".

use super::*;

#[test]
fn near_names_are_suggested_and_far_ones_not() {
    let names = ["quit", "help", "refresh_every", "refresh_on_start"];
    assert_eq!(nearest("quitt", names), Some("quit"));
    assert_eq!(nearest("qiut", names), Some("quit"));
    assert_eq!(nearest("QUIT", names), Some("quit"));
    assert_eq!(
        nearest("quit", names),
        None,
        "the same name is no suggestion"
    );
    assert_eq!(nearest("refresh_evry", names), Some("refresh_every"));
    assert_eq!(nearest("refresh-every", names), Some("refresh_every"));
    assert_eq!(nearest("fly", names), None);
    assert_eq!(nearest("", names), None);
    assert_eq!(nearest("magneta", ["magenta", "cyan"]), Some("magenta"));
    assert_eq!(nearest("x", ["on", "off"]), None);
    assert_eq!(nearest("of", ["on", "off"]), Some("off"));
}
