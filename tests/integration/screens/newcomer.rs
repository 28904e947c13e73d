//! A newcomer's first hour (issue 18): the links numbered as the text numbers them, the
//! empty list saying why, messages that keep their words, the feeds list at 50 columns, a
//! long right-to-left feed name that leaves the date in view, and the first start saying
//! how to add feeds.

use super::*;

/// An article whose text shows `[1]`…`[4]` and whose own address is long.
fn links_app(width: u16, height: u16) -> App {
    let url = "https://www.example-newspaper.com/2026/11/24/world/asia/a-very-long-address-for-an-article-about-the-harbour.html";
    let article = tidings::model::Article {
        id: tidings::model::ArticleId::from_identity("links"),
        title: "A story with four references".into(),
        source: "Example Newspaper".into(),
        author: None,
        published: Some(Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap()),
        url: Some(url.into()),
        tags: Vec::new(),
        body: Body {
            blocks: vec![
                Block::Paragraph(vec![Span::plain(
                    "The harbour report [1] and the council's answer [2] disagree; the minutes [3] and our earlier story [4] say why.",
                )]),
                Block::Links(vec![
                    "https://harbour.example/report.pdf".into(),
                    "https://council.example/answers/2026/11/the-harbour-wall-and-what-it-will-cost-to-mend.html".into(),
                    "https://council.example/minutes".into(),
                    url.into(),
                ]),
            ],
        },
    };
    let mut library = Library::new(Vec::new());
    library.merge(
        Some("https://www.example-newspaper.com/feed"),
        vec![article],
    );
    app_with(library, width, height, true)
}

#[test]
fn the_links_window_numbers_as_the_text_does() {
    for (width, height) in [(120, 40), (50, 16)] {
        let mut app = links_app(width, height);
        keys(&mut app, "L");
        let screen = draw(&app);
        let text = format!("{:?}", screen.backend());
        assert!(text.contains("0 this article · https://"), "{text}");
        assert!(
            text.contains("1 https://harbour.example/report.pdf"),
            "{text}"
        );
        assert!(
            text.contains("copy"),
            "the key hints are whole at {width}: {text}"
        );
        insta::assert_snapshot!(format!("links_{width}x{height}"), screen.backend());
    }
}

/// No articles, with these feeds subscribed (and no samples: feeds are configured).
fn feeds_only(width: u16, height: u16, feeds: &[(&str, &str)]) -> App {
    let subscriptions: Vec<Subscription> = feeds
        .iter()
        .map(|(url, name)| Subscription {
            url: (*url).into(),
            name: Some((*name).into()),
            tags: Vec::new(),
            every: None,
            full_text: false,
        })
        .collect();
    let start = Start {
        feeds: subscriptions,
        ..Start::new(Library::new(Vec::new()), settings(true))
    };
    app_from(start, width, height)
}

const TWO_FEEDS: [(&str, &str); 2] = [
    ("http://127.0.0.1:8911/fireball.xml", "Daring Fireball"),
    ("http://127.0.0.1:8911/harbour.xml", "The Harbour Gazette"),
];

fn finished(app: &mut App, feeds: usize, failed: usize) {
    let summary = Summary {
        feeds,
        failed,
        unchanged: feeds - failed,
        ..Summary::default()
    };
    app.handle(Event::Refresh(RefreshReport::Finished(summary)));
}

/// Makes the app of one case at a size.
type MakeApp = dyn Fn(u16, u16) -> App;

#[test]
fn the_empty_list_says_why() {
    let refused = || FeedResult::Failed("connection refused".into());
    let cases: Vec<(&str, Box<MakeApp>)> = vec![
        ("no_feeds", Box::new(|w, h| feeds_only(w, h, &[]))),
        (
            "not_refreshed",
            Box::new(|w, h| feeds_only(w, h, &TWO_FEEDS)),
        ),
        (
            "refreshing",
            Box::new(|w, h| {
                let mut app = feeds_only(w, h, &TWO_FEEDS);
                keys(&mut app, "r");
                app
            }),
        ),
        (
            // The issue's case: one feed, its server down.
            "one_feed_failed",
            Box::new(move |w, h| {
                let mut app = feeds_only(w, h, &TWO_FEEDS[..1]);
                keys(&mut app, "r");
                app.handle(report(1, TWO_FEEDS[0].0, TWO_FEEDS[0].1, refused()));
                finished(&mut app, 1, 1);
                app
            }),
        ),
        (
            "every_feed_failed",
            Box::new(move |w, h| {
                let mut app = feeds_only(w, h, &TWO_FEEDS);
                keys(&mut app, "r");
                for (n, (url, name)) in TWO_FEEDS.iter().enumerate() {
                    app.handle(report(n + 1, url, name, refused()));
                }
                finished(&mut app, 2, 2);
                keys(&mut app, "j");
                app
            }),
        ),
        (
            "feeds_without_articles",
            Box::new(|w, h| {
                let mut app = feeds_only(w, h, &TWO_FEEDS);
                keys(&mut app, "r");
                for (n, (url, name)) in TWO_FEEDS.iter().enumerate() {
                    app.handle(report(n + 1, url, name, FeedResult::NotModified));
                }
                finished(&mut app, 2, 0);
                keys(&mut app, "j");
                app
            }),
        ),
        (
            "search_matches_nothing",
            Box::new(|w, h| {
                let mut app = app(w, h);
                keys(&mut app, "/zeppelin\n");
                app
            }),
        ),
        (
            "nothing_unread",
            Box::new(|w, h| {
                let mut app = app(w, h);
                keys(&mut app, "uA");
                app
            }),
        ),
        (
            "no_bookmarks",
            Box::new(|w, h| {
                let mut app = app(w, h);
                keys(&mut app, "B");
                app
            }),
        ),
    ];
    for (name, make) in &cases {
        for (width, height) in [(80, 24), (50, 16)] {
            let app = make(width, height);
            assert!(app.list().visible().is_empty(), "{name}");
            insta::assert_snapshot!(
                format!("empty_{name}_{width}x{height}"),
                draw(&app).backend()
            );
        }
    }
}

