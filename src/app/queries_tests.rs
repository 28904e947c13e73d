//! The Queries section of the navigation pane: counts, choosing a query, counts kept
//! current as articles are read, and what the store's index finds for a query's words.

use chrono::TimeZone;
use ratatui::crossterm::event::KeyCode;

use super::super::tests::{article, press, put_nav_cursor, settings};
use super::super::*;
use crate::query::{Origin, SavedQuery, parse};
use crate::worker::store::{StoreReport, StoreRequest};

fn saved(name: &str, query: &str) -> SavedQuery {
    SavedQuery {
        name: name.to_string(),
        query: parse(query).unwrap(),
        origin: Origin::Config,
    }
}

/// 12 articles: 0..4 tagged Space, 4..8 Space and Science, 8..12 Food; article 5 mentions a
/// comet; with three saved queries.
fn app() -> (App, Vec<Effect>) {
    let articles = (0..12)
        .map(|n| {
            let tags = match n {
                0..4 => "Space",
                4..8 => "Space, Science",
                _ => "Food",
            };
            article(n, tags, if n == 5 { "A comet passed" } else { "Plain" })
        })
        .collect();
    let mut start = Start::new(Library::new(articles), settings());
    start.queries = vec![
        saved("Science", "tag:science is:unread"),
        saved("Not food", "-tag:food"),
        saved("Comets", "comet OR title:\"article 11\""),
    ];
    let now = Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap();
    let mut app = App::new(start, Size::new(120, 40), now);
    let effects = app.start();
    app.handle(Event::Resize(120, 40));
    (app, effects)
}

#[test]
fn the_queries_head_the_pane_with_their_counts() {
    let (app, _) = app();
    let nav = app.nav();
    assert_eq!(nav.row(0), Some(NavRow::QueriesHeading));
    assert_eq!(nav.row(1), Some(NavRow::Item(0, NavItem::Query(0))));
    assert_eq!(nav.row(3), Some(NavRow::Item(2, NavItem::Query(2))));
    assert_eq!(nav.row(4), Some(NavRow::Gap));
    assert_eq!(nav.row(5), Some(NavRow::SourcesHeading));
    assert_eq!(nav.item(3), Some(NavItem::Source(nav.sources()[0])));
    // The pane ends at its last tag, with no empty rows after it.
    let last = nav.row_count() - 1;
    assert!(
        matches!(nav.row(last), Some(NavRow::Item(_, NavItem::Tag(_)))),
        "{:?}",
        nav.row(last)
    );
    assert_eq!(nav.row(nav.row_count()), None);
    let queries = app.queries();
    assert_eq!((queries.name(0), queries.counts(0)), ("Science", (4, 4)));
    assert_eq!(queries.counts(1), (8, 8));
    // The comet is in a body the library holds, article 11 in a title.
    assert_eq!(queries.counts(2), (2, 2));
}

#[test]
fn the_store_is_asked_for_the_queries_words_and_what_it_finds_counts() {
    let (mut app, effects) = app();
    assert!(
        effects.contains(&Effect::Store(StoreRequest::QueryFacts(vec![vec![
            "comet".to_string()
        ]]))),
        "{effects:?}"
    );
    // The index found article 3's body (as it would a cached article's).
    let id = app.library().entry(3).article.id.clone();
    app.handle(Event::Store(StoreReport::QueryFacts {
        found: vec![vec![id]],
        full_text: Vec::new(),
    }));
    assert_eq!(app.queries().counts(2), (3, 3));
}

#[test]
fn choosing_a_query_narrows_the_list_and_reading_keeps_its_counts_current() {
    let (mut app, _) = app();
    app.screen.focus_on(Focus::Nav);
    put_nav_cursor(&mut app, 0);
    press(&mut app, KeyCode::Char(' '));
    let titles: Vec<String> = app
        .list()
        .visible()
        .iter()
        .map(|&i| app.library().entry(i).article.title.clone())
        .collect();
    assert_eq!(titles, ["Article 4", "Article 5", "Article 6", "Article 7"]);
    assert!(app.list().filter().queries.contains(&0));

    // Reading one takes it out of the unread science, and from the counts, at once.
    app.screen.focus_on(Focus::List);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.queries().counts(1), (8, 8));
    let index = app.list().visible()[0];
    app.handle(Event::Store(StoreReport::MarkedRead(
        app.library().entry(index).article.id.clone(),
    )));
    assert_eq!(app.queries().counts(0), (3, 3));
    assert_eq!(app.queries().counts(1), (7, 8));

    // Enter on a query shows it alone.
    app.screen.focus_on(Focus::Nav);
    put_nav_cursor(&mut app, 1);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.list().visible().len(), 8);
    assert_eq!(
        app.list()
            .filter()
            .queries
            .iter()
            .copied()
            .collect::<Vec<_>>(),
        [1]
    );

    // c clears it with the rest.
    press(&mut app, KeyCode::Char('c'));
    assert!(app.list().filter().queries.is_empty());
    assert_eq!(app.list().visible().len(), 12);
}

