//! Sync in the reader: when it is asked for, what `A` sends, what a sync brings, a change made
//! meanwhile winning, and the status line while the server is away.

use std::collections::HashMap;

use chrono::{TimeDelta, TimeZone};

use super::tests::{article, settings};
use super::*;
use crate::effect::ReadChange;
use crate::event::StoreReport;
use crate::model::library::SourceKey;
use crate::model::{Article, Subscription};
use crate::store::{ReadScope, ServerFeed, StateChanges};
use crate::sync::{Failure, Outcome, Progress, Stage, Summary, SyncEvent};

const SERVER_FEED: &str = "https://server.example/feed";
const LOCAL_FEED: &str = "https://local.example/feed";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap()
}

/// A reader with a feed the sync server holds (articles 0..4) and one of its own (4..6),
/// syncing every 15 minutes.
fn app() -> App {
    let mut library = Library::new(Vec::new());
    library.merge(
        Some(SERVER_FEED),
        (0..4).map(|n| article(n, "News", "Text")).collect(),
    );
    library.merge(
        Some(LOCAL_FEED),
        (4..6).map(|n| article(n, "Home", "Text")).collect(),
    );
    let mut app = App::new(library, settings(), Size::new(120, 40), now());
    let feed = |url: &str, every| Subscription {
        full_text: false,
        url: url.into(),
        name: None,
        tags: Vec::new(),
        every,
    };
    app.set_feeds(
        &[feed(SERVER_FEED, Some(0)), feed(LOCAL_FEED, Some(10))],
        &HashMap::new(),
    );
    app.enable_sync(15, [SERVER_FEED.to_string()]);
    app.handle(Event::Resize(120, 40));
    app
}

fn id(n: usize) -> ArticleId {
    article(n, "", "").id
}

fn entry(app: &App, n: usize) -> &crate::model::library::Entry {
    app.library.entry(app.library.position(&id(n)).unwrap())
}

fn finished(app: &mut App, outcome: Outcome) {
    app.handle(Event::Sync(SyncEvent::Finished(Ok(Box::new(outcome)))));
}

#[test]
fn r_syncs_and_refreshes_only_the_feeds_that_are_not_the_servers() {
    let mut app = app();
    let effects = app.update(Action::Refresh);
    assert_eq!(
        effects,
        [
            Effect::Sync,
            Effect::Refresh {
                only: Some(vec![LOCAL_FEED.to_string()]),
                force: true
            }
        ]
    );
    // One sync at a time.
    assert!(!app.update(Action::Refresh).contains(&Effect::Sync));
    // R on an article of the server's feed: a sync, no refresh here.
    let mut app = super::sync_tests::app();
    app.selected = app
        .visible
        .iter()
        .position(|&i| app.library.entry(i).article.id == id(0))
        .unwrap();
    assert_eq!(app.update(Action::RefreshFeed), [Effect::Sync]);
}

#[test]
fn the_clock_syncs_every_so_often() {
    let mut app = app();
    assert_eq!(app.update(Action::Refresh)[0], Effect::Sync);
    finished(&mut app, Outcome::default());
    let later = |minutes| now() + TimeDelta::minutes(minutes);
    assert!(!app.handle(Event::Tick(later(14))).contains(&Effect::Sync));
    assert!(app.handle(Event::Tick(later(15))).contains(&Effect::Sync));
    // Every 0: only when asked.
    let mut quiet = app;
    quiet.enable_sync(0, [SERVER_FEED.to_string()]);
    assert!(
        !quiet
            .handle(Event::Tick(later(600)))
            .contains(&Effect::Sync)
    );
}

#[test]
fn a_mark_all_read_of_a_servers_list_goes_as_one_with_its_scope() {
    let mut app = app();
    let source = app
        .library
        .find_source(&SourceKey::Feed(SERVER_FEED.into()))
        .unwrap();
    app.filter.sources.insert(source);
    app.refilter_all();
    let effects = app.update(Action::MarkAllRead);
    let Effect::MarkAllRead { ids, scope } = &effects[0] else {
        panic!("{effects:?}");
    };
    assert_eq!(ids.len(), 4);
    assert_eq!(*scope, ReadScope::Feed(SERVER_FEED.into()));
    // A search is no list the server knows: marked one by one.
    app.filter.search = "article".into();
    app.refilter_all();
    let effects = app.update(Action::MarkAllRead);
    assert!(
        matches!(
            effects[0],
            Effect::SetRead {
                change: ReadChange::MarkAll,
                ..
            }
        ),
        "{effects:?}"
    );
}

#[test]
fn what_a_sync_brings_joins_the_library_but_not_over_a_change_made_meanwhile() {
    let mut app = app();
    app.update(Action::Refresh);
    app.handle(Event::Sync(SyncEvent::Progress(Progress {
        stage: Stage::Fetching,
        done: 100,
        total: 400,
    })));
    assert_eq!(
        app.sync_activity().as_deref(),
        Some("syncing 100/400 articles")
    );
    // While it runs, article 1 is marked read here.
    let touched = app.library.position(&id(1)).unwrap();
    app.selected = app.visible.iter().position(|&i| i == touched).unwrap();
    let effects = app.update(Action::ToggleRead);
    assert!(matches!(effects[0], Effect::SetRead { read: true, .. }));
    let mut new_article: Article = article(9, "News", "");
    new_article.body = Default::default();
    finished(
        &mut app,
        Outcome {
            summary: Summary {
                new: 1,
                pulled: 3,
                ..Summary::default()
            },
            changes: StateChanges {
                read: vec![id(0), id(9)],
                unread: vec![id(1)],
                starred: vec![id(2)],
                unstarred: Vec::new(),
            },
            new: vec![(SERVER_FEED.to_string(), vec![new_article])],
            feeds: vec![ServerFeed {
                stream: "feed/1".into(),
                url: SERVER_FEED.into(),
                title: "The Server's Feed".into(),
                tags: vec!["News".into()],
            }],
            removed_feeds: Vec::new(),
        },
    );
    assert!(entry(&app, 0).is_read());
    assert!(entry(&app, 9).is_read() && entry(&app, 9).body_in_store);
    assert!(entry(&app, 2).bookmarked);
    // The server's "unread" is older than the change made here.
    assert!(!entry(&app, 1).is_read());
    assert_eq!(app.sync_activity(), None);
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .starts_with("synced: +1 new")
    );
    assert_eq!(app.feeds[0].name, "The Server's Feed");
}

#[test]
fn while_the_server_is_away_the_status_line_counts_the_changes_waiting() {
    let mut app = app();
    app.update(Action::Refresh);
    app.handle(Event::Sync(SyncEvent::Finished(Err(Failure {
        message: "cannot connect to rss.example (connection refused)".into(),
        queued: 2,
    }))));
    assert_eq!(
        app.offline_text().as_deref(),
        Some("offline: 2 changes waiting")
    );
    let status = app.status.clone().unwrap();
    assert!(
        status.is_error && status.text.contains("connection refused"),
        "{status:?}"
    );
    app.handle(Event::Store(StoreReport::Queued(3)));
    assert_eq!(
        app.offline_text().as_deref(),
        Some("offline: 3 changes waiting")
    );
    // Back: the count goes.
    app.update(Action::Refresh);
    finished(&mut app, Outcome::default());
    assert_eq!(app.offline_text(), None);
}
