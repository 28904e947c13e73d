//! `+`: an address typed and read, a feed chosen among those a page names, and the feed
//! subscribed joining the run and refreshed.

use chrono::TimeZone;
use ratatui::crossterm::event::KeyCode;

use super::super::tests::{article, press, settings};
use super::super::*;
use crate::model::Subscription;
use crate::source::discover::Named;
use crate::source::feed::Kind;
use crate::worker::discovery::{DiscoveryReport, DiscoveryRequest};
use crate::worker::refresh::RefreshRequest;

fn app() -> App {
    let library = Library::new((0..3).map(|n| article(n, "Space", "Plain")).collect());
    let now = Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap();
    let mut app = App::new(Start::new(library, settings()), Size::new(120, 40), now);
    app.handle(Event::Resize(120, 40));
    app
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn named(url: &str, title: &str) -> Named {
    Named {
        url: url.to_string(),
        title: title.to_string(),
        kind: Kind::Rss,
    }
}

#[test]
fn an_address_is_typed_read_and_a_feed_chosen_among_several() {
    let mut app = app();
    press(&mut app, KeyCode::Char('+'));
    assert_eq!(app.window().open(), Some(Overlay::AddFeed));
    // Letters that are keys elsewhere are text here.
    typed(&mut app, "https://blog.example/jq");
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(
        effects,
        [Effect::Discovery(DiscoveryRequest::Look(
            "https://blog.example/".into()
        ))]
    );
    assert!(app.window().adding().busy);
    assert!(
        press(&mut app, KeyCode::Enter).is_empty(),
        "nothing more while it is read"
    );

    app.handle(Event::Discovery(DiscoveryReport::Choices {
        page: "https://blog.example/".into(),
        found: vec![
            named("https://blog.example/posts.xml", "Posts"),
            named("https://blog.example/notes.xml", "Notes"),
        ],
    }));
    assert_eq!(app.window().adding().choices.len(), 2);
    press(&mut app, KeyCode::Char('j'));
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(
        effects,
        [Effect::Discovery(DiscoveryRequest::Take(
            "https://blog.example/notes.xml".into()
        ))]
    );
}

#[test]
fn a_feed_subscribed_joins_the_run_and_is_refreshed_at_once() {
    let mut app = app();
    press(&mut app, KeyCode::Char('+'));
    typed(&mut app, "https://blog.example/notes.xml");
    press(&mut app, KeyCode::Enter);
    let subscription = Subscription {
        url: "https://blog.example/notes.xml".into(),
        name: None,
        tags: Vec::new(),
        every: None,
        full_text: false,
    };
    let effects = app.handle(Event::Discovery(DiscoveryReport::Subscribed {
        subscription: subscription.clone(),
        said: "subscribed to \"Notes\" (RSS, 3 articles)".into(),
    }));
    assert_eq!(app.window().open(), None);
    assert!(effects.contains(&Effect::Refresh(RefreshRequest {
        only: Some(vec![subscription.url.clone()]),
        force: false,
        add: vec![subscription.clone()],
    })));
    assert!(
        app.feeds()
            .statuses()
            .iter()
            .any(|s| s.url == subscription.url)
    );
    assert_eq!(
        app.status().map(|s| s.text.as_str()),
        Some("subscribed to \"Notes\" (RSS, 3 articles); refreshing it")
    );
    // The worker knows it now: the next refresh asks for it without adding it again.
    app.handle(Event::Refresh(
        crate::worker::refresh::RefreshReport::Finished(crate::refresh::Summary::default()),
    ));
    let effects = press(&mut app, KeyCode::Char('r'));
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Refresh(r) if r.add.is_empty())),
        "{effects:?}"
    );
}

#[test]
fn what_went_wrong_shows_in_the_window_and_esc_closes_it() {
    let mut app = app();
    press(&mut app, KeyCode::Char('+'));
    typed(&mut app, "https://nothing.example/");
    press(&mut app, KeyCode::Enter);
    app.handle(Event::Discovery(DiscoveryReport::Failed(
        "no feed found at https://nothing.example/ (a web page with no feed links)".into(),
    )));
    let adding = app.window().adding();
    assert!(!adding.busy);
    assert!(
        adding
            .error
            .as_deref()
            .is_some_and(|e| e.starts_with("no feed found"))
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.window().open(), None);
}
