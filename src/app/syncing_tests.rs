//! Sync in the reader: when it is asked for, what `A` sends, what a sync brings, a change made
//! meanwhile winning, and the status line while the server is away.

use chrono::{TimeDelta, TimeZone};

use super::tests::{article, change_filter, settings};
use super::*;
use crate::model::ArticleId;
use crate::model::library::SourceKey;
use crate::model::{Article, Subscription};
use crate::store::{ReadScope, ServerFeed, StateChanges};
use crate::sync::{Outcome, Progress, Stage, Summary};
use crate::worker::refresh::RefreshRequest;
use crate::worker::store::StoreRequest;
use crate::worker::store::{ReadChange, StoreReport};
use crate::worker::sync::{Failure, SyncReport, SyncRequest};

const SERVER_FEED: &str = "https://server.example/feed";
const LOCAL_FEED: &str = "https://local.example/feed";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap()
}

/// A reader with a feed the sync server holds (articles 0..4) and one of its own (4..6),
/// syncing every 15 minutes.
fn app() -> App {
    app_with(|_| {})
}

/// The same, with what start-up read changed by `adjust`.
fn app_with(adjust: impl FnOnce(&mut Start)) -> App {
    let mut library = Library::new(Vec::new());
    library.merge(
        Some(SERVER_FEED),
        (0..4).map(|n| article(n, "News", "Text")).collect(),
    );
    library.merge(
        Some(LOCAL_FEED),
        (4..6).map(|n| article(n, "Home", "Text")).collect(),
    );
    let feed = |url: &str, every| Subscription {
        full_text: false,
        url: url.into(),
        name: None,
        tags: Vec::new(),
        every,
    };
    let mut start = Start {
        feeds: vec![feed(SERVER_FEED, Some(0)), feed(LOCAL_FEED, Some(10))],
        sync: Some(SyncSetup {
            every: 15,
            server_feeds: vec![SERVER_FEED.to_string()],
        }),
        ..Start::new(library, settings())
    };
    adjust(&mut start);
    let mut app = App::new(start, Size::new(120, 40), now());
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
    app.handle(Event::Sync(SyncReport::Finished(Ok(Box::new(outcome)))));
}

#[test]
fn r_syncs_and_refreshes_only_the_feeds_that_are_not_the_servers() {
    let mut app = app();
    let effects = app.update(Action::Refresh);
    assert_eq!(
        effects,
        [
            Effect::Sync(SyncRequest::Now),
            Effect::Refresh(RefreshRequest {
                add: Vec::new(),
                only: Some(vec![LOCAL_FEED.to_string()]),
                force: true
            })
        ]
    );
    // One sync at a time.
    assert!(
        !app.update(Action::Refresh)
            .contains(&Effect::Sync(SyncRequest::Now))
    );
    // R on an article of the server's feed: a sync, no refresh here.
    let mut app = super::syncing_tests::app();
    let position = app
        .list()
        .visible()
        .iter()
        .position(|&i| app.library.entry(i).article.id == id(0))
        .unwrap();
    app.list.select(position);
    assert_eq!(
        app.update(Action::RefreshFeed),
        [Effect::Sync(SyncRequest::Now)]
    );
}

#[test]
fn the_clock_syncs_every_so_often() {
    let mut app = app();
    assert_eq!(
        app.update(Action::Refresh)[0],
        Effect::Sync(SyncRequest::Now)
    );
    finished(&mut app, Outcome::default());
    let later = |minutes| now() + TimeDelta::minutes(minutes);
    assert!(
        !app.handle(Event::Tick(later(14)))
            .contains(&Effect::Sync(SyncRequest::Now))
    );
    assert!(
        app.handle(Event::Tick(later(15)))
            .contains(&Effect::Sync(SyncRequest::Now))
    );
    // Every 0: only when asked.
    let mut quiet = app_with(|start| {
        if let Some(sync) = &mut start.sync {
            sync.every = 0;
        }
    });
    assert!(
        !quiet
            .handle(Event::Tick(later(600)))
            .contains(&Effect::Sync(SyncRequest::Now))
    );
}