fn typed(app: &mut App, text: &str) {
    press(app, KeyCode::Char('/'));
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn listed(app: &App) -> Vec<String> {
    app.list()
        .visible()
        .iter()
        .map(|&i| app.library().entry(i).article.title.clone())
        .collect()
}

#[test]
fn the_search_box_takes_the_query_language() {
    let (mut app, _) = app();
    typed(&mut app, "tag:science -title:\"article 5\" OR comet");
    assert_eq!(
        listed(&app),
        ["Article 4", "Article 5", "Article 6", "Article 7"]
    );
    assert_eq!(app.list().search_problem(), None);
    press(&mut app, KeyCode::Enter);
    assert_eq!(listed(&app).len(), 4, "Enter keeps it");

    // Words alone search as they always did.
    let (mut words, _) = self::app();
    typed(&mut words, "comet passed");
    assert_eq!(listed(&words), ["Article 5"]);
}

#[test]
fn text_that_does_not_parse_yet_is_searched_as_words_and_says_what_is_missing() {
    let (mut app, _) = app();
    typed(&mut app, "comet tag:");
    assert_eq!(
        app.list().search_problem(),
        Some("query: expected a value after 'tag:' at column 11")
    );
    assert_eq!(
        listed(&app),
        Vec::<String>::new(),
        "no article has the word tag:"
    );
    typed_on(&mut app, "food");
    assert_eq!(app.list().search_problem(), None);
    assert_eq!(
        listed(&app),
        Vec::<String>::new(),
        "the comet is not in food"
    );
}

fn typed_on(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

#[test]
fn a_refresh_landing_while_keys_arrive_shows_what_the_rules_did() {
    use crate::refresh::{FeedReport, FeedResult};
    use crate::worker::refresh::RefreshReport;
    let (mut app, _) = app();
    typed(&mut app, "plain");
    let mut arrived = article(20, "Science", "Plain");
    arrived.title = "Article 20".into();
    let id = arrived.id.clone();
    app.handle(Event::Refresh(RefreshReport::Feed {
        done: 1,
        report: FeedReport {
            read: vec![id.clone()],
            bookmarked: vec![id.clone()],
            url: "https://example.com/feed".into(),
            name: "Example".into(),
            result: FeedResult::Updated { new: 1, updated: 0 },
            articles: vec![arrived],
        },
    }));
    typed_on(&mut app, " paragraph");
    let index = app.library().position(&id).unwrap();
    let entry = app.library().entry(index);
    assert!(
        entry.is_read() && entry.bookmarked,
        "read and bookmarked by the rules"
    );
    // Science, unread: the rule's read mark keeps it out of that query's count.
    assert_eq!(app.queries().counts(0), (4, 4));
    assert!(
        listed(&app).contains(&"Article 20".to_string()),
        "the search typed on finds it"
    );
}

#[test]
fn a_query_name_is_shown_as_text() {
    let saved = vec![saved("Evil\u{1b}[2J name", "is:unread")];
    let queries = Queries::new(saved, Utc::now());
    assert!(!queries.name(0).contains('\u{1b}'), "{:?}", queries.name(0));
}

#[test]
fn a_query_typed_in_the_search_box_asks_the_store_for_its_words_and_full_texts() {
    let (mut app, _) = app();
    press(&mut app, KeyCode::Char('/'));
    let mut effects = Vec::new();
    for c in "is:fulltext OR comet".chars() {
        effects = press(&mut app, KeyCode::Char(c));
    }
    assert_eq!(
        effects,
        [Effect::Store(StoreRequest::SearchFacts {
            search: "is:fulltext OR comet".into(),
            terms: vec![vec!["comet".into()]],
        })]
    );
    assert_eq!(
        listed(&app),
        ["Article 5"],
        "the comet, from the text the library holds"
    );
    // The store finds article 2's full text read, and article 9 by its cached body.
    let ids: Vec<_> = (0..12)
        .map(|n| app.library().entry(n).article.id.clone())
        .collect();
    let (two, nine) = (ids[2].clone(), ids[9].clone());
    app.handle(Event::Store(StoreReport::SearchFacts {
        search: "is:fulltext OR comet".into(),
        found: vec![vec![nine]],
        full_text: vec![two],
    }));
    assert_eq!(listed(&app), ["Article 2", "Article 5", "Article 9"]);
    // An answer for other text is left alone.
    app.handle(Event::Store(StoreReport::SearchFacts {
        search: "something else".into(),
        found: vec![vec![ids[0].clone()]],
        full_text: Vec::new(),
    }));
    assert_eq!(listed(&app).len(), 3);
}

#[test]
fn a_feed_refreshed_counts_its_new_articles_in_at_once() {
    use crate::refresh::{FeedReport, FeedResult};
    use crate::worker::refresh::RefreshReport;
    let (mut app, _) = app();
    assert_eq!(app.queries().counts(0), (4, 4));
    app.handle(Event::Refresh(RefreshReport::Feed {
        done: 1,
        report: FeedReport {
            read: Vec::new(),
            bookmarked: Vec::new(),
            url: "https://example.com/feed".into(),
            name: "Example".into(),
            result: FeedResult::Updated { new: 1, updated: 0 },
            articles: vec![article(21, "Science", "Plain")],
        },
    }));
    assert_eq!(app.queries().counts(0), (5, 5), "before the refresh ends");
}