#[test]
fn a_long_error_wins_over_the_summary_and_keeps_its_words() {
    let message = "cannot start xdg-open (No such file or directory); set $BROWSER to your browser";
    for (width, height) in [(120, 40), (50, 16)] {
        let mut app = app(width, height);
        app.handle(Event::Desktop(Err(message.into())));
        let screen = draw(&app);
        let text: String = format!("{:?}", screen.backend());
        assert!(text.contains("set $BROWSER to your"), "{text}");
        assert!(text.contains("browser"), "{text}");
        insta::assert_snapshot!(format!("long_error_{width}x{height}"), screen.backend());
        // The next key takes it away.
        keys(&mut app, "j");
        assert!(!format!("{:?}", draw(&app).backend()).contains("xdg-open"));
    }
    // A notice longer than the line is shortened in its middle, on the status line alone.
    let mut app = app(50, 16);
    app.handle(Event::Desktop(Ok(
        "opened https://www.example.com/2026/11/24/a-long-address.html with xdg-open".into(),
    )));
    let status = status_row(&draw(&app));
    assert!(status.starts_with("opened https://www."), "{status}");
    assert!(status.ends_with("with xdg-open"), "{status}");
}

#[test]
fn the_feeds_list_at_50_columns_keeps_counts_and_errors() {
    let mut app = feed_app(50, 16);
    keys(&mut app, "r");
    app.handle(report(
        1,
        "https://example.com/harbour",
        "Harbour Gazette",
        FeedResult::Failed("connection refused".into()),
    ));
    keys(&mut app, "F");
    let screen = draw(&app);
    let text = format!("{:?}", screen.backend());
    assert!(text.contains("3 articles · 3 unread"), "{text}");
    assert!(text.contains("last tried now"), "{text}");
    assert!(text.contains("connection refused"), "{text}");
    assert!(text.contains("other keys close"), "{text}");
    insta::assert_snapshot!("feeds_refused_50x16", screen.backend());
}

#[test]
fn a_long_right_to_left_feed_name_leaves_the_date_in_view() {
    let url = "https://www.bbc.com/urdu/pakistan/index.xml";
    let name = "BBC News اردو - پاکستان کے لیے تازہ ترین خبریں اور تجزیے";
    let base = Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap();
    let articles: Vec<tidings::model::Article> = (0..3)
        .map(|n| tidings::model::Article {
            id: tidings::model::ArticleId::from_identity(&format!("urdu{n}")),
            title: format!("خبر نمبر {}", n + 1),
            source: name.into(),
            author: None,
            published: Some(base - chrono::Duration::hours(n * 5)),
            url: None,
            tags: tidings::model::tag::parse_tag_list("پاکستان"),
            body: Body::default(),
        })
        .collect();
    for (width, height) in [(80, 24), (50, 16)] {
        let mut library = Library::new(Vec::new());
        library.merge(Some(url), articles.clone());
        let app = app_with(library, width, height, true);
        let screen = draw(&app);
        let text = format!("{:?}", screen.backend());
        for date in ["3h ago", "8h ago", "13h ago"] {
            assert!(text.contains(date), "{date} at {width}x{height}: {text}");
        }
        insta::assert_snapshot!(format!("urdu_feed_{width}x{height}"), screen.backend());
    }
}

#[test]
fn the_first_start_says_how_to_add_feeds() {
    for (width, height) in SIZES {
        let app = app(width, height);
        let status = status_row(&draw(&app));
        assert!(
            status.contains("tidings feeds add URL"),
            "{width}x{height}: {status}"
        );
        if width >= 48 {
            assert!(
                status.contains("tidings import-opml FILE"),
                "{width}x{height}: {status}"
            );
        }
        insta::assert_snapshot!(format!("first_start_status_{width}x{height}"), status);
    }
    // And the help says it too.
    let mut app = app(120, 40);
    keys(&mut app, "?");
    let screen = format!("{:?}", draw(&app).backend());
    assert!(screen.contains("tidings feeds add URL"), "{screen}");
    assert!(screen.contains("tidings import-opml FILE"), "{screen}");
}
