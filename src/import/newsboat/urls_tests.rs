use super::*;

#[test]
fn feeds_with_tags_names_and_hidden_ones() {
    let urls = read(
        "# my feeds\n\
         https://a.example/rss tech \"open source\" \"~A Renamed\"\n\
         \n\
         https://b.example/atom ! news  # a comment\n\
         https://a.example/rss linux tech\n",
    );
    assert_eq!(
        urls.feeds,
        [
            UrlsFeed {
                url: "https://a.example/rss".into(),
                tags: vec!["tech".into(), "open source".into(), "linux".into()],
                name: Some("A Renamed".into()),
                hidden: false,
            },
            UrlsFeed {
                url: "https://b.example/atom".into(),
                tags: vec!["news".into()],
                name: None,
                hidden: true,
            },
        ]
    );
}

#[test]
fn query_feeds_and_command_feeds() {
    let urls = read(
        "\"query:Unread Rust:unread = \\\"yes\\\" and tags # \\\"rust\\\"\" tag\n\
         \"exec:~/bin/weather\" weather\n\
         \"filter:~/bin/clean:https://c.example/feed\"\n\
         \"query::broken\"\n",
    );
    assert_eq!(
        urls.queries,
        [(
            "Unread Rust".to_string(),
            "unread = \"yes\" and tags # \"rust\"".to_string()
        )]
    );
    assert!(urls.feeds.is_empty());
    assert_eq!(urls.left_out.len(), 3, "{:?}", urls.left_out);
    assert!(urls.left_out[0].starts_with("exec:~/bin/weather: a command feed"));
}

#[test]
fn words_split_as_newsboat_splits_them() {
    assert_eq!(
        words("a \"b c\"\t\"d\\\"e\" f#g # h"),
        ["a", "b c", "d\"e", "f#g"]
    );
    assert_eq!(words("\"unclosed quote"), ["unclosed quote"]);
    assert!(words("   # only a comment").is_empty());
}
