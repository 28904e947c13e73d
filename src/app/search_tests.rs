//! `/` in Chinese (issue 18): the titles' answer at once, then the store's index answering
//! through the store worker, as in the reader, with bodies found as well as titles; and the
//! search asked again when the cache has been indexed anew after an upgrade.

use std::sync::mpsc;
use std::time::Duration;

use chrono::TimeZone;
use ratatui::crossterm::event::KeyCode;

use super::tests::{press, settings};
use super::*;
use crate::model::{Article, Block, Body, Span};
use crate::store::{FeedState, Reindexing, Store};
use crate::worker::Handle;
use crate::worker::reindex::ReindexReport;
use crate::worker::store::{StoreReport, StoreWorker};

const FEED: &str = "https://tech.meituan.example/feed";

fn article(n: i64, title: &str, text: &str) -> Article {
    Article {
        id: ArticleId::from_identity(&format!("{FEED}#{n}")),
        title: title.into(),
        source: "美团技术团队".into(),
        author: None,
        published: Some(
            Utc.with_ymd_and_hms(2026, 10, 1, 0, 0, 0).unwrap() - chrono::Duration::hours(n),
        ),
        url: Some(format!("{FEED}/{n}")),
        tags: Vec::new(),
        body: Body {
            blocks: vec![Block::Paragraph(vec![Span::plain(text)])],
        },
    }
}

fn titles(app: &App) -> Vec<String> {
    app.visible
        .iter()
        .map(|&i| app.library.entry(i).article.title.clone())
        .collect()
}

/// Carries out the searches among `effects` on the store worker and hands the app what it
/// answers, as the reader's loop does.
fn answer(
    app: &mut App,
    worker: &Handle<StoreRequest>,
    inbox: &mpsc::Receiver<Event>,
    effects: Vec<Effect>,
) {
    for effect in effects {
        let Effect::Store(request @ StoreRequest::Search(_)) = effect else {
            continue;
        };
        worker.send(request);
        let event = inbox
            .recv_timeout(Duration::from_secs(10))
            .expect("the store worker answers");
        assert!(matches!(
            event,
            Event::Store(StoreReport::SearchHits { .. })
        ));
        app.handle(event);
    }
}

#[test]
fn slash_finds_chinese_in_the_titles_at_once_and_in_the_bodies_of_cached_articles() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let articles = [
        article(1, "配送系统的新设计", "我们用智能调度减少了骑手的等待。"),
        article(2, "智能手机上的新功能", "用户可以更快地下单。"),
        article(3, "数据库迁移", "我们把数据搬到了新的集群。"),
        article(4, "Harbour notes", "English only, no Chinese here."),
    ];
    let state = FeedState {
        url: FEED.into(),
        ..FeedState::default()
    };
    store.ingest(FEED, &articles, &state, Utc::now()).unwrap();
    let mut library = Library::new(Vec::new());
    for article in &articles {
        library.add_cached(
            FEED,
            Article {
                body: Body::default(),
                ..article.clone()
            },
        );
    }
    library.sort();
    let now = Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap();
    let mut app = App::new(library, settings(), Size::new(120, 40), now);
    app.handle(Event::Resize(120, 40));
    let (events, inbox) = mpsc::channel();
    let worker = Handle::spawn(&events, move |reply| StoreWorker::new(store, reply));

    press(&mut app, KeyCode::Char('/'));
    let effects = press(&mut app, KeyCode::Char('智'));
    assert_eq!(
        titles(&app),
        ["智能手机上的新功能"],
        "the titles' answer at once"
    );
    answer(&mut app, &worker, &inbox, effects);
    assert_eq!(
        titles(&app),
        ["配送系统的新设计", "智能手机上的新功能"],
        "one character, found in a body too"
    );
    let effects = press(&mut app, KeyCode::Char('能'));
    answer(&mut app, &worker, &inbox, effects);
    assert_eq!(titles(&app), ["配送系统的新设计", "智能手机上的新功能"]);
    for c in "调度".chars() {
        let effects = press(&mut app, KeyCode::Char(c));
        answer(&mut app, &worker, &inbox, effects);
    }
    assert_eq!(
        titles(&app),
        ["配送系统的新设计"],
        "four characters, in the body"
    );
    assert_eq!(app.search_before.as_deref(), Some(""));

    // Characters the text holds, but not together: nothing.
    for _ in 0..4 {
        press(&mut app, KeyCode::Backspace);
    }
    for c in "智调".chars() {
        let effects = press(&mut app, KeyCode::Char(c));
        answer(&mut app, &worker, &inbox, effects);
    }
    assert!(titles(&app).is_empty(), "{:?}", titles(&app));
    worker.stop();
}

#[test]
fn the_status_line_follows_a_reindex_and_its_end_asks_the_search_again() {
    let mut library = Library::new(Vec::new());
    library.add_cached(FEED, article(1, "数据库迁移", ""));
    library.sort();
    let now = Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap();
    let mut app = App::new(library, settings(), Size::new(120, 40), now);
    app.reindexing = Some(Reindexing { done: 0, total: 40 });
    press(&mut app, KeyCode::Char('/'));
    let effects = press(&mut app, KeyCode::Char('智'));
    assert_eq!(effects, [Effect::Store(StoreRequest::Search("智".into()))]);
    press(&mut app, KeyCode::Enter);
    app.handle(Event::Reindex(ReindexReport::Progress(Reindexing {
        done: 10,
        total: 40,
    })));
    assert_eq!(app.reindexing.map(Reindexing::percent), Some(25));
    let effects = app.handle(Event::Reindex(ReindexReport::Finished(Ok(()))));
    assert_eq!(app.reindexing, None);
    assert_eq!(
        effects,
        [Effect::Store(StoreRequest::Search("智".into()))],
        "asked again of the index now complete"
    );
    app.handle(Event::Reindex(ReindexReport::Finished(Err(
        "disk full".into()
    ))));
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.is_error && s.text.contains("disk full"))
    );
}
