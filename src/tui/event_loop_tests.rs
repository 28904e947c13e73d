//! The event loop hands every effect the app asks for to a worker: those of keys, those of
//! the workers' answers, and those of the start, once the first frame is drawn.

use std::cell::RefCell;
use std::sync::mpsc;

use chrono::{FixedOffset, TimeZone, Utc};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::app::Settings;
use crate::config::Config;
use crate::keymap::Keymap;
use crate::model::library::Library;
use crate::model::{Article, ArticleId, Block, Body, Subscription};
use crate::refresh::Summary;
use crate::theme::Theme;
use crate::worker::desktop::DesktopRequest;
use crate::worker::refresh::RefreshReport;
use crate::worker::store::{StoreReport, StoreRequest};

/// Keeps every effect it is handed, in order.
#[derive(Default)]
struct Recorder {
    effects: RefCell<Vec<Effect>>,
}

impl Dispatch for Recorder {
    fn carry_out(&self, effect: Effect) {
        self.effects.borrow_mut().push(effect);
    }
}

const FEED: &str = "https://example.com/feed.xml";

fn article(n: usize) -> Article {
    Article {
        id: ArticleId::from_identity(&format!("loop:{n}")),
        title: format!("Article {n}"),
        source: "Loop".into(),
        author: None,
        published: Some(Utc.with_ymd_and_hms(2026, 10, 1, n as u32, 0, 0).unwrap()),
        url: Some(format!("https://example.com/{n}")),
        tags: Vec::new(),
        body: Body {
            blocks: vec![Block::Heading(format!("Body {n}"))],
        },
    }
}

/// An app of three articles of one feed, as the reader starts with it.
fn app() -> App {
    let mut library = Library::default();
    library.merge(Some(FEED), (0..3).map(article).collect());
    let config = Config::default();
    let settings = Settings {
        layout: config.layout.clone(),
        date_format: "%Y-%m-%d".into(),
        offset: FixedOffset::east_opt(0).unwrap(),
        theme: Theme::new(&config.theme, true),
        keymap: Keymap::default(),
        refresh_every: 30,
    };
    let now = Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap();
    let mut app = App::new(library, settings, Size::new(120, 40), now);
    let feed = Subscription {
        full_text: true,
        url: FEED.into(),
        name: None,
        tags: Vec::new(),
        every: None,
    };
    app.set_feeds(&[feed], &std::collections::HashMap::new());
    app.refresh_when_started();
    app
}

fn key(c: char) -> Event {
    let code = match c {
        '\n' => KeyCode::Enter,
        c => KeyCode::Char(c),
    };
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Keys, and the answers of the workers to some of them, as they would come.
fn script() -> Vec<Event> {
    let opened = ArticleId::from_identity("loop:1");
    vec![
        key('j'),
        key('\n'),
        Event::Store(StoreReport::MarkedRead(opened.clone())),
        key('b'),
        key('o'),
        Event::Desktop(Ok("opened https://example.com/1".into())),
        key('y'),
        Event::Store(StoreReport::BookmarkSaved(opened)),
        Event::Refresh(RefreshReport::Finished(Summary::default())),
        key('r'),
        Event::Refresh(RefreshReport::Finished(Summary {
            feeds: 1,
            ..Summary::default()
        })),
        key('q'),
    ]
}

#[test]
fn every_effect_an_update_returns_is_handed_to_a_worker() {
    let size = Size::new(120, 40);
    // What the app asks for, event by event, straight from `start` and `handle`.
    let mut twin = app();
    let mut asked = twin.start(size);
    for event in script() {
        asked.extend(twin.handle(event));
    }

    let (events, inbox) = mpsc::channel();
    for event in script() {
        events.send(event).unwrap();
    }
    let recorder = Recorder::default();
    let mut frames = 0;
    let mut app = app();
    run(&mut app, size, &inbox, &recorder, |_| {
        if frames == 0 {
            assert!(
                recorder.effects.borrow().is_empty(),
                "the first frame is drawn before what the start asks is carried out"
            );
        }
        frames += 1;
        Ok(())
    })
    .unwrap();

    let carried_out = recorder.effects.into_inner();
    assert_eq!(carried_out, asked, "none left behind, none added");
    // The script made effects of every kind it can: of keys, of the start, and of answers.
    let has = |wanted: fn(&Effect) -> bool| carried_out.iter().any(wanted);
    assert!(has(|e| matches!(e, Effect::Refresh(_))), "{carried_out:?}");
    assert!(has(|e| matches!(
        e,
        Effect::Store(StoreRequest::MarkRead(_))
    )));
    assert!(has(|e| matches!(
        e,
        Effect::Store(StoreRequest::SaveBookmark(_))
    )));
    assert!(has(|e| matches!(
        e,
        Effect::Desktop(DesktopRequest::Open(_))
    )));
    assert!(has(|e| matches!(
        e,
        Effect::Desktop(DesktopRequest::Copy(_))
    )));
    assert!(
        has(|e| matches!(e, Effect::FullText(_))),
        "the end of a refresh, a worker's answer, asks for the full texts"
    );
    assert!(app.quitting());
}

#[test]
fn the_loop_ends_when_its_events_end() {
    let (events, inbox) = mpsc::channel();
    events.send(key('j')).unwrap();
    drop(events);
    let recorder = Recorder::default();
    let mut app = app();
    run(&mut app, Size::new(80, 24), &inbox, &recorder, |_| Ok(())).unwrap();
    assert!(!app.quitting());
}

#[test]
fn a_crashed_thread_ends_the_loop_with_an_error() {
    let (events, inbox) = mpsc::channel();
    events.send(Event::Crashed).unwrap();
    let recorder = Recorder::default();
    let mut app = app();
    let error = run(&mut app, Size::new(80, 24), &inbox, &recorder, |_| Ok(())).unwrap_err();
    assert_eq!(error.to_string(), CRASHED);
}
