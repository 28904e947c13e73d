//! The navigation pane and the unread workflow with a big library: 500 feeds, 2,000 tags
//! (the 60 of the pool and one of 2,000 topics on every article), each key press timed on
//! its own as `keystrokes` does; and mark-all-read in its two halves, the key (which asks
//! the store) and the store's answer (which updates the counts and the list).

mod common;

use std::cell::RefCell;

use common::{SIZES, bench_key, press};
use divan::Bencher;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use tidings::app::App;
use tidings::effect::Effect;
use tidings::event::Event;
use tidings::query::{self, Origin, SavedQuery};
use tidings::refresh::{FeedReport, FeedResult};
use tidings::worker::refresh::RefreshReport;
use tidings::worker::store::{StoreReport, StoreRequest};

fn main() {
    divan::main();
}

/// The app with the navigation pane focused, its cursor on the feeds.
fn in_the_pane(n: usize) -> App {
    let mut app = common::followed_app(n);
    press(&mut app, KeyCode::Char('t'));
    app
}

/// `j` in the pane, back to the top before the end of the feeds and tags.
#[divan::bench(args = SIZES, sample_size = 1)]
fn pane_move_down(bencher: Bencher, n: usize) {
    let rewind = |app: &mut App| {
        if app.nav().cursor() + 2 >= app.nav().len() {
            press(app, KeyCode::Char('g'));
        }
    };
    bench_key(bencher, in_the_pane(n), rewind, KeyCode::Char('j'));
}

/// `G` in the pane: from the first feed to the last of 2,000 tags.
#[divan::bench(args = SIZES, sample_size = 1)]
fn pane_to_the_end(bencher: Bencher, n: usize) {
    let top = |app: &mut App| press(app, KeyCode::Char('g'));
    bench_key(bencher, in_the_pane(n), top, KeyCode::Char('G'));
}

/// Space on a feed: the list narrows to it, from everything.
#[divan::bench(args = SIZES, sample_size = 1)]
fn select_a_feed(bencher: Bencher, n: usize) {
    let unselect = |app: &mut App| {
        if !app.list().filter().sources.is_empty() {
            press(app, KeyCode::Char(' '));
        }
    };
    bench_key(bencher, in_the_pane(n), unselect, KeyCode::Char(' '));
}

/// `u` in the list of everything: unread only.
#[divan::bench(args = SIZES, sample_size = 1)]
fn unread_only(bencher: Bencher, n: usize) {
    let app = common::followed_app(n);
    let everything = |app: &mut App| {
        if app.list().filter().unread_only {
            press(app, KeyCode::Char('u'));
        }
    };
    bench_key(bencher, app, everything, KeyCode::Char('u'));
}

/// `]` from the top of the list: the first unread article, opened in the reader.
#[divan::bench(args = SIZES, sample_size = 1)]
fn next_unread(bencher: Bencher, n: usize) {
    let app = common::followed_app(n);
    let at_the_top = |app: &mut App| {
        press(app, KeyCode::Esc);
        press(app, KeyCode::Char('g'));
    };
    bench_key(bencher, app, at_the_top, KeyCode::Char(']'));
}

/// `A` on the whole list: every unread article's id gathered for the store.
#[divan::bench(args = SIZES, sample_size = 1)]
fn mark_all_read_key(bencher: Bencher, n: usize) {
    let app = RefCell::new(common::followed_app(n));
    bencher.bench_local(|| press(&mut app.borrow_mut(), KeyCode::Char('A')));
}

/// The store's answer to `A` on the whole list: every article read, the counts of 500 feeds
/// and 2,000 tags and the list brought up to date.
#[divan::bench(args = SIZES, sample_size = 1)]
fn mark_all_read_answer(bencher: Bencher, n: usize) {
    let app = RefCell::new(common::followed_app(n));
    bencher
        .with_inputs(|| {
            // Everything unread again (the last `A` undone), then `A`, untimed.
            let mut app = app.borrow_mut();
            let undo = app.handle(Event::Key(KeyEvent::from(KeyCode::Char('U'))));
            if let Some(Effect::Store(StoreRequest::SetRead { ids, read, change })) =
                undo.into_iter().next()
            {
                app.handle(Event::Store(StoreReport::ReadSet { ids, read, change }));
            }
            let effects = app.handle(Event::Key(KeyEvent::from(KeyCode::Char('A'))));
            match effects.into_iter().next() {
                Some(Effect::Store(StoreRequest::SetRead { ids, read, change })) => {
                    StoreReport::ReadSet { ids, read, change }
                }
                other => panic!("A asked for {other:?}"),
            }
        })
        .bench_local_values(|report| app.borrow_mut().handle(Event::Store(report)));
}

