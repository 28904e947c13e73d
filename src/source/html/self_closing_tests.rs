//! Tests of elements a feed wrote closed the XML way.

use super::close_self_closed;

#[test]
fn elements_closed_the_xml_way_end_there() {
    assert_eq!(
        close_self_closed("<p>Watch:</p><iframe src=\"https://v.example/1\"/><p>The rest.</p>"),
        "<p>Watch:</p><iframe src=\"https://v.example/1\"></iframe><p>The rest.</p>"
    );
    assert_eq!(
        close_self_closed("<A NAME='top'/>Text <SCRIPT src=\"x.js\" /> more"),
        "<A NAME='top'></a>Text <SCRIPT src=\"x.js\" ></script> more"
    );
    assert_eq!(
        close_self_closed("<a title=\"a/>b\" href=\"/x\">link</a>"),
        "<a title=\"a/>b\" href=\"/x\">link</a>"
    );
}

#[test]
fn void_elements_and_text_are_left_as_they_are() {
    for html in [
        "a<br/>b<img src=\"x\"/>",
        "<svg><path d=\"M0\"/></svg>",
        "1 < 2 <a",
        "<a",
    ] {
        assert_eq!(close_self_closed(html), html);
    }
}