#[test]
fn a_mark_all_read_of_a_servers_list_goes_as_one_with_its_scope() {
    let mut app = app();
    let source = app
        .library
        .find_source(&SourceKey::Feed(SERVER_FEED.into()))
        .unwrap();
    change_filter(&mut app, |filter| {
        filter.sources.insert(source);
    });
    let effects = app.update(Action::MarkAllRead);
    let Effect::Store(StoreRequest::MarkAllRead { ids, scope }) = &effects[0] else {
        panic!("{effects:?}");
    };
    assert_eq!(ids.len(), 4);
    assert_eq!(*scope, ReadScope::Feed(SERVER_FEED.into()));
    // A search is no list the server knows: marked one by one.
    change_filter(&mut app, |filter| filter.search = "article".into());
    let effects = app.update(Action::MarkAllRead);
    assert!(
        matches!(
            effects[0],
            Effect::Store(StoreRequest::SetRead {
                change: ReadChange::MarkAll,
                ..
            })
        ),
        "{effects:?}"
    );
}

#[test]
fn what_a_sync_brings_joins_the_library_but_not_over_a_change_made_meanwhile() {
    let mut app = app();
    app.update(Action::Refresh);
    app.handle(Event::Sync(SyncReport::Progress(Progress {
        stage: Stage::Fetching,
        done: 100,
        total: 400,
    })));
    assert_eq!(
        app.sync().and_then(SyncView::activity).as_deref(),
        Some("syncing 100/400 articles")
    );
    // While it runs, article 1 is marked read here.
    let touched = app.library.position(&id(1)).unwrap();
    let position = app
        .list()
        .visible()
        .iter()
        .position(|&i| i == touched)
        .unwrap();
    app.list.select(position);
    let effects = app.update(Action::ToggleRead);
    assert!(matches!(
        effects[0],
        Effect::Store(StoreRequest::SetRead { read: true, .. })
    ));
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
            moved_feeds: Vec::new(),
        },
    );
    assert!(entry(&app, 0).is_read());
    assert!(entry(&app, 9).is_read() && entry(&app, 9).body_in_store);
    assert!(entry(&app, 2).bookmarked);
    // The server's "unread" is older than the change made here.
    assert!(!entry(&app, 1).is_read());
    assert_eq!(app.sync().and_then(SyncView::activity), None);
    assert!(app.status().unwrap().text.starts_with("synced: +1 new"));
    let server_feed = app
        .feeds()
        .statuses()
        .iter()
        .find(|f| f.url == SERVER_FEED)
        .unwrap();
    assert_eq!(server_feed.name, "The Server's Feed");
}

#[test]
fn while_the_server_is_away_the_status_line_counts_the_changes_waiting() {
    let mut app = app();
    app.update(Action::Refresh);
    app.handle(Event::Sync(SyncReport::Finished(Err(Failure {
        message: "cannot connect to rss.example (connection refused)".into(),
        queued: 2,
    }))));
    assert_eq!(
        app.sync().and_then(SyncView::offline_text).as_deref(),
        Some("offline: 2 changes waiting")
    );
    let status = app.status().cloned().unwrap();
    assert!(
        status.is_error && status.text.contains("connection refused"),
        "{status:?}"
    );
    app.handle(Event::Store(StoreReport::Queued(3)));
    assert_eq!(
        app.sync().and_then(SyncView::offline_text).as_deref(),
        Some("offline: 3 changes waiting")
    );
    // Back: the count goes.
    app.update(Action::Refresh);
    finished(&mut app, Outcome::default());
    assert_eq!(app.sync().and_then(SyncView::offline_text), None);
}

fn server_feed(title: &str, tags: &[&str]) -> ServerFeed {
    ServerFeed {
        stream: "feed/1".into(),
        url: SERVER_FEED.into(),
        title: title.into(),
        tags: tags.iter().map(ToString::to_string).collect(),
    }
}

fn source_row(app: &App, name: &str) -> Option<(usize, usize)> {
    app.nav().sources().iter().find_map(|&id| {
        let source = &app.library.sources()[id];
        (source.name == name).then_some((source.members.unread, source.members.total))
    })
}

