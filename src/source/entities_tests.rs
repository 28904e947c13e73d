//! Tests of character references read outside the HTML parser.

use super::*;

#[test]
fn references_are_read_and_other_ampersands_kept() {
    assert_eq!(decode("Caf&#233; &amp; cr&egrave;me"), "Café & crème");
    assert_eq!(decode("&#xE9;t&#XE9;"), "été");
    assert_eq!(
        decode("AT&T, a && b, &unknown; &#0; &#xZZ; &amp"),
        "AT&T, a && b, &unknown; &#0; &#xZZ; &amp"
    );
    assert!(matches!(decode("no references"), Cow::Borrowed(_)));
    assert!(matches!(decode("AT&T"), Cow::Borrowed(_)));
    assert_eq!(
        at(b"&NotEqualTilde;x"),
        Some(('\u{2242}', Some('\u{338}'), 15))
    );
}
