use super::translate;

/// newsboat's expression as our query's text.
fn ours(expression: &str) -> String {
    translate(expression, "s")
        .unwrap_or_else(|e| panic!("{expression}: {e}"))
        .to_string()
}

#[test]
fn each_attribute_and_operator() {
    for (newsboat, tidings) in [
        (r#"unread = "yes""#, "is:unread"),
        (r#"unread = "no""#, "is:read"),
        (r#"unread != "yes""#, "is:read"),
        (r#"title =~ "rust""#, "title:/rust/"),
        (r#"title !~ "^\[ad\]""#, r"-title:/^\[ad\]/"),
        (r#"title # "Apple""#, "title:Apple"),
        (r#"title = "Exact Title""#, "title:/^Exact Title$/"),
        (r#"author = "Ada Editor""#, "author:/^Ada Editor$/"),
        (r#"link =~ "youtube\.com""#, r"link:/youtube\.com/"),
        (
            r#"feedtitle = "Daring Fireball""#,
            "feed:\"Daring Fireball\"",
        ),
        (
            r#"rssurl = "https://e.example/rss""#,
            "feed:\"https://e.example/rss\"",
        ),
        (r#"tags # "rust""#, "tag:rust"),
        (r#"tags !# "politics""#, "-tag:politics"),
        ("age < 3", "age<3d"),
        ("age >= 14", "age>=2w"),
        ("age between 0:7", "age>=0d age<=1w"),
        ("age = 2", "age>=2d age<3d"),
        (r#"flags # "s""#, "is:bookmarked"),
        (r#"content # "rust""#, "rust"),
    ] {
        assert_eq!(ours(newsboat), tidings, "{newsboat}");
    }
}

#[test]
fn newsboats_grouping_to_the_right_is_written_out() {
    assert_eq!(
        ours(r#"unread = "yes" and tags # "rust" or tags # "go""#),
        "is:unread (tag:rust OR tag:go)"
    );
    assert_eq!(
        ours(r#"tags # "rust" or tags # "go" and unread = "yes""#),
        "tag:rust OR tag:go is:unread"
    );
    assert_eq!(
        ours(r#"(tags # "rust" or tags # "go") and unread = "yes""#),
        "(tag:rust OR tag:go) is:unread"
    );
}

#[test]
fn what_has_no_counterpart_is_said_and_nothing_is_half_translated() {
    for (newsboat, said) in [
        (r#"guid = "x""#, "`guid = \"x\"` has no counterpart"),
        (r#"unread = "yes" and content =~ "^a.*b$""#, "content =~"),
        (r#"flags # "x""#, "flags # \"x\""),
        (r#"title < "x""#, "title < \"x\""),
        (r#"title = "x"#, "not closed"),
        ("title", "expected an operator after 'title'"),
        (r#"(unread = "yes""#, "'(' is not closed"),
        ("age < soon", "whole number of days"),
    ] {
        let error = translate(newsboat, "s").unwrap_err();
        assert!(error.contains(said), "{newsboat}: {error}");
    }
}

#[test]
fn every_translation_reads_back_as_a_query() {
    for newsboat in [
        r#"unread = "yes" and tags # "rust" or title =~ "(?i)release""#,
        r#"feedtitle = "A \"quoted\" name" and age between 1:30"#,
    ] {
        let query = translate(newsboat, "s").unwrap();
        assert_eq!(
            crate::query::parse(&query.to_string()).unwrap(),
            query,
            "{newsboat}"
        );
    }
}
