//! Why the list is empty, from the state: no feeds, not refreshed, refreshing, every feed
//! failed, feeds with no articles, a filter or search that matches nothing, nothing unread,
//! no bookmarks.

use super::tests::{article, change_filter, press, settings};
use super::*;
use crate::model::Subscription;
use crate::refresh::{FeedReport, FeedResult, Summary};
use crate::worker::refresh::RefreshReport;
use chrono::TimeZone;
use ratatui::crossterm::event::KeyCode;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap()
}

fn subscription(url: &str, name: &str) -> Subscription {
    Subscription {
        url: url.into(),
        name: Some(name.into()),
        tags: Vec::new(),
        every: None,
        full_text: false,
    }
}

/// No articles, and these feeds subscribed.
fn app_with_feeds(feeds: &[(&str, &str)]) -> App {
    let start = Start {
        feeds: feeds.iter().map(|(u, n)| subscription(u, n)).collect(),
        ..Start::new(Library::default(), settings())
    };
    App::new(start, Size::new(120, 40), now())
}

fn feed_report(app: &mut App, done: usize, url: &str, name: &str, result: FeedResult) {
    let report = FeedReport {
        read: Vec::new(),
        bookmarked: Vec::new(),
        url: url.into(),
        name: name.into(),
        result,
        articles: Vec::new(),
    };
    app.handle(Event::Refresh(RefreshReport::Feed { done, report }));
}

#[test]
fn no_feeds_at_all() {
    let app = app_with_feeds(&[]);
    assert_eq!(app.why_empty(), Some(EmptyList::NoFeeds));
}

#[test]
fn one_feed_whose_server_is_down() {
    let url = "http://127.0.0.1:9/feed.xml";
    let mut app = app_with_feeds(&[(url, "Daring Fireball")]);
    assert_eq!(app.why_empty(), Some(EmptyList::NotRefreshed));
    app.update(Action::Refresh);
    assert_eq!(app.why_empty(), Some(EmptyList::Refreshing));
    let refused = FeedResult::Failed("connection refused".into());
    feed_report(&mut app, 1, url, "Daring Fireball", refused);
    let summary = Summary {
        feeds: 1,
        failed: 1,
        ..Summary::default()
    };
    app.handle(Event::Refresh(RefreshReport::Finished(summary)));
    assert_eq!(
        app.why_empty(),
        Some(EmptyList::Failed {
            feeds: 1,
            name: "Daring Fireball".into(),
            error: "connection refused".into()
        })
    );
    let status = app.status().cloned().unwrap();
    assert_eq!(status.text, "Daring Fireball failed: connection refused");
    assert!(status.is_error);
}

#[test]
fn every_feed_failed_names_the_first_in_the_feeds_lists_order() {
    let mut app = app_with_feeds(&[
        ("https://b.example/", "Beta"),
        ("https://a.example/", "Alpha"),
    ]);
    app.update(Action::Refresh);
    feed_report(
        &mut app,
        1,
        "https://b.example/",
        "Beta",
        FeedResult::Failed("HTTP 404 Not Found".into()),
    );
    feed_report(
        &mut app,
        2,
        "https://a.example/",
        "Alpha",
        FeedResult::Failed("connection refused".into()),
    );
    app.handle(Event::Refresh(RefreshReport::Finished(Summary {
        feeds: 2,
        failed: 2,
        ..Summary::default()
    })));
    assert_eq!(
        app.why_empty(),
        Some(EmptyList::Failed {
            feeds: 2,
            name: "Alpha".into(),
            error: "connection refused".into()
        })
    );
}

#[test]
fn feeds_refreshed_but_empty_and_one_of_them_failing() {
    let mut app = app_with_feeds(&[
        ("https://b.example/", "Beta"),
        ("https://a.example/", "Alpha"),
    ]);
    app.update(Action::Refresh);
    feed_report(
        &mut app,
        1,
        "https://b.example/",
        "Beta",
        FeedResult::NotModified,
    );
    feed_report(
        &mut app,
        2,
        "https://a.example/",
        "Alpha",
        FeedResult::Failed("connection refused".into()),
    );
    app.handle(Event::Refresh(RefreshReport::Finished(Summary::default())));
    assert_eq!(app.why_empty(), Some(EmptyList::NoArticles));
}

#[test]
fn a_chosen_feed_without_articles_says_why_it_has_none() {
    let url = "https://down.example/feed";
    let start = Start {
        feeds: vec![subscription(url, "Down")],
        ..Start::new(Library::new(vec![article(1, "News", "text")]), settings())
    };
    let mut app = App::new(start, Size::new(120, 40), now());
    app.update(Action::Refresh);
    feed_report(
        &mut app,
        1,
        url,
        "Down",
        FeedResult::Failed("connection refused".into()),
    );
    app.handle(Event::Refresh(RefreshReport::Finished(Summary::default())));
    assert_eq!(app.why_empty(), None, "the local article shows");
    let down = app
        .library
        .find_source(&crate::model::library::SourceKey::Feed(url.into()))
        .unwrap();
    change_filter(&mut app, |filter| {
        filter.sources.insert(down);
    });
    assert!(matches!(
        app.why_empty(),
        Some(EmptyList::Failed { feeds: 1, .. })
    ));
}

#[test]
fn a_search_that_matches_nothing_then_c_clears_it() {
    let mut app = App::new(
        Start::new(
            Library::new(vec![article(1, "News", "text"), article(2, "News", "text")]),
            settings(),
        ),
        Size::new(120, 40),
        now(),
    );
    press(&mut app, KeyCode::Char('/'));
    for c in "zzz".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.why_empty(), Some(EmptyList::NothingMatches));
    app.update(Action::ClearFilter);
    assert_eq!(app.why_empty(), None);
}

#[test]
fn unread_only_with_nothing_unread_and_the_empty_bookmarks_view() {
    let mut app = App::new(
        Start::new(Library::new(vec![article(1, "News", "text")]), settings()),
        Size::new(120, 40),
        now(),
    );
    app.library.set_read(0, true);
    // As after moving away from the article read last, which `u` keeps listed meanwhile.
    change_filter(&mut app, |filter| filter.unread_only = true);
    assert_eq!(app.why_empty(), Some(EmptyList::NothingUnread));
    app.update(Action::UnreadOnly);
    assert_eq!(app.why_empty(), None);
    app.update(Action::ShowBookmarks);
    assert_eq!(app.why_empty(), Some(EmptyList::NoBookmarks));
}