/// A refresh of a large feed lands while the list shows everything: one of 20 feeds, its
/// 5,000 articles (at 100,000) sent again unchanged, as a server that ignores conditional
/// requests sends them, merged into the library, the counts and the list.
#[divan::bench(args = SIZES, sample_size = 1)]
fn a_refresh_lands(bencher: Bencher, n: usize) {
    let app = RefCell::new(common::app(common::cached_library(n)));
    let url = common::feed_url(0);
    bencher
        .with_inputs(|| {
            let app = app.borrow();
            let articles: Vec<_> = app
                .library()
                .entries()
                .iter()
                .filter(|entry| entry.feed.as_deref() == Some(url.as_str()))
                .map(|entry| entry.article.clone())
                .collect();
            Event::Refresh(RefreshReport::Feed {
                done: 1,
                report: FeedReport {
                    read: Vec::new(),
                    bookmarked: Vec::new(),
                    url: url.clone(),
                    name: url.clone(),
                    result: FeedResult::Updated { new: 0, updated: 0 },
                    articles,
                },
            })
        })
        .bench_local_values(|event| app.borrow_mut().handle(event));
}

/// Twenty saved queries of the kinds people keep (flags, tags, feeds, title patterns, ages).
fn twenty_queries() -> Vec<SavedQuery> {
    (0..20)
        .map(|i| {
            let text = match i % 5 {
                0 => format!("is:unread tag:\"topic {i}\""),
                1 => format!(
                    "feed:\"Feed number {i}\" OR feed:\"Feed number {}\"",
                    i + 100
                ),
                2 => format!(
                    "title:/{}/ -is:read",
                    ["rust", "storm", "market", "city"][i % 4]
                ),
                3 => "age<3d is:unread".to_string(),
                _ => format!("is:bookmarked OR tag:\"topic {}\"", i * 7),
            };
            SavedQuery {
                name: format!("Query {i}"),
                query: query::parse(&text).expect("a query"),
                origin: Origin::Config,
            }
        })
        .collect()
}

/// The app of the pane benches with twenty saved queries, the pane focused on the first.
fn with_queries(n: usize) -> App {
    let mut app = common::followed_app_with(n, twenty_queries());
    press(&mut app, KeyCode::Char('t'));
    app
}

/// Space on a saved query: the list narrows to its articles, from everything.
#[divan::bench(args = SIZES, sample_size = 1)]
fn select_a_saved_query(bencher: Bencher, n: usize) {
    let unselect = |app: &mut App| {
        if !app.list().filter().queries.is_empty() {
            press(app, KeyCode::Char(' '));
        }
    };
    bench_key(bencher, with_queries(n), unselect, KeyCode::Char(' '));
}

/// `m` on an article with twenty saved queries: the read mark, and every query's counts
/// mended for that one article when the store answers.
#[divan::bench(args = SIZES, sample_size = 1)]
fn mark_read_with_saved_queries(bencher: Bencher, n: usize) {
    let app = RefCell::new(with_queries(n));
    press(&mut app.borrow_mut(), KeyCode::Tab);
    bencher
        .with_inputs(|| {
            let app = app.borrow();
            let index = app.list().visible()[0];
            let id = app.library().entry(index).article.id.clone();
            let read = app.library().entry(index).is_read();
            (id, read)
        })
        .bench_local_values(|(id, read)| {
            app.borrow_mut().handle(Event::Store(StoreReport::ReadSet {
                ids: vec![id],
                read: !read,
                change: tidings::worker::store::ReadChange::Toggle,
            }))
        });
}
