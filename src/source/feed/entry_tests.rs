//! Tests of items as feeds give them.

use super::*;

#[test]
fn names_are_found_beside_addresses() {
    assert_eq!(person_name("editor@example.com (Ada Editor)"), "Ada Editor");
    assert_eq!(person_name("Ada Editor <editor@example.com>"), "Ada Editor");
    assert_eq!(
        person_name("\"Ada Editor\" <editor@example.com>"),
        "Ada Editor"
    );
    assert_eq!(person_name("Ada Editor (editor@example.com)"), "Ada Editor");
    assert_eq!(person_name("editor@example.com"), "editor@example.com");
    assert_eq!(person_name("Ada (the) Editor"), "Ada (the) Editor");
    assert_eq!(person_name("  Ada  Editor "), "Ada Editor");
}

#[test]
fn unlabelled_text_is_html_only_when_it_looks_like_it() {
    let line = |s: &str| Text::new(s.into(), Kind::Either).line();
    assert_eq!(
        line("History of the <blink> tag"),
        "History of the <blink> tag"
    );
    assert_eq!(
        line("Linked <a href=\"http://x.example/a\">headline</a> &amp; more"),
        "Linked headline & more"
    );
    assert_eq!(line("AT&T and <b>bold</b>"), "AT&T and bold");
    assert_eq!(line("one<br>two"), "one two");
    assert_eq!(line("x < y && y > z"), "x < y && y > z");
    assert_eq!(Text::new("a <b> c".into(), Kind::Plain).line(), "a <b> c");
    assert_eq!(Text::new("a <b>c</b>".into(), Kind::Html).line(), "a c");
}
