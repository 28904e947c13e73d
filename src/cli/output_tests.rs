//! Tests of how commands print.

use super::about;

#[test]
fn an_error_names_its_address_once() {
    let missing = "cannot read /x.html: no such file or folder";
    assert_eq!(about("/x.html", missing), missing);
    assert_eq!(about("file:///x.html", missing), missing);
    assert_eq!(
        about("/x.html", "/x.html is larger than 2 MB"),
        "/x.html is larger than 2 MB"
    );
    assert_eq!(
        about("https://e.example/a", "HTTP 404 Not Found"),
        "https://e.example/a: HTTP 404 Not Found"
    );
    // Only as the subject: "a" is not named by "not a web page".
    assert_eq!(
        about("a", "not a web page (its bytes are not text)"),
        "a: not a web page (its bytes are not text)"
    );
    assert_eq!(
        about("/x", "cannot read /x: it is a folder"),
        "cannot read /x: it is a folder"
    );
    assert_eq!(
        about("/x.html", "cannot read /x.html.bak: gone"),
        "/x.html: cannot read /x.html.bak: gone"
    );
}