/// The pane's row of the server's feed, by its address.
fn server_feed_row(app: &App) -> Option<(usize, usize)> {
    app.nav().sources().iter().find_map(|&id| {
        let source = &app.library.sources()[id];
        (source.key.feed_url() == Some(SERVER_FEED))
            .then_some((source.members.unread, source.members.total))
    })
}

fn tag_row(app: &App, name: &str) -> Option<(usize, usize)> {
    app.nav().tags().iter().find_map(|&id| {
        let tag = &app.library.tags()[id];
        (tag.tag.as_str() == name).then_some((tag.members.unread, tag.members.total))
    })
}

#[test]
fn the_pane_lists_the_servers_feeds_by_name_with_folders_as_tags_and_counts_its_marks() {
    // A first sync: nothing of the server here yet.
    let start = Start {
        sync: Some(SyncSetup {
            every: 0,
            server_feeds: Vec::new(),
        }),
        ..Start::new(Library::new(Vec::new()), settings())
    };
    let mut app = App::new(start, Size::new(120, 40), now());
    app.update(Action::Refresh);
    let new = (0..3)
        .map(|n| {
            let mut article = article(n, "World news", "");
            article.body = Default::default();
            article
        })
        .collect();
    finished(
        &mut app,
        Outcome {
            changes: StateChanges {
                read: vec![id(0)],
                ..StateChanges::default()
            },
            new: vec![(SERVER_FEED.to_string(), new)],
            feeds: vec![server_feed("World", &["World news"])],
            ..Outcome::default()
        },
    );
    assert_eq!(source_row(&app, "World"), Some((2, 3)));
    assert_eq!(tag_row(&app, "World news"), Some((2, 3)));
    assert_eq!(app.list().unread(), 2);
    // The server's read marks change the counts.
    app.update(Action::Refresh);
    finished(
        &mut app,
        Outcome {
            changes: StateChanges {
                read: vec![id(1), id(2)],
                unread: vec![id(0)],
                ..StateChanges::default()
            },
            feeds: vec![server_feed("World (renamed)", &["World news"])],
            ..Outcome::default()
        },
    );
    assert_eq!(source_row(&app, "World (renamed)"), Some((1, 3)));
    assert_eq!(tag_row(&app, "World news"), Some((1, 3)));
    assert_eq!(app.library.unread_count(), 1);
    assert_eq!(app.list().unread(), 1);
}

/// A sync after which the server no longer holds its feed.
fn drop_server_feed(app: &mut App) {
    app.update(Action::Refresh);
    finished(
        app,
        Outcome {
            removed_feeds: vec![SERVER_FEED.to_string()],
            moved_feeds: Vec::new(),
            ..Outcome::default()
        },
    );
}

#[test]
fn a_feed_the_server_dropped_leaves_the_list_and_the_pane_at_once_and_bookmarks_stay() {
    let mut app = app();
    let bookmarked = app.library.position(&id(0)).unwrap();
    app.library.entry_mut(bookmarked).bookmarked = true;
    // Reading an article of that feed, with the list narrowed to it.
    let source = app
        .library
        .find_source(&SourceKey::Feed(SERVER_FEED.into()))
        .unwrap();
    change_filter(&mut app, |filter| {
        filter.sources.insert(source);
    });
    app.update(Action::Open);
    assert_eq!(server_feed_row(&app), Some((4, 4)));

    drop_server_feed(&mut app);
    assert!(
        app.list().filter().sources.is_empty(),
        "no longer narrowed to it"
    );
    let shown: Vec<ArticleId> = app
        .list()
        .visible()
        .iter()
        .map(|&i| app.library.entry(i).article.id.clone())
        .collect();
    assert_eq!(shown, [id(4), id(5)]);
    assert_eq!(app.focus(), Focus::List, "the reader let go of the article");
    assert_eq!(server_feed_row(&app), None);
    assert_eq!(tag_row(&app, "News"), None, "its tag had no other articles");
    assert_eq!(app.nav().sources().len(), 1);
    assert_eq!(app.library.unread_count(), 2);
    assert_eq!(app.list().unread(), 2);
    let urls: Vec<&str> = app
        .feeds()
        .statuses()
        .iter()
        .map(|f| f.url.as_str())
        .collect();
    assert_eq!(urls, [LOCAL_FEED]);
    assert!(
        app.status()
            .unwrap()
            .text
            .ends_with("· 1 feed left the server"),
        "{:?}",
        app.status
    );
    // The bookmark stays, as a saved copy.
    app.update(Action::ShowBookmarks);
    assert_eq!(app.list().visible(), [bookmarked]);
    let reader = app.reader().view().unwrap();
    assert_eq!(reader.article, bookmarked);
    assert!(
        reader.wrapped.lines[1].text.ends_with("saved copy"),
        "{:?}",
        reader.wrapped.lines[1]
    );
    // A refresh asks for what is fetched here, as before.
    assert_eq!(app.fetched_here(None), Some(vec![LOCAL_FEED.to_string()]));
}

