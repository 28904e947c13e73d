use super::*;

#[test]
fn ignore_article_lines_and_nothing_else() {
    let config = "auto-reload yes\n\
        ignore-article \"*\" \"title =~ \\\"Sponsored\\\"\"\n\
        ignore-article https://b.example/atom \"author = \\\"Bot\\\"\"\n\
        ignore-mode \"display\"\n\
        # ignore-article \"*\" \"title = \\\"x\\\"\"\n";
    assert_eq!(
        ignores(config),
        [
            Ignore {
                feed: None,
                expression: "title =~ \"Sponsored\"".into(),
                line: 2,
            },
            Ignore {
                feed: Some("https://b.example/atom".into()),
                expression: "author = \"Bot\"".into(),
                line: 3,
            },
        ]
    );
}
