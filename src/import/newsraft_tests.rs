use super::*;

#[test]
fn a_feeds_file_gives_sections_as_tags_and_leaves_commands_out() {
    let text = "# comment\n\
        http://example.org/feed1.xml\n\
        http://example.org/feed2.xml \"Faculty notifications\"\n\
        @ News Reports < reload-period 60\n\
        http://example.org/feed3.xml \"Local news\" < reload-period 30; item-limit 10\n\
        $(curl foo://bar.baz/feed10) < proxy \"localhost\"\n\
        @ Global\n\
        http://example.org/feed7.xml   \"Weather\"\n";
    let (feeds, left_out) = feeds_file(text);
    let line = |url: &str, name: Option<&str>, section: Option<&str>| FeedLine {
        url: url.to_string(),
        name: name.map(str::to_string),
        section: section.map(str::to_string),
    };
    assert_eq!(
        feeds,
        [
            line("http://example.org/feed1.xml", None, None),
            line(
                "http://example.org/feed2.xml",
                Some("Faculty notifications"),
                None
            ),
            line(
                "http://example.org/feed3.xml",
                Some("Local news"),
                Some("News Reports")
            ),
            line("http://example.org/feed7.xml", Some("Weather"), None),
        ]
    );
    assert_eq!(left_out.len(), 1);
    assert!(
        left_out[0].starts_with("$(curl foo://bar.baz/feed10): a command feed"),
        "{left_out:?}"
    );
}

#[test]
fn serialized_fields_are_read_as_newsraft_writes_them() {
    let content = "\u{1f}type=text/plain\u{1f}text=Short\u{1f}^\u{1f}type=text/html\u{1f}text=<p>The longer <b>one</b></p>";
    assert_eq!(largest_text(content), "<p>The longer <b>one</b></p>");
    assert_eq!(
        largest_text("\u{1f}text=a < b\n\nnext"),
        "<p>a &lt; b</p><p>next</p>"
    );
    assert_eq!(largest_text(""), "");
    let person = first_record("\u{1f}type=author\u{1f}name=Ada\u{1f}email=a@example.org").unwrap();
    assert_eq!(person["name"], "Ada");
}