#[test]
fn a_feed_back_on_the_server_is_listed_again_with_what_it_brings() {
    let mut app = app();
    drop_server_feed(&mut app);
    app.update(Action::Refresh);
    let mut again = article(0, "News", "");
    again.body = Default::default();
    finished(
        &mut app,
        Outcome {
            new: vec![(SERVER_FEED.to_string(), vec![again])],
            feeds: vec![server_feed("Back", &["News"])],
            ..Outcome::default()
        },
    );
    assert_eq!(source_row(&app, "Back"), Some((1, 1)));
    assert!(entry(&app, 0).body_in_store);
    assert!(
        app.list()
            .visible()
            .contains(&app.library.position(&id(0)).unwrap())
    );
    assert_eq!(app.list().visible().len(), 3);
}

#[test]
fn a_feed_dropped_while_the_whole_list_was_read_stays_out_of_it() {
    let mut app = app_with(|start| start.newest_only = true);
    // The whole list was read before the sync took the feed away.
    let mut whole = Library::new(Vec::new());
    whole.merge(
        Some(SERVER_FEED),
        (0..8).map(|n| article(n, "News", "Text")).collect(),
    );
    drop_server_feed(&mut app);
    app.handle(Event::List(Ok(Box::new(
        crate::worker::list::FullLibrary {
            library: whole,
            problems: Vec::new(),
        },
    ))));
    let shown: Vec<ArticleId> = app
        .list()
        .visible()
        .iter()
        .map(|&i| app.library.entry(i).article.id.clone())
        .collect();
    assert_eq!(shown, [id(4), id(5)]);
    assert_eq!(server_feed_row(&app), None);
}

#[test]
fn a_feed_moved_to_another_folder_takes_its_articles_and_their_counts_along() {
    let mut app = app();
    // Article 0 read, so that the unread counts move too.
    let read = app.library.position(&id(0)).unwrap();
    app.library.set_read(read, true);
    let counts = |app: &App, name: &str| {
        app.library
            .tags()
            .iter()
            .find(|info| info.tag.as_str() == name)
            .map_or((0, 0), |info| (info.members.total, info.members.unread))
    };
    assert_eq!(counts(&app, "News"), (4, 3));
    finished(
        &mut app,
        Outcome {
            summary: Summary::default(),
            changes: StateChanges::default(),
            new: Vec::new(),
            feeds: vec![ServerFeed {
                stream: "feed/1".into(),
                url: SERVER_FEED.into(),
                title: "Feed".into(),
                tags: vec!["World".into()],
            }],
            removed_feeds: Vec::new(),
            moved_feeds: vec![crate::store::MovedFeed {
                url: SERVER_FEED.into(),
                from: vec!["News".into()],
                to: vec!["World".into()],
            }],
        },
    );
    assert_eq!(counts(&app, "News"), (0, 0));
    assert_eq!(counts(&app, "World"), (4, 3));
    let tags: Vec<&str> = entry(&app, 1)
        .article
        .tags
        .iter()
        .map(|t| t.as_str())
        .collect();
    assert_eq!(tags, ["World"]);
    // The local feed's articles keep theirs.
    assert_eq!(counts(&app, "Home"), (2, 2));
}
