//! Tests of HTML that names something reduced to its text.

use super::inline_text;

#[test]
fn markup_goes_and_the_words_stay() {
    assert_eq!(
        inline_text("Linked <a href=\"http://x.example/a\">headline</a> &amp; more"),
        "Linked headline & more"
    );
    assert_eq!(inline_text("A <b>bold</b><br>claim"), "A bold claim");
    assert_eq!(inline_text("Caf&amp;eacute; <script>x()</script>"), "Café");
    assert_eq!(inline_text("子<ruby>供<rt>ども</rt></ruby>"), "子供");
    assert_eq!(
        inline_text("un<i>believ</i>able<p>next"),
        "unbelievable next"
    );
    assert_eq!(inline_text("x\u{1b}[31m"), "x[31m");
    assert_eq!(
        inline_text("A <img alt=\"cat\" src=\"c.jpg\"> photo"),
        "A cat photo"
    );
}
