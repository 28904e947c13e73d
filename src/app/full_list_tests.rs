//! The whole list arriving in the background in place of the newest articles.

use chrono::TimeZone;
use ratatui::crossterm::event::KeyCode;

use super::tests::{article, change_filter, press, selected_title, settings};
use super::*;
use crate::model::Article;
use crate::model::Body;
use crate::model::library::Library;
use crate::refresh::{FeedReport, FeedResult};
use crate::worker::list::FullLibrary;
use crate::worker::refresh::RefreshReport;
use crate::worker::store::StoreReport;
use crate::worker::store::StoreRequest;

const FEED: &str = "https://example.com/feed";

/// `n` cached articles of one feed without their bodies, newest first: "Space" on even
/// ones, "Food" on odd ones.
fn cache(n: usize) -> Vec<Article> {
    (0..n)
        .map(|i| {
            let mut article = article(i, if i % 2 == 0 { "Space" } else { "Food" }, "Plain");
            article.body = Body::default();
            article
        })
        .collect()
}

/// A library read from the cache as start-up reads it.
fn read(cache: &[Article]) -> Library {
    let mut library = Library::new(Vec::new());
    for article in cache {
        library.add_cached(FEED, article.clone());
    }
    library.sort();
    library
}

fn full(library: Library) -> Event {
    Event::List(Ok(Box::new(FullLibrary {
        library,
        problems: Vec::new(),
    })))
}

/// A reader started on the newest 10 of 40 cached articles.
fn started() -> (App, Vec<Article>) {
    let cache = cache(40);
    let now = Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap();
    let feed = crate::model::Subscription {
        full_text: false,
        url: FEED.into(),
        name: Some("Example".into()),
        tags: Vec::new(),
        every: None,
    };
    let start = Start {
        feeds: vec![feed],
        newest_only: true,
        ..Start::new(read(&cache[..10]), settings())
    };
    let mut app = App::new(start, Size::new(120, 40), now);
    app.handle(Event::Resize(120, 40));
    (app, cache)
}

#[test]
fn the_whole_list_keeps_the_marks_bodies_filter_and_selection_made_meanwhile() {
    let (mut app, cache) = started();
    assert_eq!(app.list().visible().len(), 10);

    // Meanwhile: the tag filter narrows to Space, the third Space article is opened (its
    // body loaded, marked read) and bookmarked, and a refresh brings a new Space article.
    let space = app
        .library
        .tag_id(&crate::model::TagKey::of("space"))
        .unwrap();
    change_filter(&mut app, |filter| {
        filter.tags.insert(space);
    });
    app.update(Action::MoveDown);
    app.update(Action::MoveDown);
    let opened = app.selected_entry().unwrap().article.clone();
    assert_eq!(opened.title, "Article 4");
    let full_body = article(4, "Space", "Plain").body;
    app.handle(Event::Store(StoreReport::BodyLoaded(
        opened.id.clone(),
        Box::new(full_body.clone()),
    )));
    app.update(Action::Open);
    app.handle(Event::Store(StoreReport::MarkedRead(opened.id.clone())));
    app.update(Action::ToggleBookmark);
    app.handle(Event::Store(StoreReport::BookmarkSaved(opened.id.clone())));
    app.update(Action::Refresh);
    let mut fresh = article(99, "Space", "Fresh");
    fresh.published = Some(Utc.with_ymd_and_hms(2026, 11, 20, 0, 0, 0).unwrap());
    app.handle(Event::Refresh(RefreshReport::Feed {
        done: 1,
        report: FeedReport {
            read: Vec::new(),
            bookmarked: Vec::new(),
            url: FEED.into(),
            name: "Example".into(),
            result: FeedResult::Updated { new: 1, updated: 0 },
            articles: vec![fresh],
        },
    }));
    assert_eq!(
        app.list().visible().len(),
        6,
        "5 newest Space articles and the fresh one"
    );
    let scroll_before = {
        app.update(Action::MoveDown);
        app.reader().view().unwrap().scroll
    };
    assert_eq!(scroll_before, 1, "the reader has the focus and scrolls");

    // The background read began before all that: it knows nothing of it.
    app.handle(full(read(&cache)));

    assert!(!app.jobs().loading_list());
    assert_eq!(app.library.source_count(), 41);
    assert_eq!(
        app.list().visible().len(),
        21,
        "20 Space articles of the cache and the fresh one"
    );
    assert_eq!(selected_title(&app), "Article 4");
    let entry = app.selected_entry().unwrap();
    assert!(entry.is_read() && entry.bookmarked);
    assert_eq!(entry.article.body, full_body, "the loaded body stays");
    assert!(!entry.body_in_store);
    assert_eq!(
        app.reader().view().unwrap().scroll,
        1,
        "the reader stays where it was"
    );
    let feed = app
        .library
        .find_source(&crate::model::library::SourceKey::Feed(FEED.into()))
        .unwrap();
    assert_eq!(
        app.library.sources()[feed].members.total,
        41,
        "the feed's articles are counted over the whole list, the fresh one too"
    );
    assert!(
        app.library
            .entries()
            .iter()
            .any(|e| e.article.title == "Article 99"),
        "the refreshed article stays"
    );
    let space_count = app.library.tags()[app
        .library
        .tag_id(&crate::model::TagKey::of("space"))
        .unwrap()]
    .members
    .total;
    assert_eq!(space_count, 21, "tags are counted over the whole list");
}

#[test]
fn a_search_typed_meanwhile_asks_the_index_again_over_the_whole_cache() {
    let (mut app, cache) = started();
    press(&mut app, KeyCode::Char('/'));
    let effects = press(&mut app, KeyCode::Char('x'));
    assert_eq!(effects, [Effect::Store(StoreRequest::Search("x".into()))]);
    let effects = app.handle(full(read(&cache)));
    assert_eq!(
        effects,
        [Effect::Store(StoreRequest::Search("x".into()))],
        "the whole cache may hold more matches"
    );
}

#[test]
fn a_whole_list_that_cannot_be_read_is_reported_and_the_newest_stay() {
    let (mut app, _) = started();
    app.handle(Event::List(Err("database is locked".into())));
    assert!(!app.jobs().loading_list());
    let status = app.status().unwrap();
    assert!(status.is_error);
    assert!(
        status.text.contains("database is locked"),
        "{}",
        status.text
    );
    assert_eq!(app.list().visible().len(), 10);
}
