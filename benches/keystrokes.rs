//! Keystrokes with a big library: each key press `App::handle`s on its own, with the state
//! it starts from set up (untimed) before it; and a full frame drawn after a move. The
//! library is a feed cache as the reader holds it (no bodies in memory; a search asks the
//! store's index for bodies, off this thread), but for the draw, which shows a body.
//!
//! Key benches run one press per sample (`sample_size = 1`): divan makes a sample's inputs
//! before timing it, so `with_inputs` is where the app is put back where the press starts.

mod common;

use std::cell::RefCell;

use common::{SIZES, bench_key, press, type_keys};
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use tidings::app::{App, Start};
use tidings::model::filter::{Filter, TagMode};
use tidings::ui;

/// The word typed in the search benches, one letter at a time.
const WORD: &str = "market";

fn main() {
    divan::main();
}

/// The navigation pane's cursor moved down to the first tag, below the feeds.
fn to_the_first_tag(app: &mut App) {
    for _ in 0..app.nav().sources().len() {
        press(app, KeyCode::Char('j'));
    }
}

/// Back to the top when the next move could reach the end of the list.
fn rewind_near_end(app: &mut App) {
    if app.list().selected() + 100 >= app.list().visible().len() {
        press(app, KeyCode::Char('g'));
    }
}

#[divan::bench(args = SIZES, sample_size = 1)]
fn move_down(bencher: Bencher, n: usize) {
    let app = common::app(common::cached_library(n));
    bench_key(bencher, app, rewind_near_end, KeyCode::Char('j'));
}

#[divan::bench(args = SIZES, sample_size = 1)]
fn page_down(bencher: Bencher, n: usize) {
    let app = common::app(common::cached_library(n));
    bench_key(bencher, app, rewind_near_end, KeyCode::PageDown);
}

/// `G` from the top of the list.
#[divan::bench(args = SIZES, sample_size = 1)]
fn jump_to_end(bencher: Bencher, n: usize) {
    let app = common::app(common::cached_library(n));
    bench_key(
        bencher,
        app,
        |app| press(app, KeyCode::Char('g')),
        KeyCode::Char('G'),
    );
}

/// Space in the navigation pane: selects the most used tag, with no tag selected before.
#[divan::bench(args = SIZES, sample_size = 1)]
fn toggle_tag(bencher: Bencher, n: usize) {
    let mut app = common::app(common::cached_library(n));
    press(&mut app, KeyCode::Char('t'));
    to_the_first_tag(&mut app);
    let unselect = |app: &mut App| {
        if !app.list().filter().tags.is_empty() {
            press(app, KeyCode::Char(' '));
        }
    };
    bench_key(bencher, app, unselect, KeyCode::Char(' '));
}

/// `a` with the two most used tags selected: from ANY to ALL.
#[divan::bench(args = SIZES, sample_size = 1)]
fn switch_any_all(bencher: Bencher, n: usize) {
    let mut app = common::app(common::cached_library(n));
    press(&mut app, KeyCode::Char('t'));
    to_the_first_tag(&mut app);
    type_keys(&mut app, " j ");
    assert_eq!(app.list().filter().tags.len(), 2);
    let back_to_any = |app: &mut App| {
        if app.list().filter().mode == TagMode::All {
            press(app, KeyCode::Char('a'));
        }
    };
    bench_key(bencher, app, back_to_any, KeyCode::Char('a'));
}

/// Letter `K` of "market" typed into the search, after the first `K - 1` (untimed). The
/// lower-case search texts are built before, as the background read of a large cache builds
/// them (`Library::prepare_search`); without that, the first search of a run builds them:
/// `search_first_letter_cold`.
#[divan::bench(consts = [1, 2, 3, 4, 5, 6], args = SIZES, sample_size = 1)]
fn search_letter<const K: usize>(bencher: Bencher, n: usize) {
    let app = common::app(common::cached_library(n));
    app.library().prepare_search();
    let typed_before = |app: &mut App| {
        if app.list().is_typing_search() {
            press(app, KeyCode::Esc);
        }
        press(app, KeyCode::Char('/'));
        type_keys(app, &WORD[..K - 1]);
    };
    bench_key(
        bencher,
        app,
        typed_before,
        KeyCode::Char(WORD.as_bytes()[K - 1].into()),
    );
}

/// The first letter of the first search of a run, which lays out every article's search text.
#[divan::bench(args = SIZES, sample_size = 1, max_time = 10)]
fn search_first_letter_cold(bencher: Bencher, n: usize) {
    let library = common::cached_library(n);
    bencher
        .with_inputs(|| {
            let mut app = common::app(library.clone());
            press(&mut app, KeyCode::Char('/'));
            app
        })
        .bench_local_refs(|app| press(app, KeyCode::Char('m')));
}

/// `B` from the whole list to the bookmarks view: one article in 100 bookmarked, and one in
/// 100 others un-starred on another device in the last days, listed below the bookmarks.
#[divan::bench(args = SIZES, sample_size = 1)]
fn show_bookmarks(bencher: Bencher, n: usize) {
    let mut library = common::cached_library(n);
    let mut unstarred = Vec::new();
    for index in (0..n).step_by(100) {
        library.entry_mut(index).bookmarked = true;
        let other = library.entry(index + 50).article.id.clone();
        unstarred.push((
            other,
            common::now() - chrono::TimeDelta::hours(index as i64),
        ));
    }
    let app = common::app_from(Start {
        unstarred,
        ..Start::new(library, common::settings())
    });
    let everything = |app: &mut App| {
        if app.list().filter().bookmarks_only {
            press(app, KeyCode::Char('B'));
        }
    };
    bench_key(bencher, app, everything, KeyCode::Char('B'));
}

/// `Filter::apply` with the two most used tags, any of them, without the app around it.
#[divan::bench(args = SIZES)]
fn filter_two_tags(bencher: Bencher, n: usize) {
    let library = common::cached_library(n);
    let filter = Filter {
        tags: library.tags_by_count().into_iter().take(2).collect(),
        ..Filter::default()
    };
    bencher.bench_local(|| filter.apply(&library));
}

/// `ui::draw` of a whole 120x40 frame to a `TestBackend`, after a move down (untimed).
#[divan::bench(args = SIZES, sample_size = 1)]
fn draw_after_move(bencher: Bencher, n: usize) {
    let app = RefCell::new(common::app(common::library(n)));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    bencher
        .with_inputs(|| {
            let mut app = app.borrow_mut();
            rewind_near_end(&mut app);
            press(&mut app, KeyCode::Char('j'));
        })
        .bench_local_values(|()| {
            let app = app.borrow();
            terminal.draw(|frame| ui::draw(frame, &app)).unwrap();
        });
}
